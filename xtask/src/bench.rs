//! `cargo xtask bench`: figures, never pass/fail. What a browser downloads on a first
//! visit, compressed as the server sends it, against SPEC §10's budgets and the products
//! people use now; and how long the real server takes to acknowledge a change and to
//! serve a full board, on SQLite and (when `DATABASE_URL` names one) PostgreSQL.

use std::{
    fs,
    process::Command,
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use anyhow::{Context, Result, bail};
use model::{BoardId, CardId, ClientOpId, OpRequest, Operation, OrderKey, Patch, Placement};

use crate::{build, http, serve, size, tools};

/// Runs the benches.
pub fn all() -> Result<()> {
    let dist = build::app()?;
    size::pages(&dist);
    let bin = serve::server_binary()?;
    citizen_page(&bin, &dist)?;
    board_page(&bin, &dist)?;
    tools::step("Server: acknowledging changes (one client, sequential, loopback)");
    let (server, board) = api("SQLite", &bin, &dist.dir, None)?;
    drag(&server, board)?;
    drop(server);
    match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(url) => {
            let bench_db = PgScratch::create(&url)?;
            api("PostgreSQL", &bin, &dist.dir, Some(&bench_db.url))?;
        }
        None => println!("(set DATABASE_URL to a PostgreSQL server to bench it too)"),
    }
    Ok(())
}

/// The citizen's first screen on a slow phone (`tests/bench/citizen.mjs`), alone.
pub fn citizen() -> Result<()> {
    let dist = build::app()?;
    let bin = serve::server_binary()?;
    size::pages(&dist);
    citizen_page(&bin, &dist)
}

/// The board page on a tablet (`tests/bench/board.mjs`), alone.
pub fn board() -> Result<()> {
    let dist = build::app()?;
    let bin = serve::server_binary()?;
    size::pages(&dist);
    board_page(&bin, &dist)
}

/// The version of npm's `lighthouse` the Lighthouse bench installs.
const LIGHTHOUSE: &str = "lighthouse@12.8.2";

/// Lighthouse's own figures (mobile profile) for the citizen's plan and the board page
/// (`tests/bench/lighthouse.mjs`), with Debian's Chromium. Lighthouse is installed under
/// `target/bench-tools` the first time (it is large, and no test needs it).
pub fn lighthouse() -> Result<()> {
    let dist = build::app()?;
    let bin = serve::server_binary()?;
    tools::ensure_node_modules(true)?;
    let (chromium, _) = tools::ensure_chromium()?;
    let tools_dir = tools::target_dir().join("bench-tools");
    if !tools_dir
        .join("node_modules/lighthouse/package.json")
        .exists()
    {
        tools::step(&format!(
            "Installing {LIGHTHOUSE} (npm) under target/bench-tools"
        ));
        std::fs::create_dir_all(&tools_dir)?;
        tools::run(
            Command::new("npm")
                .args([
                    "install",
                    "--no-save",
                    "--no-audit",
                    "--no-fund",
                    "--prefix",
                ])
                .arg(&tools_dir)
                .arg(LIGHTHOUSE),
        )?;
    }
    tools::step("Lighthouse (mobile profile): the citizen's plan and the board page");
    let server = serve::TestServer::start(&bin, &dist.dir)?;
    tools::run(
        Command::new("node")
            .arg("bench/lighthouse.mjs")
            .current_dir(crate::root().join("tests"))
            .env("BASE_URL", &server.base)
            .env("CHROMIUM", chromium)
            .env("LIGHTHOUSE_DIR", &tools_dir),
    )
}

/// The live connections under load: `boards` × `clients` WebSocket clients against the
/// release server on a fresh SQLite database (and PostgreSQL when `DATABASE_URL` names
/// one), each making a change every `interval_ms` (`server/examples/live_load.rs`).
pub fn live(boards: usize, clients: usize, seconds: u64, interval_ms: u64) -> Result<()> {
    let bin = serve::server_binary()?;
    tools::step("Building the live load generator (release)");
    tools::run(tools::cargo().args([
        "build",
        "-p",
        "server",
        "--release",
        "--example",
        "live_load",
    ]))?;
    let load = tools::target_dir().join("release/examples/live_load");
    let empty = std::env::temp_dir().join("duk-bench-no-app");
    fs::create_dir_all(&empty)?;
    // The rate asked for, then flat out: what the server can take at most (its peak).
    let run = |label: &str, database_url: Option<&str>| -> Result<()> {
        for (what, interval) in [("as asked", interval_ms), ("flat out", 0)] {
            tools::step(&format!(
                "Live: {boards} boards × {clients} clients, {what} ({label}, loopback)"
            ));
            let server = serve::TestServer::start_with(&bin, &empty, database_url)?;
            tools::run(
                Command::new(&load)
                    .args(["--base", &server.base])
                    .args(["--boards", &boards.to_string()])
                    .args(["--clients", &clients.to_string()])
                    .args(["--seconds", &seconds.to_string()])
                    .args(["--interval-ms", &interval.to_string()])
                    .args(["--server-pid", &server.pid().to_string()]),
            )?;
        }
        Ok(())
    };
    run("SQLite", None)?;
    match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(url) => {
            let bench_db = PgScratch::create(&url)?;
            run("PostgreSQL", Some(&bench_db.url))?;
        }
        None => println!("(set DATABASE_URL to a PostgreSQL server to bench it too)"),
    }
    Ok(())
}

/// Opens the demo citizen's plan in Chromium on a throttled network with 4× CPU
/// throttling, against the release server with the demo seeded.
fn citizen_page(bin: &std::path::Path, dist: &build::Dist) -> Result<()> {
    tools::step("Citizen view: first screen on a slow phone (Chromium, throttled network and CPU)");
    tools::ensure_node_modules(true)?;
    let (chromium, _) = tools::ensure_chromium()?;
    let server = serve::TestServer::start(bin, &dist.dir)?;
    tools::run(
        Command::new("node")
            .arg("bench/citizen.mjs")
            .current_dir(crate::root().join("tests"))
            .env("BASE_URL", &server.base)
            .env("CHROMIUM", chromium),
    )
}

/// Opens the demo board on a tablet in Chromium on Slow 4G with 4× CPU throttling, against
/// the release server with the demo seeded: time to the first card, and the card dialog's
/// first and second opening.
fn board_page(bin: &std::path::Path, dist: &build::Dist) -> Result<()> {
    tools::step(
        "Board page: first card on a tablet, and a dialog's module (Chromium, throttled network and CPU)",
    );
    tools::ensure_node_modules(true)?;
    let (chromium, _) = tools::ensure_chromium()?;
    let server = serve::TestServer::start(bin, &dist.dir)?;
    tools::run(
        Command::new("node")
            .arg("bench/board.mjs")
            .current_dir(crate::root().join("tests"))
            .env("BASE_URL", &server.base)
            .env("BOARD_ID", DEMO_BOARD)
            .env("CHROMIUM", chromium),
    )
}

/// The demo board the server seeds (`server/src/seed.rs`, `DEMO_BOARD_ID`).
const DEMO_BOARD: &str = "64756b00-0000-4000-8000-000000000001";

/// A random-enough 16 bytes for ids (xorshift; ids only need to differ).
struct Ids(u64);

impl Ids {
    fn next(&mut self) -> [u8; 16] {
        let mut out = [0u8; 16];
        for chunk in out.chunks_mut(8) {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            chunk.copy_from_slice(&self.0.to_le_bytes());
        }
        out
    }
}

/// Latency figures of a set of timings.
fn report(label: &str, times: &mut [Duration]) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pick = |q: f64| ms(times[((times.len() as f64 * q) as usize).min(times.len() - 1)]);
    let total: Duration = times.iter().sum();
    println!(
        "  {label:<34} n={:<5} p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms  ({:.0}/s)",
        times.len(),
        pick(0.50),
        pick(0.95),
        pick(0.99),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
        times.len() as f64 / total.as_secs_f64().max(f64::EPSILON),
    );
}

/// Drags a card across the 300-card board in Chromium with 4× CPU throttling
/// (`tests/bench/drag.mjs`) and prints its frame times and longest task.
fn drag(server: &serve::TestServer, board: BoardId) -> Result<()> {
    tools::step("Board: dragging a card across 300 cards (Chromium, 4× CPU throttling)");
    tools::ensure_node_modules(true)?;
    let (chromium, _) = tools::ensure_chromium()?;
    tools::run(
        Command::new("node")
            .arg("bench/drag.mjs")
            .current_dir(crate::root().join("tests"))
            .env("BASE_URL", &server.base)
            .env("BOARD_ID", board.to_string())
            .env("CHROMIUM", chromium),
    )
}

/// 300 cards created, 300 edited and 300 moved through the API, then the 300-card board
/// read 100 times; each request timed from send to full answer. Returns the server, still
/// running, and the board.
// long-fn: one figure per request kind, printed in the order they are measured
fn api(
    label: &str,
    bin: &std::path::Path,
    dist: &std::path::Path,
    database_url: Option<&str>,
) -> Result<(serve::TestServer, BoardId)> {
    let server = serve::TestServer::start_with(bin, dist, database_url)?;
    let mut conn = http::Conn::open(server.port)?;
    // The demo investeringsleder, whom the server seeds.
    let (status, body) = conn.request(
        "POST",
        "/api/auth/login",
        Some(r#"{"email":"ola@duk.test","password":"duk-demo-passord"}"#),
    )?;
    if status != 200 {
        bail!("signing in answered {status}: {body}");
    }
    let (status, body) = conn.request(
        "POST",
        "/api/boards",
        Some(r#"{"citizen_name":"Bench Benchesen"}"#),
    )?;
    if status != 201 {
        bail!("creating the bench board answered {status}: {body}");
    }
    let mut board: model::Board = serde_json::from_str(&body)?;
    let path = format!("/api/boards/{}/ops", board.id);
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    let mut ids = Ids(seed);
    let mut op_ids = Ids(seed.rotate_left(32) | 1);
    let cells: Vec<Placement> = board
        .template
        .themes
        .iter()
        .flat_map(|t| {
            board.template.columns.iter().map(move |c| Placement::Cell {
                theme: t.id.clone(),
                column: c.id.clone(),
            })
        })
        .collect();

    let mut send =
        |board: &mut model::Board, op: Operation, times: &mut Vec<Duration>| -> Result<()> {
            let req = OpRequest {
                client_op_id: ClientOpId::from_random_bytes(op_ids.next()),
                base_version: board.version,
                op,
            };
            let body = serde_json::to_string(&req)?;
            let start = Instant::now();
            let (status, answer) = conn.request("POST", &path, Some(&body))?;
            times.push(start.elapsed());
            if status != 200 {
                bail!("operation refused ({status}): {answer}");
            }
            board
                .apply_event(&serde_json::from_str(&answer)?)
                .context("event does not follow")?;
            Ok(())
        };

    let (mut creates, mut edits, mut moves) = (Vec::new(), Vec::new(), Vec::new());
    let mut card_ids = Vec::new();
    for i in 0..300 {
        let placement = cells[i % cells.len()].clone();
        let order = board.order_key_at(&placement, usize::MAX, None).to_string();
        let card_id = CardId::from_random_bytes(ids.next());
        card_ids.push(card_id);
        let op = Operation::CreateCard {
            card_id,
            placement,
            order,
            text: format!("Kort nummer {i}"),
        };
        send(&mut board, op, &mut creates)?;
    }
    for (i, card_id) in card_ids.iter().enumerate() {
        let op = Operation::EditCard {
            card_id: *card_id,
            text: Some(format!("Kort nummer {i}, endret")),
            responsible: Patch::Keep,
            due: Patch::Keep,
            status: None,
            note: Patch::Keep,
        };
        send(&mut board, op, &mut edits)?;
    }
    for (i, card_id) in card_ids.iter().enumerate() {
        let placement = cells[(i * 7 + 3) % cells.len()].clone();
        let order: OrderKey = board.order_key_at(&placement, 0, Some(*card_id));
        let op = Operation::MoveCard {
            card_id: *card_id,
            placement,
            order: order.to_string(),
        };
        send(&mut board, op, &mut moves)?;
    }
    // A meeting held over the 900 changes, so that there are minutes to read.
    let mut meeting = Vec::new();
    for op in [
        Operation::StartMeeting {
            meeting_id: None,
            present: Vec::new(),
        },
        Operation::EndMeeting {},
    ] {
        send(&mut board, op, &mut meeting)?;
    }
    let board_path = format!("/api/boards/{}", board.id);
    let mut reads = Vec::new();
    for _ in 0..100 {
        let start = Instant::now();
        let (status, _) = conn.request("GET", &board_path, None)?;
        reads.push(start.elapsed());
        if status != 200 {
            bail!("reading the board answered {status}");
        }
    }
    println!("{label}:");
    report("create card (POST ops, committed)", &mut creates);
    report("edit card", &mut edits);
    report("move card", &mut moves);
    report("read 300-card board (GET)", &mut reads);
    // The record: every read replays or renders the 902 events and the frozen minutes.
    let half = board.version / 2;
    for (what, path, times) in [
        (
            "history in words, 902 events",
            format!("{board_path}/history?lang=nb"),
            20,
        ),
        (
            "board as it was at change 451",
            format!("{board_path}/versions/{half}"),
            20,
        ),
        ("minutes (JSON)", format!("{board_path}/minutes/1/1"), 20),
        ("minutes (PDF)", format!("{board_path}/minutes/1/1/pdf"), 20),
        ("export with history", format!("{board_path}/export"), 10),
    ] {
        let mut took = Vec::new();
        let mut size = 0;
        for _ in 0..times {
            let start = Instant::now();
            let (status, _) = conn.request("GET", &path, None)?;
            took.push(start.elapsed());
            if status != 200 {
                bail!("{what} answered {status}");
            }
            size = conn.last_len;
        }
        report(&format!("{what} ({} KB)", size / 1024), &mut took);
    }
    Ok((server, board.id))
}

/// A throwaway PostgreSQL database for one bench run, dropped afterwards (needs `psql`).
struct PgScratch {
    admin: String,
    name: String,
    url: String,
}

impl PgScratch {
    fn create(admin: &str) -> Result<Self> {
        let name = format!("duk_bench_{}", std::process::id());
        tools::run(Command::new("psql").args([admin, "-qAtc", &format!("CREATE DATABASE {name}")]))
            .context("creating the bench database needs psql (Debian: postgresql-client)")?;
        let base = admin.split('?').next().unwrap_or(admin);
        let cut = base
            .rfind('/')
            .filter(|&i| i > base.find("://").map_or(0, |j| j + 2))
            .unwrap_or(base.len());
        let url = format!("{}/{name}", &base[..cut]);
        Ok(PgScratch {
            admin: admin.to_owned(),
            name,
            url,
        })
    }
}

impl Drop for PgScratch {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                &self.admin,
                "-qAtc",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            ])
            .status();
    }
}
