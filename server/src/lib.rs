//! Duk's server: serves the browser app, stores boards in SQLite or PostgreSQL, and
//! applies every change through the model's operations.
//!
//! `main.rs` only parses the configuration; [`Application::build`] does the rest, and
//! tests use it to start the real server on a free port.

#![forbid(unsafe_code)]

pub mod access;
pub mod admin;
pub mod api;
pub mod assets;
pub mod auth;
pub mod authz;
pub mod boards;
pub mod calendar;
pub mod callbacks;
pub mod citizen;
pub mod clock;
pub mod config;
pub mod error;
pub mod health;
pub mod hub;
pub mod invitations;
pub mod live;
pub mod notifier;
pub mod notify_payload;
pub mod pdf;
pub mod pg_notify;
pub mod record;
pub mod security;
pub mod seed;
pub mod signin;
pub mod store;
pub mod writer;

use std::{future::Future, net::SocketAddr, sync::Arc};

use anyhow::Context;
use axum::{Router, extract::DefaultBodyLimit, middleware, routing::any, serve::ListenerExt};
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
    /// The live fan-out: board changes, access changes, presence and ended sessions, for
    /// the WebSockets. The same hub the writer tells about every commit.
    pub hub: hub::Hub,
    /// The configuration.
    pub config: Arc<Config>,
    /// Rate limits per client address.
    pub limiter: security::Limiter,
    /// Delivers messages to phones.
    pub notifier: Arc<dyn notifier::Notifier>,
}

/// All routes: the API, then the app's files for everything else.
pub fn router(state: AppState) -> Router {
    let api = api::router()
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .layer(middleware::from_fn(error::readable_query));
    api.merge(assets::router(&state.config.dist))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::same_origin,
        ))
        .layer(middleware::from_fn(error::localize))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn api_not_found() -> ApiError {
    ApiErrorCode::NotFound.into()
}

/// Creates an administrator account (for `duk-server create-admin`); returns the one-time
/// password.
pub async fn create_admin(
    config: &Config,
    name: String,
    email: String,
    office: Option<String>,
    phone: Option<String>,
) -> anyhow::Result<String> {
    let store = Store::connect(&config.database_url, 1)
        .await
        .context("cannot open the database")?;
    let req = model::NewStaffAccount {
        name,
        email,
        phone,
        office,
        role: model::StaffRole::Admin,
    };
    let message = |e: ApiError| anyhow::anyhow!(e.into_body(model::Lang::Nb).message);
    let fields = admin::validate_staff(&req).map_err(message)?;
    let password = auth::temporary_password();
    let created = admin::create_staff(&store, fields, req.role, &password, true)
        .await
        .map_err(message)?;
    store.close().await;
    match created {
        Some(_) => Ok(password),
        None => anyhow::bail!("det finnes allerede en konto med denne e-postadressen"),
    }
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
        let hub = hub::Hub::default();
        let writer = Writer::new(store.clone(), hub.clone());
        if store.backend() == store::Backend::Postgres {
            let heartbeat = std::time::Duration::from_millis(config.presence_heartbeat_ms.max(50));
            pg_notify::start(&config.database_url, store.clone(), hub.clone(), heartbeat)
                .await
                .context("cannot listen for the other instances' changes")?;
        }
        if config.seed_demo {
            seed::demo(&store, &writer)
                .await
                .map_err(|e| anyhow::anyhow!("cannot create the demo: {}", error::chain(e)))?;
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
        let notifier = Arc::new(notifier::OutboxNotifier::new(config.outbox.clone()));
        let state = AppState {
            store,
            writer,
            hub,
            config: Arc::new(config),
            limiter: security::Limiter::default(),
            notifier,
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
        // Live messages are small and must go at once: no Nagle (with it, a message that
        // follows another waits for the peer's delayed acknowledgement, up to 40 ms).
        let listener = self.listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
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
