//! Building and starting the server: `cargo xtask run`, and the server the end-to-end
//! tests talk to.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command},
    time::{Duration, Instant},
};

use anyhow::{Context, Result, bail};

use crate::{build, http, root, tools};

/// Builds the server (release) and returns the binary.
pub fn server_binary() -> Result<PathBuf> {
    tools::step("Building the server (release)");
    tools::run(tools::cargo().args(["build", "-p", "server", "--release", "--bin", "duk-server"]))?;
    Ok(tools::target_dir().join("release/duk-server"))
}

/// The debug server binary, which `cargo test -p server` has already built: the
/// end-to-end tests use it to keep CI well under its time limit (a release build of the
/// server takes minutes on two cores). The app it serves is still the release bundle.
pub fn debug_server_binary() -> Result<PathBuf> {
    // Built as the server's tests build it (dev-dependencies' features included), so that
    // after `cargo test -p server` this compiles nothing.
    tools::run(tools::cargo().args(["test", "-p", "server", "--no-run"]))?;
    Ok(tools::target_dir().join("debug/duk-server"))
}

/// `cargo xtask run`: the app, the server, SQLite (or the given database) and the demo.
pub fn run(host: &str, port: u16, database_url: &str) -> Result<()> {
    build::app()?;
    let bin = server_binary()?;
    tools::step("Starting Duk");
    println!("Open http://{host}:{port} in a browser (Ctrl-C stops Duk).");
    tools::run(
        Command::new(bin)
            .current_dir(root())
            .args([
                "--host",
                host,
                "--port",
                &port.to_string(),
                "--database-url",
                database_url,
            ])
            .arg("--dist")
            .arg(root().join("dist"))
            .arg("--seed-demo"),
    )
}

/// A free TCP port on loopback.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A server started for tests; stopped (and its database folder removed) when dropped.
pub struct TestServer {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// The port.
    pub port: u16,
    data: PathBuf,
}

impl TestServer {
    /// Starts `bin` on a free port with a fresh SQLite database and the demo board, and
    /// waits until `/api/health` answers.
    pub fn start(bin: &Path, dist: &Path) -> Result<Self> {
        Self::start_with(bin, dist, None)
    }

    /// Like [`TestServer::start`], on the given database instead of a fresh SQLite file.
    pub fn start_with(bin: &Path, dist: &Path, database_url: Option<&str>) -> Result<Self> {
        let port = free_port()?;
        let data = std::env::temp_dir().join(format!("duk-e2e-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&data)?;
        let db = match database_url {
            Some(url) => url.to_owned(),
            None => format!("sqlite://{}", data.join("duk.db").display()),
        };
        let child = Command::new(bin)
            .args([
                "--port",
                &port.to_string(),
                "--database-url",
                &db,
                "--seed-demo",
            ])
            .arg("--dist")
            .arg(dist)
            .arg("--outbox")
            .arg(data.join("outbox.jsonl"))
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "warn")
            // Its start-up line is for people; warnings and errors still show (stderr).
            .stdout(std::process::Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", bin.display()))?;
        let mut server = TestServer {
            child,
            base: format!("http://127.0.0.1:{port}"),
            port,
            data,
        };
        server.wait_healthy(port)?;
        Ok(server)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn wait_healthy(&mut self, port: u16) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server stopped before it was ready ({status})");
            }
            if health(port).unwrap_or(false) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!("the server did not answer /api/health within 60 s")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// True when `GET /api/health` answers 200.
fn health(port: u16) -> Result<bool> {
    Ok(http::Conn::open(port)?
        .request("GET", "/api/health", None)?
        .0
        == 200)
}
