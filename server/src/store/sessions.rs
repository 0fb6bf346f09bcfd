//! Sign-in sessions: starting them, finding the live one behind a request or a live
//! connection, keeping them from going idle, and ending them.

use model::{AccountId, BoardId, BoardRole, Timestamp};
use sqlx::{Any, Transaction};

use super::{
    Store, StoreError,
    accounts::{ACCOUNT_COLUMNS_A, AccountRow},
};

/// A session as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    /// Its id (UUID text), named in the audit log.
    pub id: String,
    /// The account.
    pub account_id: String,
    /// Last request (ms).
    pub last_seen_at: i64,
}

/// A new session.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Its id.
    pub id: String,
    /// SHA-256 of the cookie's token, hex.
    pub token_hash: String,
    /// Whose.
    pub account_id: AccountId,
    /// Now.
    pub at: Timestamp,
    /// Idle limit.
    pub idle_ms: i64,
    /// Absolute end.
    pub expires_at: Timestamp,
}

impl Store {
    /// Stores a new session.
    pub async fn create_session(&self, s: &NewSession) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        insert_session(&mut tx, s).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The live session with this token hash, and its account: not ended, not expired,
    /// not idle too long, and the account not disabled.
    pub async fn session_by_token(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(SessionRow, AccountRow)>, StoreError> {
        self.live_session("s.token_hash = $1", token_hash, now)
            .await
    }

    /// Like [`Store::session_by_token`], by the session's id.
    pub async fn session_by_id(
        &self,
        id: &str,
        now: Timestamp,
    ) -> Result<Option<(SessionRow, AccountRow)>, StoreError> {
        self.live_session("s.id = $1", id, now).await
    }

    async fn live_session(
        &self,
        condition: &str,
        key: &str,
        now: Timestamp,
    ) -> Result<Option<(SessionRow, AccountRow)>, StoreError> {
        // One query per request: the session and its account together.
        let row = sqlx::query_as::<_, LiveSessionRow>(&format!(
            "SELECT s.id AS session_id, s.last_seen_at AS session_last_seen, {ACCOUNT_COLUMNS_A} \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE {condition} AND s.ended_at IS NULL AND s.expires_at > $2 \
               AND s.last_seen_at + s.idle_ms > $2 AND a.disabled_at IS NULL"
        ))
        .bind(key)
        .bind(now.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| {
            let session = SessionRow {
                id: r.session_id,
                account_id: r.account.id.clone(),
                last_seen_at: r.session_last_seen,
            };
            (session, r.account)
        }))
    }

    /// Records activity on a session (keeps it from going idle).
    pub async fn touch_session(&self, id: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND ended_at IS NULL")
            .bind(id)
            .bind(now.0)
            .execute(&self.writes)
            .await?;
        Ok(())
    }

    /// Ends one session.
    pub async fn end_session(
        &self,
        id: &str,
        now: Timestamp,
        reason: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE sessions SET ended_at = $2, ended_reason = $3 \
             WHERE id = $1 AND ended_at IS NULL",
        )
        .bind(id)
        .bind(now.0)
        .bind(reason)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// For a live connection's check before each message, in one query: `None` if the
    /// session has ended (signed out, expired, idle too long, account disabled), else when
    /// it was last seen and the account's role on `board` now (`None`: no access).
    pub async fn live_access(
        &self,
        session: &str,
        board: BoardId,
        now: Timestamp,
    ) -> Result<Option<(i64, Option<BoardRole>)>, StoreError> {
        let row: Option<(i64, Option<String>)> = sqlx::query_as(
            "SELECT s.last_seen_at, \
                    (SELECT x.role FROM board_access x \
                      WHERE x.board_id = $3 AND x.account_id = s.account_id \
                        AND x.revoked_at IS NULL) AS role \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.id = $1 AND s.ended_at IS NULL AND s.expires_at > $2 \
               AND s.last_seen_at + s.idle_ms > $2 AND a.disabled_at IS NULL",
        )
        .bind(session)
        .bind(now.0)
        .bind(board.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(seen, role)| {
            let role = role
                .map(|r| {
                    BoardRole::parse(&r)
                        .ok_or_else(|| StoreError::Corrupt(format!("board role {r}")))
                })
                .transpose()?;
            Ok((seen, role))
        })
        .transpose()
    }
}

#[derive(sqlx::FromRow)]
struct LiveSessionRow {
    session_id: String,
    session_last_seen: i64,
    #[sqlx(flatten)]
    account: AccountRow,
}

/// Inserts a session.
pub(super) async fn insert_session(
    tx: &mut Transaction<'_, Any>,
    s: &NewSession,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (id, token_hash, account_id, created_at, last_seen_at, idle_ms, expires_at) \
         VALUES ($1, $2, $3, $4, $4, $5, $6)",
    )
    .bind(&s.id)
    .bind(&s.token_hash)
    .bind(s.account_id.to_string())
    .bind(s.at.0)
    .bind(s.idle_ms)
    .bind(s.expires_at.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
