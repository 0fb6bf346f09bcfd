//! The audit log: the line to write, writing it, searching it, and who opened a board.

use std::collections::BTreeMap;

use model::{AccountId, AuditAction, AuditRecord, BoardId, BoardRole, PlanView, Timestamp};
use sqlx::{Any, Transaction};

use super::{Store, StoreError, to_i64};

/// One line for the audit log.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// When.
    pub at: Timestamp,
    /// Whose account.
    pub account_id: Option<AccountId>,
    /// Their name then.
    pub actor_name: String,
    /// Their role then.
    pub actor_role: String,
    /// Which session.
    pub session_id: Option<String>,
    /// Which board.
    pub board_id: Option<BoardId>,
    /// What.
    pub action: AuditAction,
    /// For a change, the version.
    pub version: Option<u64>,
}

/// What to search the audit log for; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// One board.
    pub board: Option<BoardId>,
    /// One account.
    pub account: Option<AccountId>,
    /// From (ms, inclusive).
    pub from: Option<Timestamp>,
    /// Until (ms, exclusive).
    pub until: Option<Timestamp>,
    /// Most lines.
    pub limit: i64,
}

impl Store {
    /// Writes one audit line.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        insert_audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Searches the audit log, newest first.
    pub async fn search_audit(&self, f: &AuditFilter) -> Result<Vec<AuditRecord>, StoreError> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT id, at, account_id, actor_name, actor_role, session_id, board_id, action, version \
             FROM audit_log \
             WHERE ($1 IS NULL OR board_id = $1) AND ($2 IS NULL OR account_id = $2) \
               AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4) \
             ORDER BY id DESC LIMIT $5",
        )
        .bind(f.board.map(|b| b.to_string()))
        .bind(f.account.map(|a| a.to_string()))
        .bind(f.from.map(|t| t.0))
        .bind(f.until.map(|t| t.0))
        .bind(f.limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AuditRow::into_record).collect()
    }

    /// Staff who opened a board, newest first; repeated opens by the same person within an
    /// hour count once.
    pub async fn plan_views(&self, board: BoardId) -> Result<Vec<PlanView>, StoreError> {
        let rows: Vec<ViewRow> = sqlx::query_as(
            "SELECT l.account_id, l.actor_name, l.actor_role, l.at, a.office FROM audit_log l \
             LEFT JOIN accounts a ON a.id = l.account_id \
             WHERE l.board_id = $1 AND l.action = $2 AND l.actor_role IN ('owner', 'member') \
             ORDER BY l.id DESC LIMIT 2000",
        )
        .bind(board.to_string())
        .bind(AuditAction::OpenBoard.as_str())
        .fetch_all(&self.pool)
        .await?;
        let mut last_kept: BTreeMap<Option<String>, i64> = BTreeMap::new();
        let mut out = Vec::new();
        for ViewRow {
            account_id: account,
            actor_name: name,
            actor_role: role,
            at,
            office,
        } in rows
        {
            const HOUR: i64 = 3_600_000;
            if last_kept.get(&account).is_some_and(|kept| kept - at < HOUR) {
                continue;
            }
            last_kept.insert(account, at);
            out.push(PlanView {
                name,
                role: BoardRole::parse(&role).unwrap_or(BoardRole::Member),
                office,
                at: Timestamp(at),
            });
        }
        Ok(out)
    }
}

#[derive(sqlx::FromRow)]
struct ViewRow {
    account_id: Option<String>,
    actor_name: String,
    actor_role: String,
    at: i64,
    office: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    account_id: Option<String>,
    actor_name: String,
    actor_role: String,
    session_id: Option<String>,
    board_id: Option<String>,
    action: String,
    version: Option<i64>,
}

impl AuditRow {
    fn into_record(self) -> Result<AuditRecord, StoreError> {
        Ok(AuditRecord {
            id: self.id,
            at: Timestamp(self.at),
            account_id: self.account_id.as_deref().and_then(AccountId::parse),
            actor_name: self.actor_name,
            actor_role: self.actor_role,
            session_id: self.session_id,
            board_id: self.board_id.as_deref().and_then(BoardId::parse),
            action: AuditAction::parse(&self.action)
                .ok_or_else(|| StoreError::Corrupt(format!("audit action {}", self.action)))?,
            version: self.version.and_then(|v| u64::try_from(v).ok()),
        })
    }
}

/// Writes an audit line inside a transaction.
pub(super) async fn insert_audit(
    tx: &mut Transaction<'_, Any>,
    e: &AuditEntry,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, account_id, actor_name, actor_role, session_id, board_id, action, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.at.0)
    .bind(e.account_id.map(|a| a.to_string()))
    .bind(&e.actor_name)
    .bind(&e.actor_role)
    .bind(&e.session_id)
    .bind(e.board_id.map(|b| b.to_string()))
    .bind(e.action.as_str())
    .bind(e.version.map(to_i64))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
