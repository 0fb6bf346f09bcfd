//! Duk's server: serves the browser app, stores boards in SQLite or PostgreSQL, and
//! applies every change through the model's operations.
//!
//! `main.rs` only parses the configuration; [`Application::build`] does the rest, and
//! tests use it to start the real server on a free port.

pub mod assets;
pub mod boards;
pub mod config;
pub mod error;
pub mod health;
pub mod seed;
pub mod store;
pub mod writer;

use std::{future::Future, net::SocketAddr, sync::Arc};

use anyhow::Context;
use axum::{Router, extract::DefaultBodyLimit, middleware, routing::any};
use model::ApiErrorCode;
use tokio::net::TcpListener;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

pub use config::Config;
use error::ApiError;
use store::Store;
use writer::Writer;

/// What every request handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The single writer per board.
    pub writer: Writer,
    /// The configuration.
    pub config: Arc<Config>,
}

/// All routes: the API, then the app's files for everything else.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(health::router())
        .merge(boards::router())
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found));
    api.merge(assets::router(&state.config.dist))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(middleware::from_fn(error::localize))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn api_not_found() -> ApiError {
    ApiErrorCode::NotFound.into()
}

/// A server bound to its port and ready to run.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    /// Connects to the database (applying migrations), seeds the demo board if asked, and
    /// binds the listener (port 0 picks a free port).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let store = Store::connect(&config.database_url, config.db_max_connections)
            .await
            .context("cannot open the database")?;
        let writer = Writer::default();
        if config.seed_demo && seed::demo_board(&store, &writer).await.is_err() {
            anyhow::bail!("cannot create the demo board");
        }
        if !config.dist.join("index.html").exists() {
            tracing::warn!(
                dist = %config.dist.display(),
                "the app is not built; only the API is served (run `cargo xtask run`)"
            );
        }
        let listener = TcpListener::bind((config.host, config.port))
            .await
            .with_context(|| format!("cannot listen on {}:{}", config.host, config.port))?;
        let state = AppState {
            store,
            writer,
            config: Arc::new(config),
        };
        Ok(Application {
            router: router(state.clone()),
            listener,
            state,
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The shared state, for tests.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGTERM or Ctrl-C, then finishes the requests under way.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `signal` completes, then finishes the requests under way.
    pub async fn run_until(
        self,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let store = self.state.store.clone();
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(signal)
            .await?;
        store.close().await;
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
