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
        }
    }
}
