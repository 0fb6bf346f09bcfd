//! Duk's build, run, test and bench automation: `cargo xtask <command>`.
//!
//! Everything a newcomer or CI needs is here, so that two commands do all the set-up:
//! `cargo xtask run` and `cargo xtask test`. Tools that are missing are installed where
//! that is possible (the wasm target, npm packages, Chromium through apt as root), and
//! otherwise named exactly.

#![forbid(unsafe_code)]

mod bench;
mod build;
mod check;
mod http;
mod serve;
mod size;
mod test;
mod tools;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "Build, run, test and bench Duk")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the app (release) into `dist/`.
    Build,
    /// Build the app and print what each page's first visit downloads (brotli, as served)
    /// against SPEC §10's budgets, and what weighs in each wasm module; fails over budget.
    Size {
        /// How many crates and functions to list per module.
        #[arg(long, default_value_t = 12)]
        top: usize,
    },
    /// Build the app and the server, then run Duk with SQLite and the demo board.
    Run {
        /// Address to listen on.
        #[arg(long, env = "DUK_HOST", default_value = "127.0.0.1")]
        host: String,
        /// Port to listen on.
        #[arg(long, env = "DUK_PORT", default_value_t = 8080)]
        port: u16,
        /// Database URL (default: SQLite at ./data/duk.db).
        #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/duk.db")]
        database_url: String,
    },
    /// Run every test: lints, model and server (SQLite, and Postgres when DATABASE_URL is
    /// set), the app's wasm tests in Chromium, then Playwright against the release build.
    Test {
        /// Only run the Playwright tests whose title matches.
        #[arg(long)]
        grep: Option<String>,
        /// Run each Playwright test this many times (to find a flaky one under load).
        #[arg(long, default_value_t = 1)]
        repeat: u32,
        /// Skip fmt and clippy.
        #[arg(long)]
        no_lint: bool,
    },
    /// Only the end-to-end tests (Playwright against the release app and the debug server),
    /// e.g. `cargo xtask e2e --grep reload --repeat 10`.
    E2e {
        /// Only the tests whose title matches.
        #[arg(long)]
        grep: Option<String>,
        /// Run each test this many times.
        #[arg(long, default_value_t = 1)]
        repeat: u32,
    },
    /// Measure what a first visit downloads (compressed) against the budgets in SPEC §10,
    /// how fast the server acknowledges changes (SQLite, and Postgres when DATABASE_URL
    /// names one), dragging on a 300-card board, the board page on a tablet and the
    /// citizen's first screen on a slow phone. `cargo xtask bench board` and `cargo xtask
    /// bench citizen` run only those; `cargo xtask bench live`
    /// puts N boards × M clients on the live connections; `cargo xtask bench lighthouse`
    /// prints Lighthouse's figures for the citizen's plan and the board page.
    Bench {
        /// Which bench: `all` (default), `board`, `citizen`, `live` or `lighthouse`.
        #[arg(default_value = "all", value_parser = ["all", "board", "citizen", "live", "lighthouse"])]
        what: String,
        /// `live`: how many boards.
        #[arg(long, default_value_t = 200)]
        boards: usize,
        /// `live`: how many clients on each board.
        #[arg(long, default_value_t = 5)]
        clients: usize,
        /// `live`: how long the clients keep changing the boards, in seconds.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// `live`: how often each client makes a change, in milliseconds.
        #[arg(long, default_value_t = 2000)]
        interval_ms: u64,
    },
    /// Check the source tree's shape: no import cycle between a crate's modules, no file
    /// over 600 lines and no function over 150 unless a `// long-file:` or `// long-fn:`
    /// comment gives the reason; fails listing every finding.
    Check,
    /// Runs wasm-bindgen tests in headless Chromium (used as the cargo runner for wasm32).
    #[command(name = "wasm-test-runner", hide = true)]
    WasmTestRunner {
        /// Arguments for wasm-bindgen-test-runner.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn main() {
    if let Err(e) = run(Cli::parse()) {
        eprintln!("\nerror: {e:#}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build => {
            build::app()?;
        }
        Command::Size { top } => size::run(top)?,
        Command::Run {
            host,
            port,
            database_url,
        } => serve::run(&host, port, &database_url)?,
        Command::Test {
            grep,
            repeat,
            no_lint,
        } => test::all(grep.as_deref(), repeat, no_lint)?,
        Command::E2e { grep, repeat } => test::e2e(grep.as_deref(), repeat)?,
        Command::Bench { what, .. } if what == "citizen" => bench::citizen()?,
        Command::Bench { what, .. } if what == "board" => bench::board()?,
        Command::Bench { what, .. } if what == "lighthouse" => bench::lighthouse()?,
        Command::Bench {
            what,
            boards,
            clients,
            seconds,
            interval_ms,
        } if what == "live" => bench::live(boards, clients, seconds, interval_ms)?,
        Command::Bench { .. } => bench::all()?,
        Command::Check => check::run()?,
        Command::WasmTestRunner { args } => {
            let mut full = vec!["wasm-bindgen-test-runner".to_owned()];
            full.extend(args);
            wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(full)?;
        }
    }
    Ok(())
}
