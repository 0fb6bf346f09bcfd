//! `spawn_app()` and a small typed client.

use std::path::PathBuf;

use model::{
    Board, BoardId, ClientOpId, CreateBoard, ErrorBody, Event, OpRequest, Operation, Placement,
};
use reqwest::{Response, StatusCode};
use server::{Application, Config, store::Store};
use sqlx::{Connection, Executor};
use tokio::sync::oneshot;
use uuid::Uuid;

/// Where a test's database lives; dropped with the test.
enum TestDb {
    Sqlite(
        #[allow(dead_code, reason = "kept only to delete the folder on drop")] tempfile::TempDir,
    ),
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside async code; a short-lived runtime removes the database.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                rt.block_on(async {
                    let mut conn = sqlx::PgConnection::connect(&admin_url).await?;
                    conn.execute(
                        format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#).as_str(),
                    )
                    .await?;
                    Ok::<_, sqlx::Error>(())
                })
                .map_err(std::io::Error::other)
            })
            .join();
        }
    }
}

/// A fresh database URL for one test.
async fn fresh_database() -> (String, TestDb) {
    match std::env::var("DUK_TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            let name = format!("duk_test_{}", Uuid::new_v4().simple());
            let mut conn = sqlx::PgConnection::connect(&admin_url)
                .await
                .expect("DUK_TEST_DATABASE_URL must reach a PostgreSQL server");
            conn.execute(format!(r#"CREATE DATABASE "{name}""#).as_str())
                .await
                .unwrap();
            let mut url = url_without_db(&admin_url);
            url.push('/');
            url.push_str(&name);
            (url, TestDb::Postgres { admin_url, name })
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("duk.db").display());
            (url, TestDb::Sqlite(dir))
        }
    }
}

/// `postgres://user@host:port/db?x` → `postgres://user@host:port` (the query is dropped).
fn url_without_db(url: &str) -> String {
    let no_query = url.split('?').next().unwrap_or(url);
    let scheme_end = no_query.find("://").map(|i| i + 3).unwrap_or(0);
    match no_query[scheme_end..].find('/') {
        Some(i) => no_query[..scheme_end + i].to_owned(),
        None => no_query.to_owned(),
    }
}

/// A running server with its own database.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// The database URL, to start a second server on the same data.
    pub database_url: String,
    /// A client that does not decompress, so tests see what the server sent.
    pub http: reqwest::Client,
    /// A direct handle on the database, to check what was stored.
    pub store: Store,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _db: TestDb,
}

/// Starts the server on a free port with a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with changes to the configuration.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let (database_url, db) = fresh_database().await;
    let mut config = Config::for_database(database_url.clone());
    configure(&mut config);
    let (base, shutdown, server, store) = start(config).await;
    TestApp {
        base,
        database_url,
        http: reqwest::Client::new(),
        store,
        shutdown: Some(shutdown),
        server: Some(server),
        _db: db,
    }
}

type Started = (
    String,
    oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
    Store,
);

async fn start(config: Config) -> Started {
    let app = Application::build(config).await.expect("server starts");
    let base = format!("http://{}", app.local_addr());
    let store = app.state().store.clone();
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = rx.await;
    }));
    (base, tx, server, store)
}

impl TestApp {
    /// Stops the server gracefully and starts a new one on the same database.
    pub async fn restart(&mut self, configure: impl FnOnce(&mut Config)) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap().unwrap();
        }
        let mut config = Config::for_database(self.database_url.clone());
        configure(&mut config);
        let (base, tx, server, store) = start(config).await;
        (self.base, self.shutdown, self.server, self.store) = (base, Some(tx), Some(server), store);
    }

    /// `GET` a path.
    pub async fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// `POST` a JSON value.
    pub async fn post_json(&self, path: &str, body: &impl serde::Serialize) -> Response {
        self.http
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// `POST` raw bytes with a content type.
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// Creates a board for Kari Nordmann.
    pub async fn create_board(&self) -> Board {
        let req = CreateBoard {
            citizen_name: "Kari Nordmann".into(),
            title: None,
            short_term_by: None,
            long_term_by: None,
        };
        let res = self.post_json("/api/boards", &req).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json().await.unwrap()
    }

    /// Reads a board.
    pub async fn board(&self, id: BoardId) -> Board {
        let res = self.get(&format!("/api/boards/{id}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json().await.unwrap()
    }

    /// Sends an operation with a new client op id; returns the raw response.
    pub async fn send(&self, board: BoardId, base_version: u64, op: Operation) -> Response {
        let req = OpRequest {
            client_op_id: ClientOpId(Uuid::new_v4()),
            base_version,
            op,
        };
        self.post_json(&format!("/api/boards/{board}/ops"), &req)
            .await
    }

    /// Sends an operation that must be accepted; returns its event.
    pub async fn apply(&self, board: BoardId, base_version: u64, op: Operation) -> Event {
        let res = self.send(board, base_version, op).await;
        let status = res.status();
        let text = res.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{text}");
        serde_json::from_str(&text).unwrap()
    }

    /// Adds a card at the end of a cell; returns the event.
    pub async fn add_card(&self, board: &Board, theme: &str, column: &str, text: &str) -> Event {
        let placement = Placement::cell(theme, column).unwrap();
        let op = Operation::CreateCard {
            card_id: model::CardId(Uuid::new_v4()),
            order: board.order_key_at(&placement, usize::MAX, None).to_string(),
            placement,
            text: text.into(),
        };
        self.apply(board.id, board.version, op).await
    }

    /// Everything stored about every board, as text, to prove that refused input changed
    /// nothing.
    pub async fn fingerprint(&self) -> String {
        let queries = [
            "SELECT id || '|' || title || '|' || citizen_name || '|' || COALESCE(short_term_by, '-') \
             || '|' || COALESCE(long_term_by, '-') || '|' || template || '|' || version || '|' \
             || updated_at || '|' || COALESCE(stage, '-') || '|' || members FROM boards ORDER BY id",
            "SELECT board_id || '|' || id || '|' || placement || '|' || order_key || '|' || text \
             || '|' || COALESCE(responsible, '-') || '|' || COALESCE(due_date, '-') || '|' || status \
             || '|' || COALESCE(note, '-') || '|' || updated_at || '|' || deleted \
             FROM cards ORDER BY board_id, id",
            "SELECT board_id || '|' || version || '|' || client_op_id || '|' || op \
             FROM board_events ORDER BY board_id, version",
        ];
        let mut out = String::new();
        for q in queries {
            let rows: Vec<(String,)> = sqlx::query_as(q)
                .fetch_all(self.store.pool())
                .await
                .unwrap();
            for (row,) in rows {
                out.push_str(&row);
                out.push('\n');
            }
            out.push_str("--\n");
        }
        out
    }

    /// How many events a board has in the log.
    pub async fn event_count(&self, board: BoardId) -> i64 {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM board_events WHERE board_id = $1")
            .bind(board.to_string())
            .fetch_one(self.store.pool())
            .await
            .unwrap();
        n
    }
}

/// Reads an error answer and checks its status and code; returns the body.
pub async fn expect_error(res: Response, status: StatusCode, code: &str) -> ErrorBody {
    assert_eq!(res.status(), status, "status for {code}");
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json"),
        "errors are JSON"
    );
    let body: ErrorBody = res.json().await.unwrap();
    assert_eq!(body.code, code);
    assert!(!body.message.is_empty());
    body
}

/// A folder that looks like a built app.
pub fn fake_dist() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().to_path_buf();
    std::fs::create_dir_all(dist.join("assets/0123abcd")).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>Duk</title>").unwrap();
    std::fs::write(
        dist.join("assets/0123abcd/duk.js"),
        "export default 1;".repeat(100),
    )
    .unwrap();
    std::fs::write(dist.join("assets/0123abcd/duk.js.br"), b"brotli-bytes").unwrap();
    std::fs::write(dist.join("favicon.svg"), "<svg/>").unwrap();
    (dir, dist)
}
