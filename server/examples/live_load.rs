//! Load on the live connections: N boards × M clients over loopback, each client making
//! changes over its WebSocket. Prints how many changes the server accepted per second, how
//! long a change takes from being sent by one client to being seen by the others on its
//! board (p50/p95/p99), how long from being made, and the server's memory.
//!
//! Each client behaves as a well-mannered app does: it makes a change every
//! `--interval-ms` and keeps at most `--window` changes on the wire unanswered; changes
//! made meanwhile wait at the client, in order, and go as answers come back. So a server
//! that cannot keep up shows it as changes waiting at the clients (made → visible grows),
//! while what it has taken on is timed from when it was sent (sent → visible). With
//! `--interval-ms 0` each client sends its next change as soon as the last is answered:
//! the server runs flat out, and the accepted rate is its peak.
//!
//! Run by `cargo xtask bench live` against the release server with the demo seeded:
//! `live_load --base http://127.0.0.1:PORT [--boards 200] [--clients 5] [--seconds 20]
//! [--interval-ms 2000] [--window 1] [--server-pid PID]`. Figures only; nothing here
//! passes or fails.

use std::{
    collections::{HashMap, VecDeque},
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
    window: usize,
    server_pid: Option<u32>,
}

fn args() -> Args {
    let mut a = Args {
        base: "http://127.0.0.1:8080".into(),
        boards: 200,
        clients: 5,
        seconds: 20,
        interval_ms: 2000,
        window: 1,
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
            "--window" => a.window = value.parse::<usize>().expect("--window N").max(1),
            "--server-pid" => a.server_pid = value.parse().ok(),
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

/// When each change of a board was made and sent, so that the other clients can time it.
type Times = Arc<Mutex<HashMap<ClientOpId, (Instant, Instant)>>>;

#[derive(Default)]
struct Totals {
    sent_to_seen_us: Mutex<Vec<u64>>,
    made_to_seen_us: Mutex<Vec<u64>>,
    made: AtomicU64,
    sent: AtomicU64,
    accepted: AtomicU64,
    refused: AtomicU64,
    refusals: Mutex<std::collections::BTreeMap<String, u64>>,
    waiting: AtomicU64,
    /// Whether the measured period is on (changes accepted before or after do not count).
    counting: AtomicBool,
    accepted_counting: AtomicU64,
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

/// A client's `n`th change: the first adds its own card, the rest edit its text (as in a
/// meeting, where most changes are edits and moves; a board also holds at most 2,000
/// cards).
fn change(card: CardId, n: u64) -> (ClientOpId, Operation) {
    let text = format!("Endring {n}");
    let op = if n == 1 {
        Operation::CreateCard {
            card_id: card,
            placement: Placement::cell("jobb", "na").unwrap(),
            order: OrderKey::between(None, None).to_string(),
            text,
        }
    } else {
        Operation::EditCard {
            card_id: card,
            text: Some(text),
            responsible: model::Patch::Keep,
            due: model::Patch::Keep,
            status: None,
            note: model::Patch::Keep,
        }
    };
    (ClientOpId(Uuid::new_v4()), op)
}

/// One client's setting.
struct Client {
    base: String,
    cookie: String,
    board: BoardId,
    times: Times,
    totals: Arc<Totals>,
    stop: Arc<AtomicBool>,
    interval: Option<Duration>,
    window: usize,
    offset: Duration,
    ready: Arc<AtomicU64>,
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn send(ws: &mut Socket, msg: &ClientMsg) -> bool {
    let text = serde_json::to_string(msg).expect("client messages serialise");
    ws.send(Message::Text(text.into())).await.is_ok()
}

impl Client {
    async fn run(self, mut go: tokio::sync::watch::Receiver<bool>) {
        let url = format!(
            "{}/api/boards/{}/live",
            self.base.replace("http://", "ws://"),
            self.board
        );
        let mut req = url.into_client_request().unwrap();
        req.headers_mut()
            .insert("origin", self.base.parse().unwrap());
        req.headers_mut()
            .insert("cookie", self.cookie.parse().unwrap());
        let (mut ws, _) = tokio_tungstenite::connect_async_with_config(req, None, true)
            .await
            .expect("the live connection opens");
        let hello = ClientMsg::Hello {
            protocol: model::PROTOCOL,
            since: None,
        };
        assert!(send(&mut ws, &hello).await);
        // Welcomed first; then everyone starts together.
        while let Some(Ok(msg)) = ws.next().await {
            if let Message::Text(body) = msg
                && matches!(
                    serde_json::from_str::<ServerMsg>(&body),
                    Ok(ServerMsg::Welcome { .. })
                )
            {
                self.ready.fetch_add(1, Ordering::SeqCst);
                break;
            }
        }
        let _ = go.wait_for(|g| *g).await;

        let card = CardId(Uuid::new_v4());
        // The version this client has seen, sent with each change as the app does.
        let mut seen = 0u64;
        // When each change waiting at the client was made; what it says is written when it
        // is sent (so that offering ten times too much costs the generator little).
        let mut queue: VecDeque<Instant> = VecDeque::new();
        let mut on_wire: HashMap<ClientOpId, ()> = HashMap::new();
        let mut n = 0u64;
        // The first change comes after this client's offset; meanwhile it reads as always.
        let start = tokio::time::Instant::now() + self.offset;
        let mut tick = self
            .interval
            .map(|every| tokio::time::interval_at(start, every));
        let mut stopping = false;
        loop {
            if self.stop.load(Ordering::Relaxed) && !stopping {
                stopping = true;
                self.totals
                    .waiting
                    .fetch_add(queue.len() as u64, Ordering::Relaxed);
            }
            // Flat out: a change is made whenever there is room for it on the wire.
            if self.interval.is_none() && !stopping {
                while queue.len() + on_wire.len() < self.window {
                    queue.push_back(Instant::now());
                    self.totals.made.fetch_add(1, Ordering::Relaxed);
                }
            }
            while on_wire.len() < self.window && !stopping {
                let Some(made) = queue.pop_front() else {
                    break;
                };
                n += 1;
                let (id, op) = change(card, n);
                self.times
                    .lock()
                    .unwrap()
                    .insert(id, (made, Instant::now()));
                on_wire.insert(id, ());
                self.totals.sent.fetch_add(1, Ordering::Relaxed);
                let msg = ClientMsg::Op {
                    client_op_id: id,
                    base_version: seen,
                    op,
                };
                if !send(&mut ws, &msg).await {
                    return;
                }
            }
            let made_one = async {
                match tick.as_mut() {
                    Some(t) => {
                        t.tick().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = made_one, if !stopping => {
                    queue.push_back(Instant::now());
                    self.totals.made.fetch_add(1, Ordering::Relaxed);
                }
                _ = tokio::time::sleep(Duration::from_millis(1500)), if stopping => break,
                msg = ws.next() => {
                    let Some(Ok(Message::Text(body))) = msg else {
                        if msg.is_none() { break } else { continue }
                    };
                    self.receive(&body, &mut on_wire, &mut seen);
                }
            }
        }
        let _ = ws.close(None).await;
    }

    fn receive(&self, body: &str, on_wire: &mut HashMap<ClientOpId, ()>, seen: &mut u64) {
        let now = Instant::now();
        match serde_json::from_str::<ServerMsg>(body) {
            Ok(ServerMsg::Event { event }) => {
                *seen = (*seen).max(event.version);
                if on_wire.remove(&event.client_op_id).is_some() {
                    self.totals.accepted.fetch_add(1, Ordering::Relaxed);
                    if self.totals.counting.load(Ordering::Relaxed) {
                        self.totals
                            .accepted_counting
                            .fetch_add(1, Ordering::Relaxed);
                    }
                } else if let Some((made, sent)) =
                    self.times.lock().unwrap().get(&event.client_op_id)
                {
                    let us = |t: &Instant| now.duration_since(*t).as_micros() as u64;
                    self.totals.sent_to_seen_us.lock().unwrap().push(us(sent));
                    self.totals.made_to_seen_us.lock().unwrap().push(us(made));
                }
            }
            Ok(ServerMsg::Rejected {
                client_op_id, code, ..
            }) => {
                on_wire.remove(&client_op_id);
                self.totals.refused.fetch_add(1, Ordering::Relaxed);
                *self
                    .totals
                    .refusals
                    .lock()
                    .unwrap()
                    .entry(code)
                    .or_default() += 1;
            }
            _ => {}
        }
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn latencies(label: &str, v: &Mutex<Vec<u64>>) {
    let mut lat = std::mem::take(&mut *v.lock().unwrap());
    lat.sort_unstable();
    println!(
        "  {label} ({} deliveries): p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        lat.len(),
        percentile(&lat, 0.50),
        percentile(&lat, 0.95),
        percentile(&lat, 0.99),
        lat.last().map_or(f64::NAN, |v| *v as f64 / 1000.0)
    );
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
    let interval = (a.interval_ms > 0).then(|| Duration::from_millis(a.interval_ms));
    let total_clients = a.boards * a.clients;
    let mut tasks = Vec::new();
    for (b, board) in boards.iter().enumerate() {
        let times: Times = Arc::default();
        for c in 0..a.clients {
            // Spread the clients' first changes over one interval.
            let k = (b * a.clients + c) as u32;
            let offset = interval.unwrap_or_default() * k / (total_clients as u32).max(1);
            let client = Client {
                base: a.base.clone(),
                cookie: cookie.clone(),
                board: *board,
                times: times.clone(),
                totals: totals.clone(),
                stop: stop.clone(),
                interval,
                window: a.window,
                offset,
                ready: ready.clone(),
            };
            tasks.push(tokio::spawn(client.run(go_rx.clone())));
        }
    }
    let opening = Instant::now();
    while ready.load(Ordering::SeqCst) < total_clients as u64 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let opened_in = opening.elapsed();
    let _ = go_tx.send(true);
    // The first second warms up (and, flat out, fills every window); then it counts.
    tokio::time::sleep(Duration::from_secs(1)).await;
    totals.counting.store(true, Ordering::Relaxed);
    let counting = Instant::now();
    tokio::time::sleep(Duration::from_secs(a.seconds.saturating_sub(1).max(1))).await;
    totals.counting.store(false, Ordering::Relaxed);
    let counted = counting.elapsed();
    let during = a.server_pid.and_then(memory);
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let offered = match interval {
        Some(i) => format!(
            "a change per client every {} ms ({:.0} offered/s)",
            a.interval_ms,
            total_clients as f64 / i.as_secs_f64()
        ),
        None => "each client's next change as soon as the last is answered (flat out)".into(),
    };
    println!(
        "{} boards × {} clients = {total_clients} live connections; {offered}; at most {} \
         unanswered per client; {} s",
        a.boards, a.clients, a.window, a.seconds
    );
    println!(
        "  all {total_clients} connections open and welcomed in {:.2} s",
        opened_in.as_secs_f64()
    );
    let accepted = totals.accepted_counting.load(Ordering::Relaxed);
    println!(
        "  made {} changes, sent {}, accepted {}, refused {}, made but not yet sent at the end {}",
        totals.made.load(Ordering::Relaxed),
        totals.sent.load(Ordering::Relaxed),
        totals.accepted.load(Ordering::Relaxed),
        totals.refused.load(Ordering::Relaxed),
        totals.waiting.load(Ordering::Relaxed),
    );
    let refusals = totals.refusals.lock().unwrap();
    if !refusals.is_empty() {
        println!("  refused, by reason: {refusals:?}");
    }
    println!(
        "  accepted {:.0} changes/s (after the first second)",
        accepted as f64 / counted.as_secs_f64()
    );
    latencies(
        "sent → visible on another client of the board",
        &totals.sent_to_seen_us,
    );
    latencies(
        "made → visible (with the wait at the client)",
        &totals.made_to_seen_us,
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
