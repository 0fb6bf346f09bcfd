//! `cargo xtask test`: every test, in order, stopping at the first failure.

use std::process::Command;

use anyhow::{Context, Result};

use crate::{build, root, serve, tools};

/// Runs everything.
pub fn all(grep: Option<&str>, repeat: u32, no_lint: bool) -> Result<()> {
    tools::ensure_wasm_target()?;
    let postgres = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"));

    if !no_lint {
        tools::step("Checking formatting (cargo fmt --check)");
        tools::run(tools::cargo().args(["fmt", "--all", "--", "--check"]))
            .context("code is not formatted: run `cargo fmt --all`")?;
        crate::check::run()?;
        tools::step("Linting (cargo clippy, host and wasm)");
        tools::run(tools::cargo().args([
            "clippy",
            "--workspace",
            "--exclude",
            "app",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        tools::run(tools::cargo().args([
            "clippy",
            "-p",
            "app",
            "--all-targets",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))?;
        // Both bundles as `cargo xtask build` makes them: split (`app/src/chunk.rs`), and the
        // citizen's with its own root and routing.
        for features in [&[][..], &["--features", "citizen-bundle"][..]] {
            tools::run(
                tools::cargo()
                    .args(["clippy", "-p", "app", "--lib"])
                    .args(features)
                    .args(["--target", "wasm32-unknown-unknown", "--"])
                    .args(["--cfg", "duk_split", "-D", "warnings"]),
            )?;
        }
    }

    dependencies()?;

    tools::ensure_pdftotext()?;
    tools::step("Model and server tests (SQLite)");
    tools::run(tools::cargo().args(["test", "-p", "model"]))?;
    // The server on its own: built with the same features as the PostgreSQL run and the
    // end-to-end server below, so none of them compiles it again.
    tools::run(
        tools::cargo()
            // `--show-output` prints what passing tests report (the authorization matrix's size).
            .args(["test", "-p", "server", "--", "--show-output"])
            .env_remove("DUK_TEST_DATABASE_URL"),
    )?;
    // xtask's own tests reuse its optimised build instead of compiling wasm-bindgen twice.
    tools::run(tools::cargo().args(["test", "-p", "xtask", "--profile", "xtask"]))?;

    match &postgres {
        Some(url) => {
            tools::step("Server tests again (PostgreSQL from DATABASE_URL)");
            tools::run(
                tools::cargo()
                    .args([
                        "test",
                        "-p",
                        "server",
                        "--test",
                        "api",
                        "--",
                        "--show-output",
                    ])
                    .env("DUK_TEST_DATABASE_URL", url),
            )?;
        }
        None => {
            println!("note: DATABASE_URL names no PostgreSQL server; the Postgres run is skipped")
        }
    }

    let (_, chromedriver) = tools::ensure_chromium()?;
    tools::step("App tests (wasm-bindgen-test in headless Chromium)");
    let home = scratch_home()?;
    tools::run(
        tools::cargo()
            .args(["test", "-p", "app", "--target", "wasm32-unknown-unknown"])
            .env("CHROMEDRIVER", &chromedriver)
            .env(
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                root().join("app/webdriver.json"),
            )
            .env("HOME", &home),
    )?;

    end_to_end(grep, repeat, &home)?;
    let _ = std::fs::remove_dir_all(&home);
    println!("\nAll tests passed.");
    Ok(())
}

/// `cargo deny check`: licences, duplicate versions and sources always; the RustSec
/// advisories against the freshest database this machine can have, and said plainly when
/// it has none.
fn dependencies() -> Result<()> {
    tools::ensure_cargo_deny()?;
    tools::step("Dependencies (cargo deny: licences, duplicate versions, sources, advisories)");
    // cargo deny reads every platform's dependencies (windows-sys too), and offline it
    // cannot download them: a fresh machine has only what its builds needed.
    tools::run(tools::cargo().args(["fetch", "--locked"]))?;
    match tools::advisory_db() {
        tools::AdvisoryDb::Fetch => tools::run(tools::cargo().args(["deny", "check"])),
        tools::AdvisoryDb::Local(date) => {
            println!("github.com cannot be reached: advisories from the local copy of {date}");
            tools::run(tools::cargo().args(["deny", "--offline", "check"]))
        }
        tools::AdvisoryDb::Missing => {
            println!(
                "note: advisories NOT checked: the RustSec database cannot be fetched (no route \
                 to github.com) and there is no earlier copy in ~/.cargo/advisory-dbs; \
                 licences, duplicate versions and sources are checked"
            );
            tools::run(tools::cargo().args([
                "deny",
                "--offline",
                "check",
                "bans",
                "licenses",
                "sources",
            ]))
        }
    }
}

/// Only the end-to-end tests.
pub fn e2e(grep: Option<&str>, repeat: u32) -> Result<()> {
    tools::ensure_wasm_target()?;
    tools::ensure_chromium()?;
    let home = scratch_home()?;
    end_to_end(grep, repeat, &home)?;
    let _ = std::fs::remove_dir_all(&home);
    println!("\nEnd-to-end tests passed.");
    Ok(())
}

/// Playwright (phone, tablet and desktop) against the release app, served by the debug
/// server on a free port with a fresh database.
fn end_to_end(grep: Option<&str>, repeat: u32, home: &std::path::Path) -> Result<()> {
    tools::ensure_node_modules(true)?;
    let dist = build::app()?;
    if grep.is_none() {
        crate::size::guard(&dist)?;
    }
    let bin = serve::debug_server_binary()?;
    tools::step("End-to-end tests (Playwright, phone, tablet and desktop)");
    let server = serve::TestServer::start(&bin, &dist.dir)?;
    let mut playwright = Command::new(root().join("tests/node_modules/.bin/playwright"));
    playwright
        .arg("test")
        .current_dir(root().join("tests"))
        .env("BASE_URL", &server.base)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"));
    if let Some(g) = grep {
        playwright.args(["--grep", g]);
    }
    if repeat > 1 {
        playwright.args(["--repeat-each", &repeat.to_string()]);
    }
    tools::run(&mut playwright).context("end-to-end tests failed (see tests/test-results/)")?;
    drop(server);
    Ok(())
}

/// A throwaway HOME: Chromium writes its profile and caches there even when headless.
fn scratch_home() -> Result<std::path::PathBuf> {
    let home = std::env::temp_dir().join(format!("duk-test-home-{}", std::process::id()));
    std::fs::create_dir_all(&home)?;
    Ok(home)
}
