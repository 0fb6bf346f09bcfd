//! Finding and installing the tools the build and the tests need.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result, bail};

use crate::root;

/// Runs a command, failing with its name if it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

/// `cargo` as the one running us, in the workspace root.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Prints a step heading.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

fn found(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false)
}

/// Installs the wasm32 target for the pinned toolchain if it is missing.
pub fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .output()
        .context("rustup is needed to add the wasm32 target: see https://rustup.rs")?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("Installing the wasm32-unknown-unknown target");
    run(Command::new("rustup")
        .args(["target", "add", "wasm32-unknown-unknown"])
        .current_dir(root()))
}

/// Installs the npm packages in `tests/` (Playwright, axe-core, binaryen) when missing or
/// older than the lock file. Returns false if npm is not available.
pub fn ensure_node_modules(required: bool) -> Result<bool> {
    let tests = root().join("tests");
    let marker = tests.join("node_modules/.package-lock.json");
    let lock = tests.join("package-lock.json");
    let fresh = match (marker.metadata(), lock.metadata()) {
        (Ok(m), Ok(l)) => m.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(true);
    }
    if found("npm").is_none() {
        if required {
            bail!(
                "npm is missing: install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)"
            );
        }
        return Ok(false);
    }
    step("Installing the test tools (npm ci in tests/)");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&tests))?;
    Ok(true)
}

/// The npm `binaryen` package's wasm-opt, if installed. Debian's binaryen is too old for
/// what rustc emits, so no other wasm-opt is used.
pub fn wasm_opt() -> Option<PathBuf> {
    let p = root().join("tests/node_modules/.bin/wasm-opt");
    p.is_file().then_some(p)
}

/// Makes sure Chromium and ChromeDriver are installed; installs them with apt as root.
pub fn ensure_chromium() -> Result<(PathBuf, PathBuf)> {
    if let (Some(c), Some(d)) = (found("chromium"), found("chromedriver")) {
        return Ok((c, d));
    }
    apt_install(&["chromium", "chromium-driver"])?;
    match (found("chromium"), found("chromedriver")) {
        (Some(c), Some(d)) => Ok((c, d)),
        _ => bail!(
            "Chromium and ChromeDriver are needed for the browser tests. Install them with:\n    \
             sudo apt-get install chromium chromium-driver"
        ),
    }
}

/// Makes sure `pdftotext` is installed (the server tests read the minutes' PDF with it);
/// installs Debian's poppler-utils with apt as root.
pub fn ensure_pdftotext() -> Result<()> {
    if found("pdftotext").is_none() {
        apt_install(&["poppler-utils"])?;
    }
    if found("pdftotext").is_none() {
        bail!(
            "pdftotext is needed for the server tests. Install it with:\n    \
             sudo apt-get install poppler-utils"
        );
    }
    Ok(())
}

fn apt_install(packages: &[&str]) -> Result<()> {
    if is_root() && Path::new("/usr/bin/apt-get").exists() {
        step(&format!("Installing {} (apt-get)", packages.join(", ")));
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    Ok(())
}

/// The cargo target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The cargo-deny release the checks are written for (`deny.toml`).
const CARGO_DENY: &str = "0.20.2";

/// Makes sure `cargo deny` (this release) is installed: built from crates.io if not.
pub fn ensure_cargo_deny() -> Result<()> {
    let version = cargo()
        .args(["deny", "--version"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if version.is_some_and(|v| v.contains(CARGO_DENY)) {
        return Ok(());
    }
    step(&format!(
        "Installing cargo-deny {CARGO_DENY} (cargo install, about 3 minutes)"
    ));
    run(cargo().args(["install", "cargo-deny", "--locked", "--version", CARGO_DENY]))
}

/// How the RustSec advisory database can be had: fetched now, a copy fetched before, or
/// not at all (no network to GitHub, as on machines that reach only package registries).
pub enum AdvisoryDb {
    /// github.com answers: fetch it fresh.
    Fetch,
    /// Only the copy in `~/.cargo/advisory-dbs`, last changed on this date.
    Local(String),
    /// None.
    Missing,
}

/// Which [`AdvisoryDb`] this machine has.
pub fn advisory_db() -> AdvisoryDb {
    use std::net::ToSocketAddrs;
    let reachable = ("github.com", 443)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| {
            std::net::TcpStream::connect_timeout(&a, std::time::Duration::from_secs(5)).is_ok()
        });
    if reachable {
        return AdvisoryDb::Fetch;
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let copy = home
        .map(|h| h.join("advisory-dbs"))
        .and_then(|d| std::fs::read_dir(d).ok())
        .and_then(|mut entries| {
            entries.find_map(|e| {
                let p = e.ok()?.path();
                let name = p.file_name()?.to_str()?.to_owned();
                (name.starts_with("advisory-db-") && p.join("crates").is_dir()).then_some(p)
            })
        });
    let Some(copy) = copy else {
        return AdvisoryDb::Missing;
    };
    let date = Command::new("git")
        .args(["-C"])
        .arg(&copy)
        .args(["log", "-1", "--format=%cs"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "an unknown date".into());
    AdvisoryDb::Local(date)
}
