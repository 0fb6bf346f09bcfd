//! Persistence: boards, cards and the event log, in SQLite or PostgreSQL.
//!
//! One set of queries serves both databases through sqlx's `Any` driver: ids are text,
//! times are integers, JSON is text, and placeholders are `$n`, which SQLite also reads.
//! Only the migrations differ, one folder per database.

mod accounts;
mod audit;
mod board_access;
mod citizen;
mod commit;
mod invitations;
mod record;
mod rows;
mod sessions;

pub use accounts::{AccountRow, NewAccount, staff_role_str};
pub use audit::{AuditEntry, AuditFilter};
pub use citizen::{NewCallbackRow, StoredCallback};
pub use commit::{BoardBatch, Outcome};
pub use invitations::{InvitationRow, NewInvitationRow};
pub use sessions::{NewSession, SessionRow};

use std::{path::Path, str::FromStr, time::Duration};

use model::{Board, BoardId, BoardSummary, ClientOpId, Event};
use sqlx::{
    AnyPool, Executor,
    any::{AnyConnectOptions, AnyPoolOptions},
    migrate::Migrator,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed or refused.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Migrations could not be applied.
    #[error("migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value could not be read back (a bug, or a hand-edited database).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The committer has stopped (the server is shutting down).
    #[error("the database writer has stopped")]
    Closed,
    /// A failure shared by several requests (a run of changes on one board); its cause
    /// was logged once where it happened.
    #[error("{0}")]
    Shared(std::sync::Arc<StoreError>),
    /// A group commit failed; its cause was logged once for the whole group.
    #[error("the changes could not be committed")]
    CommitFailed,
    /// The database URL is not one we support.
    #[error("unsupported database URL (use sqlite://… or postgres://…)")]
    UnsupportedUrl,
    /// The SQLite file's folder could not be created.
    #[error("cannot create the database folder")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Whether the cause has been logged already, where it happened (a failure shared by
    /// several requests, or a group commit's).
    pub fn already_logged(&self) -> bool {
        matches!(self, StoreError::Shared(_) | StoreError::CommitFailed)
    }
}

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, one server instance.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// The database, shared by all requests.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    /// Where the writes go (changes, audit lines, session activity, and every transaction
    /// that writes). For SQLite one connection, so that writers queue here in order
    /// instead of meeting SQLite's lock and its sleeping busy handler — and so that a
    /// transaction that reads before it writes never finds another connection has
    /// written since it read (WAL refuses that at once: "database is locked"). For
    /// PostgreSQL the same pool.
    writes: AnyPool,
    backend: Backend,
    /// This process's id among server instances (in PostgreSQL notifications).
    instance: u64,
    /// Where board changes are committed, in groups.
    committer: commit::Committer,
}

impl Store {
    /// Connects, creating a SQLite file (and its folder) if needed, and applies migrations.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or(path);
            if let Some(dir) = Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)?;
            }
            // Create the file on first start.
            let url = if url.contains("mode=") {
                url.to_owned()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(StoreError::UnsupportedUrl);
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool_options = move || {
            AnyPoolOptions::new()
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            // WAL lets readers run beside the writer; FULL sync so that an
                            // acknowledged change survives a power cut, not only a crash.
                            conn.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                            )
                            .await?;
                        }
                        Ok(())
                    })
                })
        };
        let pool = pool_options()
            .max_connections(if backend == Backend::Sqlite {
                max_connections.min(8)
            } else {
                max_connections
            })
            .connect_with(options.clone())
            .await?;
        let writes = match backend {
            Backend::Sqlite => {
                pool_options()
                    .max_connections(1)
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => pool.clone(),
        };
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await?;
        let instance = rand::random();
        // SQLite has one write connection; PostgreSQL commits concurrent transactions
        // together itself, so a few committers each keep one connection busy.
        let committers = match backend {
            Backend::Sqlite => 1,
            Backend::Postgres => (max_connections / 3).clamp(1, 4) as usize,
        };
        let committer = commit::Committer::start(writes.clone(), backend, instance, committers);
        let store = Store {
            pool,
            writes,
            backend,
            instance,
            committer,
        };
        store.backfill_contact_accounts().await?;
        store.backfill_checkpoints().await?;
        Ok(store)
    }

    /// Boards stored before `boards.contact_account` existed get it filled in once.
    async fn backfill_contact_accounts(&self) -> Result<(), StoreError> {
        let ids: Vec<(String,)> =
            sqlx::query_as("SELECT id FROM boards WHERE contact_account IS NULL")
                .fetch_all(&self.pool)
                .await?;
        for (id,) in ids {
            let Some(board) = BoardId::parse(&id) else {
                continue;
            };
            if let Some(board) = self.load_board(board).await? {
                sqlx::query("UPDATE boards SET contact_account = $2 WHERE id = $1")
                    .bind(&id)
                    .bind(contact_account(&board))
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// This process's id among server instances.
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// Sends a notification to every instance listening (PostgreSQL only).
    pub async fn notify(&self, payload: &str) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            notify_query(payload).execute(&self.pool).await?;
        }
        Ok(())
    }

    /// A board's current version, or `None` if there is no such board.
    pub async fn board_version(&self, id: BoardId) -> Result<Option<u64>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT version FROM boards WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(v,)| u64::try_from(v).unwrap_or(0)))
    }

    /// The pool, for tests that inspect the tables.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Closes all connections.
    pub async fn close(&self) {
        self.writes.close().await;
        self.pool.close().await;
    }

    /// Answers if the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Boards matching `condition` (on `b`, with `$1` bound to `param`), most recently
    /// changed first.
    async fn list_boards_where(
        &self,
        condition: &str,
        param: &str,
    ) -> Result<Vec<BoardSummary>, StoreError> {
        let rows = sqlx::query_as::<_, rows::SummaryRow>(&format!(
            "SELECT b.id, b.title, b.citizen_name, b.version, b.updated_at, b.stage, \
                    (SELECT COUNT(*) FROM cards c WHERE c.board_id = b.id AND c.deleted = 0) AS card_count, \
                    (SELECT MIN(c.due_date) FROM cards c \
                      WHERE c.board_id = b.id AND c.deleted = 0 AND c.status <> '\"done\"') AS next_due \
             FROM boards b WHERE {condition} ORDER BY b.updated_at DESC, b.id"
        ))
        .bind(param)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(rows::SummaryRow::into_summary)
            .collect()
    }

    /// Stores a new board, grants its team access and writes the audit line, in one
    /// transaction.
    pub async fn insert_board(
        &self,
        board: &Board,
        created_by: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let template = rows::to_json(&board.template)?;
        let mut tx = self.writes.begin().await?;
        sqlx::query(
            "INSERT INTO boards (id, title, citizen_name, short_term_by, long_term_by, template, \
                                 version, created_by, created_at, updated_at, stage, members, \
                                 citizen_may_add, consent, meetings, contact, contact_account) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        )
        .bind(board.id.to_string())
        .bind(board.title.as_str())
        .bind(board.citizen_name.as_str())
        .bind(board.short_term_by.map(|d| d.to_string()))
        .bind(board.long_term_by.map(|d| d.to_string()))
        .bind(template)
        .bind(to_i64(board.version))
        .bind(created_by)
        .bind(board.created_at.0)
        .bind(board.updated_at.0)
        .bind(board.stage.as_ref().map(rows::to_json).transpose()?)
        .bind(rows::to_json(&board.members)?)
        .bind(i64::from(board.citizen_may_add))
        .bind(board.consent.as_ref().map(rows::to_json).transpose()?)
        .bind(rows::to_json(&board.meetings)?)
        .bind(board.contact.map(|c| c.to_string()))
        .bind(contact_account(board))
        .execute(&mut *tx)
        .await?;
        board_access::sync_team_access(&mut tx, board, audit.account_id, board.created_at).await?;
        record::insert_checkpoint(&mut tx, board).await?;
        audit::insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reads a board with all its cards, or `None` if there is no such board.
    pub async fn load_board(&self, id: BoardId) -> Result<Option<Board>, StoreError> {
        let Some(row) = sqlx::query_as::<_, rows::BoardRow>(
            "SELECT id, title, citizen_name, short_term_by, long_term_by, template, stage, members, \
                    citizen_may_add, consent, meetings, contact, session, minutes, version, \
                    created_at, updated_at \
             FROM boards WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let cards = sqlx::query_as::<_, rows::CardRow>(
            "SELECT id, placement, order_key, text, responsible, due_date, status, note, \
                    created_by, created_at, updated_at, deleted, changed_in \
             FROM cards WHERE board_id = $1",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?;
        row.into_board(cards).map(Some)
    }

    /// The event a client op id produced on a board, if any.
    pub async fn find_event(
        &self,
        board: BoardId,
        client_op_id: ClientOpId,
    ) -> Result<Option<Event>, StoreError> {
        sqlx::query_as::<_, rows::EventRow>(
            "SELECT board_id, version, actor, at, client_op_id, op, overwrote \
             FROM board_events WHERE board_id = $1 AND client_op_id = $2",
        )
        .bind(board.to_string())
        .bind(client_op_id.to_string())
        .fetch_optional(&self.pool)
        .await?
        .map(rows::EventRow::into_event)
        .transpose()
    }

    /// The events that these client op ids produced on a board, for those already in the
    /// log (resends), in one query.
    pub async fn find_events(
        &self,
        board: BoardId,
        ids: &[ClientOpId],
    ) -> Result<Vec<Event>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = (0..ids.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT board_id, version, actor, at, client_op_id, op, overwrote \
             FROM board_events WHERE board_id = $1 AND client_op_id IN ({list})"
        );
        let mut q = sqlx::query_as::<_, rows::EventRow>(&sql).bind(board.to_string());
        for id in ids {
            q = q.bind(id.to_string());
        }
        q.fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(rows::EventRow::into_event)
            .collect()
    }

    /// Every event of a board after `after_version`, in order.
    pub async fn events_since(
        &self,
        board: BoardId,
        after_version: u64,
    ) -> Result<Vec<Event>, StoreError> {
        self.events_between(board, after_version, u64::MAX).await
    }

    /// The events of a board after `after_version` up to `up_to` (inclusive) that name
    /// `card`, in order (what an edit based on `after_version` may have replaced).
    pub async fn card_events_between(
        &self,
        board: BoardId,
        card: model::CardId,
        after_version: u64,
        up_to: u64,
    ) -> Result<Vec<Event>, StoreError> {
        sqlx::query_as::<_, rows::EventRow>(
            "SELECT board_id, version, actor, at, client_op_id, op, overwrote \
             FROM board_events WHERE board_id = $1 AND version > $2 AND version <= $3 \
               AND op LIKE $4 \
             ORDER BY version",
        )
        .bind(board.to_string())
        .bind(to_i64(after_version))
        .bind(to_i64(up_to))
        .bind(format!("%\"card_id\":\"{card}\"%"))
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(rows::EventRow::into_event)
        .filter(|e| e.as_ref().map_or(true, |e| e.op.card_id() == Some(card)))
        .collect()
    }

    /// The events of a board after `after_version` up to `up_to` (inclusive), in order.
    pub async fn events_between(
        &self,
        board: BoardId,
        after_version: u64,
        up_to: u64,
    ) -> Result<Vec<Event>, StoreError> {
        sqlx::query_as::<_, rows::EventRow>(
            "SELECT board_id, version, actor, at, client_op_id, op, overwrote \
             FROM board_events WHERE board_id = $1 AND version > $2 AND version <= $3 \
             ORDER BY version",
        )
        .bind(board.to_string())
        .bind(to_i64(after_version))
        .bind(to_i64(up_to))
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(rows::EventRow::into_event)
        .collect()
    }

    /// Commits a run of one board's changes, together with whatever other boards' changes
    /// are waiting (see [`commit`]); gives the batch back with the outcome.
    pub async fn commit(&self, batch: BoardBatch) -> (Option<BoardBatch>, Outcome) {
        self.committer.commit(batch).await
    }
}

/// `NOTIFY` on Duk's channel, as a query (PostgreSQL).
fn notify_query(payload: &str) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(crate::notify_payload::CHANNEL)
        .bind(payload)
}

/// The account of the board's contact person now, as `boards.contact_account` stores it.
fn contact_account(board: &Board) -> Option<String> {
    board
        .contact_member()
        .and_then(|m| m.account)
        .map(|a| a.to_string())
}

/// Versions are `u64` in the model and `BIGINT` in the database; a board would need
/// 9.2 × 10^18 changes to overflow, so saturating is only a formality.
fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}
