//! Load on the live connections: N boards × M clients over loopback, each client making a
//! change every so often over its WebSocket. Prints how long a change takes from being
//! sent by one client to being seen by the others on its board (p50/p95/p99), how many
//! changes the server accepted per second, and the server's memory.
//!
//! Run by `cargo xtask bench live` against the release server with the demo seeded:
//! `live_load --base http://127.0.0.1:PORT [--boards 200] [--clients 5] [--seconds 20]
//! [--interval-ms 2000] [--server-pid PID]`. Figures only; nothing here passes or fails.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use futures_util::{SinkExt, StreamExt};
use model::{
    BoardId, CardId, ClientMsg, ClientOpId, CreateBoard, Operation, OrderKey, Placement, ServerMsg,
};
use reqwest::cookie::{CookieStore, Jar};
use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest};
use uuid::Uuid;

struct Args {
    base: String,
    boards: usize,
    clients: usize,
    seconds: u64,
    interval_ms: u64,
    server_pid: Option<u32>,
}

fn args() -> Args {
    let mut a = Args {
        base: "http://127.0.0.1:8080".into(),
        boards: 200,
        clients: 5,
        seconds: 20,
        interval_ms: 2000,
        server_pid: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--base" => a.base = value,
            "--boards" => a.boards = value.parse().expect("--boards N"),
            "--clients" => a.clients = value.parse().expect("--clients M"),
            "--seconds" => a.seconds = value.parse().expect("--seconds S"),
            "--interval-ms" => a.interval_ms = value.parse().expect("--interval-ms MS"),
            "--server-pid" => a.server_pid = value.parse().ok(),
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

/// When each change was sent, per board, so that the other clients can time it.
type Sent = Arc<Mutex<HashMap<ClientOpId, Instant>>>;

#[derive(Default)]
struct Totals {
    latencies_us: Mutex<Vec<u64>>,
    accepted: AtomicU64,
    refused: AtomicU64,
    sent: AtomicU64,
}

fn memory(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<u64>()
            .ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

#[allow(clippy::too_many_arguments, reason = "one client's whole setting")]
async fn client(
    base: String,
    cookie: String,
    board: BoardId,
    sent: Sent,
    totals: Arc<Totals>,
    stop: Arc<AtomicBool>,
    interval: Duration,
    offset: Duration,
    ready: Arc<AtomicU64>,
    mut go: tokio::sync::watch::Receiver<bool>,
) {
    let url = format!(
        "{}/api/boards/{board}/live",
        base.replace("http://", "ws://")
    );
    let mut req = url.into_client_request().unwrap();
    req.headers_mut().insert("origin", base.parse().unwrap());
    req.headers_mut().insert("cookie", cookie.parse().unwrap());
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(req, None, true)
        .await
        .expect("the live connection opens");
    let hello = ClientMsg::Hello {
        protocol: model::PROTOCOL,
        since: None,
    };
    ws.send(Message::Text(serde_json::to_string(&hello).unwrap().into()))
        .await
        .unwrap();
    let mine: Arc<Mutex<std::collections::HashSet<ClientOpId>>> = Arc::default();
    let (mut tx, mut rx) = ws.split();
    let reader = {
        let (sent, totals, mine) = (sent.clone(), totals.clone(), mine.clone());
        let ready = ready.clone();
        tokio::spawn(async move {
            while let Some(Ok(msg)) = rx.next().await {
                let Message::Text(body) = msg else { continue };
                match serde_json::from_str::<ServerMsg>(&body) {
                    Ok(ServerMsg::Welcome { .. }) => {
                        ready.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(ServerMsg::Event { event }) => {
                        let now = Instant::now();
                        if mine.lock().unwrap().remove(&event.client_op_id) {
                            totals.accepted.fetch_add(1, Ordering::Relaxed);
                        } else if let Some(at) = sent.lock().unwrap().get(&event.client_op_id) {
                            let us = now.duration_since(*at).as_micros() as u64;
                            totals.latencies_us.lock().unwrap().push(us);
                        }
                    }
                    Ok(ServerMsg::Rejected { client_op_id, .. }) => {
                        mine.lock().unwrap().remove(&client_op_id);
                        totals.refused.fetch_add(1, Ordering::Relaxed);
                    }
                    _ => {}
                }
            }
        })
    };
    // Everyone connects first; then the changes start, spread over one interval.
    let _ = go.wait_for(|g| *g).await;
    tokio::time::sleep(offset).await;
    let placement = Placement::cell("jobb", "na").unwrap();
    let mut n = 0u64;
    while !stop.load(Ordering::Relaxed) {
        let id = ClientOpId(Uuid::new_v4());
        n += 1;
        let op = Operation::CreateCard {
            card_id: CardId(Uuid::new_v4()),
            placement: placement.clone(),
            order: OrderKey::between(None, None).to_string(),
            text: format!("Endring {n}"),
        };
        let msg = ClientMsg::Op {
            client_op_id: id,
            base_version: 0,
            op,
        };
        mine.lock().unwrap().insert(id);
        sent.lock().unwrap().insert(id, Instant::now());
        totals.sent.fetch_add(1, Ordering::Relaxed);
        if tx
            .send(Message::Text(serde_json::to_string(&msg).unwrap().into()))
            .await
            .is_err()
        {
            break;
        }
        tokio::time::sleep(interval).await;
    }
    // Let the last answers arrive, then go.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let _ = tx.close().await;
    reader.abort();
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let a = args();
    let jar = Arc::new(Jar::default());
    let http = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .build()
        .unwrap();
    let login = http
        .post(format!("{}/api/auth/login", a.base))
        .json(&model::LoginRequest {
            email: "ola@duk.test".into(),
            password: "duk-demo-passord".into(),
        })
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success(), "the demo must be seeded");
    let cookie = jar
        .cookies(&a.base.parse().unwrap())
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let mut boards = Vec::with_capacity(a.boards);
    for i in 0..a.boards {
        let res = http
            .post(format!("{}/api/boards", a.base))
            .json(&CreateBoard {
                citizen_name: format!("Last {i}"),
                title: None,
                short_term_by: None,
                long_term_by: None,
            })
            .send()
            .await
            .unwrap();
        let board: model::Board = res.json().await.unwrap();
        boards.push(board.id);
    }
    let before = a.server_pid.and_then(memory);
    let totals = Arc::new(Totals::default());
    let stop = Arc::new(AtomicBool::new(false));
    let ready = Arc::new(AtomicU64::new(0));
    let (go_tx, go_rx) = tokio::sync::watch::channel(false);
    let interval = Duration::from_millis(a.interval_ms);
    let mut tasks = Vec::new();
    let total_clients = a.boards * a.clients;
    for (b, board) in boards.iter().enumerate() {
        let sent: Sent = Arc::default();
        for c in 0..a.clients {
            // Spread the clients' first changes over one interval.
            let k = (b * a.clients + c) as u64;
            let offset = interval * (k as u32) / (total_clients as u32).max(1);
            tasks.push(tokio::spawn(client(
                a.base.clone(),
                cookie.clone(),
                *board,
                sent.clone(),
                totals.clone(),
                stop.clone(),
                interval,
                offset,
                ready.clone(),
                go_rx.clone(),
            )));
        }
    }
    let opening = Instant::now();
    while ready.load(Ordering::SeqCst) < total_clients as u64 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let opened_in = opening.elapsed();
    let _ = go_tx.send(true);
    let connected = Instant::now();
    tokio::time::sleep(Duration::from_secs(a.seconds)).await;
    let during = a.server_pid.and_then(memory);
    stop.store(true, Ordering::Relaxed);
    let elapsed = connected.elapsed();
    for t in tasks {
        let _ = t.await;
    }
    let mut lat = std::mem::take(&mut *totals.latencies_us.lock().unwrap());
    lat.sort_unstable();
    let accepted = totals.accepted.load(Ordering::Relaxed);
    println!(
        "{} boards × {} clients = {total_clients} live connections, one change per client every {} ms, {} s",
        a.boards, a.clients, a.interval_ms, a.seconds
    );
    println!(
        "  all {total_clients} connections open and welcomed in {:.2} s",
        opened_in.as_secs_f64()
    );
    println!(
        "  sent {} changes, accepted {accepted}, refused {}; accepted {:.0} changes/s",
        totals.sent.load(Ordering::Relaxed),
        totals.refused.load(Ordering::Relaxed),
        accepted as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  change → visible on another client of the board ({} deliveries): p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        lat.len(),
        percentile(&lat, 0.50),
        percentile(&lat, 0.95),
        percentile(&lat, 0.99),
        lat.last().map_or(f64::NAN, |v| *v as f64 / 1000.0)
    );
    match (before, during) {
        (Some((rss0, _)), Some((rss, hwm))) => println!(
            "  server memory: {:.1} MB before the clients, {:.1} MB with them (peak {:.1} MB)",
            rss0 as f64 / 1024.0,
            rss as f64 / 1024.0,
            hwm as f64 / 1024.0
        ),
        _ => println!("  server memory: not read (pass --server-pid)"),
    }
}
