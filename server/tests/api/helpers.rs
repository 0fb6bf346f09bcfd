//! `spawn_app()` and a small typed client.

// long-file: the test clients and the server they start, used by every test file

use std::{path::PathBuf, sync::Arc};

use model::{
    AccountId, Board, BoardId, ClientMsg, ClientOpId, CreateBoard, ErrorBody, Event, GuestRole,
    InvitationCreated, LoginRequest, Me, MemberFields, MemberId, NewInvitation, NewStaffAccount,
    OpRequest, Operation, Placement, RedeemInvitation, ServerMsg, StaffRole,
};
use reqwest::{
    Response, StatusCode,
    cookie::{CookieStore, Jar},
};
use server::{Application, Config, store::Store};
use sqlx::{Connection, Executor};
use tokio::sync::oneshot;
use uuid::Uuid;

/// Where a test's database lives; dropped with the test.
pub enum TestDb {
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
pub async fn fresh_database() -> (String, TestDb) {
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

/// Someone using the API: a cookie-keeping HTTP client, signed in or not.
#[derive(Clone)]
pub struct Client {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// Keeps the session cookie; does not decompress, so tests see what the server sent.
    pub http: reqwest::Client,
    /// Its cookies.
    pub jar: Arc<Jar>,
    /// The account, when signed in.
    pub account: Option<AccountId>,
    /// Display name.
    pub name: String,
}

/// The default account's password in tests.
pub const PASSWORD: &str = "et langt testpassord";

impl Client {
    /// A client with no session.
    pub fn anonymous(base: &str) -> Client {
        let jar = Arc::new(Jar::default());
        Client {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .build()
                .unwrap(),
            jar,
            account: None,
            name: "anonym".into(),
        }
    }

    /// The `Cookie` header this client sends.
    pub fn cookie(&self) -> Option<String> {
        let url: reqwest::Url = self.base.parse().unwrap();
        self.jar
            .cookies(&url)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    /// Opens a board's live connection as this client, from the server's own origin; on
    /// refusal, the HTTP status.
    pub async fn live(&self, board: BoardId) -> Result<Live, u16> {
        self.live_from(board, &self.base.clone()).await
    }

    /// The upgrade request for a board's live connection, as from `origin`, with this
    /// client's session cookie.
    pub fn live_request(
        &self,
        board: BoardId,
        origin: &str,
    ) -> tokio_tungstenite::tungstenite::handshake::client::Request {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let url = format!(
            "{}/api/boards/{board}/live",
            self.base.replace("http://", "ws://")
        );
        let mut req = url.into_client_request().unwrap();
        req.headers_mut().insert("origin", origin.parse().unwrap());
        if let Some(cookie) = self.cookie() {
            req.headers_mut().insert("cookie", cookie.parse().unwrap());
        }
        req
    }

    /// Like [`Client::live`], over a socket with a tiny receive buffer: a client on a bad
    /// line that reads slowly.
    pub async fn live_slow(&self, board: BoardId) -> Live {
        let req = self.live_request(board, &self.base);
        let addr: std::net::SocketAddr = self.base.trim_start_matches("http://").parse().unwrap();
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(2048).unwrap();
        let tcp = socket.connect(addr).await.unwrap();
        let (stream, _) =
            tokio_tungstenite::client_async(req, tokio_tungstenite::MaybeTlsStream::Plain(tcp))
                .await
                .unwrap();
        Live { stream }
    }

    /// Like [`Client::live`], claiming to come from `origin`.
    pub async fn live_from(&self, board: BoardId, origin: &str) -> Result<Live, u16> {
        match tokio_tungstenite::connect_async(self.live_request(board, origin)).await {
            Ok((stream, _)) => Ok(Live { stream }),
            Err(tokio_tungstenite::tungstenite::Error::Http(res)) => Err(res.status().as_u16()),
            Err(e) => panic!("live connection failed: {e}"),
        }
    }

    /// `GET` a path.
    pub async fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// `DELETE` a path.
    pub async fn delete(&self, path: &str) -> Response {
        self.http
            .delete(format!("{}{path}", self.base))
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

    /// `PUT` a JSON value.
    pub async fn put_json(&self, path: &str, body: &impl serde::Serialize) -> Response {
        self.http
            .put(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// `PATCH` a JSON value.
    pub async fn patch_json(&self, path: &str, body: &impl serde::Serialize) -> Response {
        self.http
            .patch(format!("{}{path}", self.base))
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

    /// Signs in with e-mail and password; panics unless it works.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Me {
        let res = self
            .post_json(
                "/api/auth/login",
                &LoginRequest {
                    email: email.into(),
                    password: password.into(),
                },
            )
            .await;
        let status = res.status();
        let text = res.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{text}");
        let me: Me = serde_json::from_str(&text).unwrap();
        self.account = Some(me.id);
        self.name = me.name.clone();
        me
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

    /// Invites someone to a board (this client must be allowed to); returns link and code.
    pub async fn invite(&self, board: BoardId, role: GuestRole, name: &str) -> InvitationCreated {
        let res = self
            .post_json(
                &format!("/api/boards/{board}/invitations"),
                &NewInvitation {
                    role,
                    name: name.into(),
                    phone: None,
                },
            )
            .await;
        let status = res.status();
        let text = res.text().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{text}");
        serde_json::from_str(&text).unwrap()
    }
}

/// An open live connection.
pub struct Live {
    stream: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
}

/// What the next frame from the server was.
#[derive(Debug, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "a test helper, one at a time")]
pub enum Frame {
    /// A message.
    Msg(ServerMsg),
    /// A close frame with its code.
    Close(u16),
    /// The connection ended without a close frame.
    Ended,
}

impl Live {
    /// Sends a client message.
    pub async fn send(&mut self, msg: &ClientMsg) {
        self.send_text(&serde_json::to_string(msg).unwrap()).await;
    }

    /// Sends raw text.
    pub async fn send_text(&mut self, text: &str) {
        use futures_util::SinkExt;
        self.stream
            .send(tokio_tungstenite::tungstenite::Message::Text(text.into()))
            .await
            .unwrap();
    }

    /// The next frame, waiting at most five seconds.
    pub async fn next(&mut self) -> Frame {
        use futures_util::StreamExt;
        use tokio_tungstenite::tungstenite::Message;
        loop {
            let msg = tokio::time::timeout(std::time::Duration::from_secs(5), self.stream.next())
                .await
                .expect("the server answers within five seconds");
            return match msg {
                Some(Ok(Message::Text(t))) => Frame::Msg(serde_json::from_str(&t).unwrap()),
                Some(Ok(Message::Close(frame))) => {
                    Frame::Close(frame.map_or(1005, |f| u16::from(f.code)))
                }
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => Frame::Ended,
            };
        }
    }

    /// The next message, panicking on anything else.
    pub async fn next_msg(&mut self) -> ServerMsg {
        match self.next().await {
            Frame::Msg(m) => m,
            other => panic!("expected a message, got {other:?}"),
        }
    }

    /// Says hello holding `since`; returns the welcome's version and connection id. The
    /// presence list that follows is left to read.
    pub async fn hello(&mut self, since: Option<u64>) -> (u64, u64) {
        self.send(&ClientMsg::Hello {
            protocol: model::PROTOCOL,
            since,
        })
        .await;
        match self.next_msg().await {
            ServerMsg::Welcome {
                version,
                connection,
                ..
            } => (version, connection),
            other => panic!("expected a welcome, got {other:?}"),
        }
    }

    /// The next message that is not a presence list.
    pub async fn next_non_presence(&mut self) -> ServerMsg {
        loop {
            match self.next_msg().await {
                ServerMsg::Presence { .. } => continue,
                other => return other,
            }
        }
    }

    /// The next event, skipping presence lists; panics on anything else.
    pub async fn next_event(&mut self) -> Event {
        match self.next_non_presence().await {
            ServerMsg::Event { event } => event,
            other => panic!("expected an event, got {other:?}"),
        }
    }

    /// The next refusal, skipping presence lists: its op id, code and message.
    pub async fn next_rejection(&mut self) -> (ClientOpId, String, String) {
        match self.next_non_presence().await {
            ServerMsg::Rejected {
                client_op_id,
                code,
                message,
            } => (client_op_id, code, message),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    /// Expects the server to say why it closes, then the close frame with its code.
    pub async fn expect_closed(&mut self, reason: model::CloseReason) {
        assert_eq!(self.next_non_presence().await, ServerMsg::Closed { reason });
        assert_eq!(self.next().await, Frame::Close(reason.close_code()));
    }

    /// Sends an operation over the socket with a new client op id; returns the id.
    pub async fn send_op(&mut self, base_version: u64, op: Operation) -> ClientOpId {
        let client_op_id = ClientOpId(Uuid::new_v4());
        self.send(&ClientMsg::Op {
            client_op_id,
            base_version,
            op,
        })
        .await;
        client_op_id
    }
}

/// A card op with a new card at the end of a cell.
pub fn create_card_op(text: &str) -> Operation {
    Operation::CreateCard {
        card_id: model::CardId(Uuid::new_v4()),
        placement: Placement::cell("jobb", "na").unwrap(),
        order: model::OrderKey::between(None, None).to_string(),
        text: text.into(),
    }
}

/// The secret in an invitation link (`/invitasjon#<token>`).
pub fn token_of(inv: &InvitationCreated) -> String {
    inv.link.split_once('#').unwrap().1.to_owned()
}

/// A running server with its own database, and a signed-in caseworker (the default client,
/// which the app derefs to).
pub struct TestApp {
    /// The default client: a caseworker who creates the boards in most tests.
    pub client: Client,
    /// The database URL, to start a second server on the same data.
    pub database_url: String,
    /// A direct handle on the database, to check what was stored.
    pub store: Store,
    /// Where invitation messages go.
    pub outbox: PathBuf,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: tempfile::TempDir,
    _db: TestDb,
}

impl std::ops::Deref for TestApp {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

/// Starts the server on a free port with a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with changes to the configuration.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let (database_url, db) = fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox.jsonl");
    let mut config = Config::for_database(database_url.clone());
    config.outbox = outbox.clone();
    configure(&mut config);
    let (base, shutdown, server, store) = start(config).await;
    let mut app = TestApp {
        client: Client::anonymous(&base),
        database_url,
        store,
        outbox,
        shutdown: Some(shutdown),
        server: Some(server),
        _dir: dir,
        _db: db,
    };
    app.client = app
        .staff("Ola Hansen", "ola@nav.test", StaffRole::Caseworker)
        .await;
    app
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
    /// `http://127.0.0.1:<port>`.
    pub fn base(&self) -> &str {
        &self.client.base
    }

    /// Stops the server gracefully and starts a new one on the same database; the default
    /// client keeps its session.
    pub async fn restart(&mut self, configure: impl FnOnce(&mut Config)) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap().unwrap();
        }
        let mut config = Config::for_database(self.database_url.clone());
        config.outbox = self.outbox.clone();
        configure(&mut config);
        let (base, tx, server, store) = start(config).await;
        self.client.base = base;
        (self.shutdown, self.server, self.store) = (Some(tx), Some(server), store);
    }

    /// A client with no session.
    pub fn anonymous(&self) -> Client {
        Client::anonymous(self.base())
    }

    /// Creates a staff account (with [`PASSWORD`]) and signs it in.
    pub async fn staff(&self, name: &str, email: &str, role: StaffRole) -> Client {
        let fields = server::admin::validate_staff(&NewStaffAccount {
            name: name.into(),
            email: email.into(),
            phone: None,
            office: Some("NAV".into()),
            role,
        })
        .unwrap();
        server::admin::create_staff(&self.store, fields, role, PASSWORD, false)
            .await
            .unwrap()
            .expect("a new e-mail");
        let mut client = self.anonymous();
        client.sign_in(email, PASSWORD).await;
        client
    }

    /// Adds a staff client to a board's team (through the owner); returns the member id.
    pub async fn add_to_team(&self, owner: &Client, board: BoardId, who: &Client) -> MemberId {
        let b = owner.board(board).await;
        let member_id = MemberId(Uuid::new_v4());
        owner
            .apply(
                board,
                b.version,
                Operation::AddMember {
                    member_id,
                    member: MemberFields {
                        name: who.name.clone(),
                        account: who.account,
                        ..MemberFields::default()
                    },
                },
            )
            .await;
        member_id
    }

    /// Invites and signs in a citizen or støtteperson through `inviter`.
    pub async fn guest(
        &self,
        inviter: &Client,
        board: BoardId,
        role: GuestRole,
        name: &str,
    ) -> Client {
        let inv = inviter.invite(board, role, name).await;
        let mut guest = self.anonymous();
        let res = guest
            .post_json(
                "/api/invitations/redeem",
                &RedeemInvitation {
                    token: token_of(&inv),
                    code: inv.code.clone(),
                },
            )
            .await;
        let status = res.status();
        let text = res.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{text}");
        let me: Me = guest.get("/api/auth/me").await.json().await.unwrap();
        guest.account = Some(me.id);
        guest.name = me.name;
        guest
    }

    /// Everything stored about every board, as text, to prove that refused input changed
    /// nothing.
    pub async fn fingerprint(&self) -> String {
        let queries = [
            "SELECT id || '|' || title || '|' || citizen_name || '|' || COALESCE(short_term_by, '-') \
             || '|' || COALESCE(long_term_by, '-') || '|' || template || '|' || version || '|' \
             || updated_at || '|' || COALESCE(stage, '-') || '|' || members || '|' \
             || citizen_may_add || '|' || COALESCE(consent, '-') || '|' || meetings || '|' \
             || COALESCE(contact, '-') || '|' || COALESCE(contact_account, '-') || '|' \
             || COALESCE(session, '-') || '|' || minutes FROM boards ORDER BY id",
            "SELECT board_id || '|' || id || '|' || placement || '|' || order_key || '|' || text \
             || '|' || COALESCE(responsible, '-') || '|' || COALESCE(due_date, '-') || '|' || status \
             || '|' || COALESCE(note, '-') || '|' || updated_at || '|' || deleted || '|' \
             || changed_in FROM cards ORDER BY board_id, id",
            "SELECT board_id || '|' || number || '|' || revision || '|' || version || '|' || doc \
             FROM minutes ORDER BY board_id, number, revision",
            "SELECT board_id || '|' || version || '|' || board \
             FROM board_checkpoints ORDER BY board_id, version",
            "SELECT board_id || '|' || version || '|' || client_op_id || '|' || op \
             FROM board_events ORDER BY board_id, version",
            "SELECT board_id || '|' || account_id || '|' || role || '|' || COALESCE(revoked_at, -1) \
             FROM board_access ORDER BY board_id, account_id",
            "SELECT id || '|' || board_id || '|' || phone || '|' || COALESCE(note, '-') || '|' \
             || status || '|' || deadline || '|' || updated_at FROM callback_requests ORDER BY id",
            "SELECT id || '|' || board_id || '|' || COALESCE(revoked_at, -1) \
             FROM calendar_feeds ORDER BY id",
            "SELECT account_id || '|' || hours || '|' || COALESCE(substitute_id, '-') || '|' \
             || absences FROM contact_profiles ORDER BY account_id",
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

    /// Every audit line, oldest first: (account, role, board, action, version).
    pub async fn audit_lines(&self) -> Vec<AuditLine> {
        sqlx::query_as(
            "SELECT account_id, actor_role, board_id, action, version FROM audit_log ORDER BY id",
        )
        .fetch_all(self.store.pool())
        .await
        .unwrap()
    }
}

/// One audit line as the tests read it.
pub type AuditLine = (Option<String>, String, Option<String>, String, Option<i64>);

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
    std::fs::write(dist.join("assets/0123abcd/duk.js.gz"), b"gzip-bytes").unwrap();
    std::fs::write(dist.join("index.html.br"), b"brotli-shell").unwrap();
    std::fs::write(dist.join("index.html.gz"), b"gzip-shell").unwrap();
    std::fs::write(dist.join("favicon.svg"), "<svg/>").unwrap();
    (dir, dist)
}

/// The server binary running as its own process, as in production.
pub struct ServerProcess {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    child: tokio::process::Child,
    /// Every line it has written (its log), as far as read.
    output: Arc<std::sync::Mutex<Vec<String>>>,
}

impl ServerProcess {
    /// Starts `duk-server` on `database_url` (with the demo) on `port` (0: any free one) and
    /// waits until it says where it listens.
    pub async fn start(database_url: &str, port: u16, dir: &std::path::Path) -> ServerProcess {
        Self::start_with(database_url, port, dir, &[]).await
    }

    /// Like [`ServerProcess::start`], with more flags.
    pub async fn start_with(
        database_url: &str,
        port: u16,
        dir: &std::path::Path,
        flags: &[&str],
    ) -> ServerProcess {
        use tokio::io::AsyncBufReadExt;
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_duk-server"))
            .args(["--port", &port.to_string(), "--seed-demo"])
            .args(flags)
            .arg("--database-url")
            .arg(database_url)
            .arg("--dist")
            .arg(dir.join("no-app-built"))
            .arg("--outbox")
            .arg(dir.join("outbox.jsonl"))
            .env("RUST_LOG", "warn")
            // Its errors go to the log it is read from, which a failing test prints.
            .env("RUST_BACKTRACE", "0")
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
        // The timeout only bounds a hang.
        let base = tokio::time::timeout(std::time::Duration::from_secs(60), async {
            // What it said before it listened, to tell why if it never does.
            let mut said = Vec::new();
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Some(url) = line.strip_prefix("Duk kjører på ") {
                    return url.trim().to_owned();
                }
                said.push(line);
            }
            panic!(
                "the server ended before it listened; its log:\n{}",
                said.join("\n")
            )
        })
        .await
        .expect("the server starts");
        // Keep reading its output so that it never blocks on a full pipe.
        let output: Arc<std::sync::Mutex<Vec<String>>> = Arc::default();
        let kept = output.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                kept.lock().unwrap().push(line);
            }
        });
        ServerProcess {
            base,
            child,
            output,
        }
    }

    /// The lines of its log that contain `needle`, once there is at least one (its output
    /// is read as it comes, a moment after the server wrote it).
    pub async fn wait_for_log(&self, needle: &str) -> Vec<String> {
        // The timeout only bounds a hang.
        tokio::time::timeout(std::time::Duration::from_secs(10), async {
            loop {
                let lines = self.log_lines(needle);
                if !lines.is_empty() {
                    return lines;
                }
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        })
        .await
        .unwrap_or_default()
    }

    /// The lines of its log so far that contain `needle`.
    pub fn log_lines(&self, needle: &str) -> Vec<String> {
        self.output
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(needle))
            .cloned()
            .collect()
    }

    /// Kills it at once (SIGKILL): no shutdown, no flushing, as in a crash.
    pub async fn kill(mut self) {
        self.child.start_kill().unwrap();
        let _ = self.child.wait().await;
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.base.rsplit(':').next().unwrap().parse().unwrap()
    }
}

/// The demo caseworker (Ola) signed in on `base`.
pub async fn demo_ola(base: &str) -> Client {
    let mut ola = Client::anonymous(base);
    ola.sign_in("ola@duk.test", "duk-demo-passord").await;
    ola
}
