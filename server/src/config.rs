//! Server configuration, from command-line flags or environment variables.

use std::{net::IpAddr, path::PathBuf};

use clap::Args;

/// How to run the server. Every flag has an environment variable, for containers.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "DUK_HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,

    /// Port to listen on; 0 picks a free one (tests).
    #[arg(long, env = "DUK_PORT", default_value_t = 8080)]
    pub port: u16,

    /// Database: `sqlite://path/to/file.db` (created if missing) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/duk.db")]
    pub database_url: String,

    /// Most database connections in the pool.
    #[arg(long, env = "DUK_DB_MAX_CONNECTIONS", default_value_t = 10)]
    pub db_max_connections: u32,

    /// Folder with the built app (`cargo xtask build` writes `dist/`).
    #[arg(long, env = "DUK_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Create the demo board "Planen til Kari Nordmann" if it does not exist yet.
    #[arg(long, env = "DUK_SEED_DEMO")]
    pub seed_demo: bool,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "DUK_MAX_BODY_BYTES", default_value_t = 256 * 1024)]
    pub max_body_bytes: usize,

    /// The address people use, e.g. `https://duk.kommune.no`. With `https` the session
    /// cookie is `Secure` and HSTS is sent; writes must come from this origin.
    #[arg(long, env = "DUK_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Behind reverse proxies: how many there are between the internet and Duk. Each one
    /// appends the address it saw to `X-Forwarded-For`, so the client is that many entries
    /// from the right; whatever is further left the client wrote itself and is never
    /// believed. `X-Forwarded-Proto` is believed when this is at least 1.
    #[arg(long, env = "DUK_TRUSTED_PROXIES", default_value_t = 0)]
    pub trusted_proxies: u8,

    /// With several instances on PostgreSQL: how often each tells the others who is on
    /// each board through it (an instance not heard from for three of these is forgotten).
    #[arg(
        long,
        env = "DUK_PRESENCE_HEARTBEAT_MS",
        default_value_t = 5_000,
        hide = true
    )]
    pub presence_heartbeat_ms: u64,

    /// The same as `--trusted-proxies 1` (kept for existing installations).
    #[arg(long, env = "DUK_TRUST_PROXY")]
    pub trust_proxy: bool,

    /// Where messages to phones (invitation links) are written, one JSON line each, until
    /// an SMS gateway is configured.
    #[arg(long, env = "DUK_OUTBOX", default_value = "data/outbox.jsonl")]
    pub outbox: PathBuf,

    /// Staff sessions end after this many minutes without a request.
    #[arg(long, env = "DUK_STAFF_IDLE_MINUTES", default_value_t = 60)]
    pub staff_idle_minutes: u32,

    /// Staff sessions end this many hours after sign-in.
    #[arg(long, env = "DUK_STAFF_SESSION_HOURS", default_value_t = 12)]
    pub staff_session_hours: u32,

    /// Citizen and støtteperson sessions end after this many days without a request.
    #[arg(long, env = "DUK_CITIZEN_IDLE_DAYS", default_value_t = 30)]
    pub citizen_idle_days: u32,

    /// Citizen and støtteperson sessions end this many days after sign-in.
    #[arg(long, env = "DUK_CITIZEN_SESSION_DAYS", default_value_t = 180)]
    pub citizen_session_days: u32,

    /// Failed sign-ins, and failed invitation codes, from one address per quarter hour
    /// before it must wait.
    #[arg(long, env = "DUK_RATE_LIMIT_PER_IP", default_value_t = 20)]
    pub rate_limit_per_ip: usize,

    /// Invitation links and codes stop working after this many hours.
    #[arg(long, env = "DUK_INVITATION_HOURS", default_value_t = 72)]
    pub invitation_hours: u32,
}

impl Config {
    /// Settings for tests and tools: a free port on loopback, the given database, no demo.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            database_url: database_url.into(),
            db_max_connections: 5,
            dist: PathBuf::from("dist"),
            seed_demo: false,
            max_body_bytes: 256 * 1024,
            public_url: None,
            trusted_proxies: 0,
            presence_heartbeat_ms: 5_000,
            trust_proxy: false,
            outbox: PathBuf::from("data/outbox.jsonl"),
            staff_idle_minutes: 60,
            staff_session_hours: 12,
            citizen_idle_days: 30,
            citizen_session_days: 180,
            invitation_hours: 72,
            rate_limit_per_ip: 20,
        }
    }

    /// How many reverse proxies stand in front of the server.
    pub fn proxies(&self) -> usize {
        usize::from(self.trusted_proxies.max(u8::from(self.trust_proxy)))
    }

    /// Whether people reach the server over TLS.
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// The origin (`scheme://host[:port]`) of the public URL, if set.
    pub fn public_origin(&self) -> Option<String> {
        let url = self.public_url.as_deref()?;
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split('/').next()?;
        Some(format!("{scheme}://{host}"))
    }
}
