//! Group commit: the changes that wait together, on any number of boards, are written in
//! one transaction, so one disk flush serves them all.
//!
//! The writer (one worker per board, see `crate::writer`) hands over a [`BoardBatch`]:
//! the board with a run of accepted operations applied, their events and audit lines. A
//! committer task takes every batch waiting in its queue, writes each (board header and
//! version guard, events, the cards they touched, minutes, team access, audit lines) and
//! commits once; only then is each batch's worker told, and only then are the changes
//! acknowledged and broadcast. SQLite has one committer (it has one write connection);
//! PostgreSQL several, each with its own connection, because it flushes concurrent commits
//! together by itself.
//!
//! A batch whose version another instance took first writes nothing and is told so; the
//! others in the transaction are unaffected. A batch that fails (a resend that slipped
//! past the writer's check and hit the unique `client_op_id`, say) makes the transaction
//! roll back; it is told, and the others are written again without it.

use std::{collections::BTreeSet, sync::Arc};

use model::{AccountId, Board, CardId, Event, Parts, Timestamp};
use sqlx::{Any, AnyPool, Transaction};
use tokio::sync::{Mutex, mpsc, oneshot};

use super::{
    AuditEntry, Backend, StoreError, board_access, contact_account, notify_query, record,
    rows::{self, CardRow},
    to_i64,
};

/// Batches a committer takes into one transaction at most.
const MAX_BATCHES_PER_COMMIT: usize = 256;
/// Batches waiting for a committer at most (the writer's admission control keeps far
/// fewer in flight; this only bounds memory should it not).
const QUEUE: usize = 4096;

/// A run of accepted operations on one board, ready to be written.
#[derive(Debug)]
pub struct BoardBatch {
    /// The board with every event of the batch applied.
    pub board: Board,
    /// The events, in version order, without gaps, starting right after the version the
    /// board had when the batch began.
    pub events: Vec<Event>,
    /// One audit line per event (its version is filled in when written).
    pub audits: Vec<AuditEntry>,
}

/// How a batch fared.
#[derive(Debug)]
pub enum Outcome {
    /// Committed: acknowledge and broadcast.
    Committed,
    /// Another instance took the first version; nothing was written. Reload and retry.
    VersionTaken,
    /// A `client_op_id` of the batch is already in the log (a resend raced its original);
    /// nothing was written.
    DuplicateClientOp,
    /// The database failed; nothing of the batch was written.
    Failed(Arc<StoreError>),
}

struct Job {
    batch: BoardBatch,
    reply: oneshot::Sender<(BoardBatch, Outcome)>,
}

/// The queue in front of the committer tasks.
#[derive(Debug, Clone)]
pub(super) struct Committer {
    tx: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("board", &self.batch.board.id)
            .finish_non_exhaustive()
    }
}

impl Committer {
    /// Starts `tasks` committers writing through `pool`.
    pub(super) fn start(pool: AnyPool, backend: Backend, instance: u64, tasks: usize) -> Self {
        let (tx, rx) = mpsc::channel(QUEUE);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..tasks.max(1) {
            let (pool, rx) = (pool.clone(), rx.clone());
            tokio::spawn(async move {
                let mut jobs = Vec::with_capacity(MAX_BATCHES_PER_COMMIT);
                loop {
                    // One committer takes what waits; the others wait for the next round.
                    let taken = rx
                        .lock()
                        .await
                        .recv_many(&mut jobs, MAX_BATCHES_PER_COMMIT)
                        .await;
                    if taken == 0 {
                        return;
                    }
                    commit_all(&pool, backend, instance, std::mem::take(&mut jobs)).await;
                }
            });
        }
        Committer { tx }
    }

    /// Writes `batch` with whatever else is waiting; gives the batch back with the
    /// outcome. The batch is `None` only if a committer failed without answering (it
    /// panicked, or the runtime is shutting down); the outcome is then a failure.
    pub(super) async fn commit(&self, batch: BoardBatch) -> (Option<BoardBatch>, Outcome) {
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError(job)) = self.tx.send(Job { batch, reply }).await {
            return (
                Some(job.batch),
                Outcome::Failed(Arc::new(StoreError::Closed)),
            );
        }
        match answer.await {
            Ok((batch, outcome)) => (Some(batch), outcome),
            Err(_) => (None, Outcome::Failed(Arc::new(StoreError::Closed))),
        }
    }
}

/// What writing one batch inside the transaction came to.
enum Written {
    Ok,
    VersionTaken,
}

/// Commits `jobs` together and answers each.
async fn commit_all(pool: &AnyPool, backend: Backend, instance: u64, jobs: Vec<Job>) {
    let mut outcomes: Vec<Option<Outcome>> = jobs.iter().map(|_| None).collect();
    // Each round either commits every batch still open or settles one that failed; a
    // failure that is not the batch's own fault fails them all, so rounds are few.
    loop {
        let open: Vec<usize> = (0..jobs.len()).filter(|i| outcomes[*i].is_none()).collect();
        if open.is_empty() {
            break;
        }
        match write_round(pool, backend, instance, &jobs, &open).await {
            Ok(written) => {
                for (i, w) in open.into_iter().zip(written) {
                    outcomes[i] = Some(match w {
                        Written::Ok => Outcome::Committed,
                        Written::VersionTaken => Outcome::VersionTaken,
                    });
                }
            }
            Err(Failure::Duplicate(i)) => outcomes[i] = Some(Outcome::DuplicateClientOp),
            Err(Failure::Store(e)) => {
                tracing::error!(error = %crate::error::chain(e), batches = open.len(), "commit failed");
                let shared = Arc::new(StoreError::CommitFailed);
                for i in open {
                    outcomes[i] = Some(Outcome::Failed(shared.clone()));
                }
            }
        }
    }
    for (job, outcome) in jobs.into_iter().zip(outcomes) {
        let outcome = outcome.unwrap_or(Outcome::Failed(Arc::new(StoreError::CommitFailed)));
        // The worker may have gone (its task was cancelled): nothing to tell.
        let _ = job.reply.send((job.batch, outcome));
    }
}

enum Failure {
    /// This batch's `client_op_id` is already in the log.
    Duplicate(usize),
    /// The database failed.
    Store(StoreError),
}

impl From<sqlx::Error> for Failure {
    fn from(e: sqlx::Error) -> Self {
        Failure::Store(e.into())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

/// One transaction with the open batches.
async fn write_round(
    pool: &AnyPool,
    backend: Backend,
    instance: u64,
    jobs: &[Job],
    open: &[usize],
) -> Result<Vec<Written>, Failure> {
    let mut tx = pool.begin().await?;
    let mut written = Vec::with_capacity(open.len());
    for &i in open {
        match write_batch(&mut tx, backend, instance, &jobs[i].batch).await {
            Ok(w) => written.push(w),
            Err(WriteError::Duplicate) => {
                tx.rollback().await?;
                return Err(Failure::Duplicate(i));
            }
            Err(WriteError::Store(e)) => {
                // Rolled back when `tx` drops; the error is what matters.
                return Err(Failure::Store(e));
            }
        }
    }
    tx.commit().await?;
    Ok(written)
}

enum WriteError {
    Duplicate,
    Store(StoreError),
}

impl<E: Into<StoreError>> From<E> for WriteError {
    fn from(e: E) -> Self {
        WriteError::Store(e.into())
    }
}

/// `($1, $2, …), ($n, …)…`: placeholders for `rows` rows of `cols` values.
fn placeholders(rows: usize, cols: usize) -> String {
    let mut s = String::new();
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

/// Writes one batch: the header under the version guard first (so SQLite takes its write
/// lock at once, and PostgreSQL locks the board's row against other instances), then the
/// rest. Nothing is written when the guard finds the version taken.
async fn write_batch(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    instance: u64,
    batch: &BoardBatch,
) -> Result<Written, WriteError> {
    let board = &batch.board;
    let (Some(first), Some(last)) = (batch.events.first(), batch.events.last()) else {
        return Ok(Written::Ok);
    };
    let changed = batch
        .events
        .iter()
        .fold(Parts::NONE, |parts, e| parts | e.op.changes());
    if update_board(tx, board, changed, first.version - 1, last).await? != 1 {
        return Ok(Written::VersionTaken);
    }

    insert_events(tx, &batch.events).await?;
    upsert_cards(tx, board, &batch.events).await?;
    if last.op.freezes_minutes() {
        // The writer ends a batch with a minutes event, so the board is as it stood then.
        record::insert_minutes(tx, board).await?;
    }
    if let Some((by, at)) = team_change(batch) {
        board_access::sync_team_access(tx, board, by, at).await?;
    }
    insert_audits(tx, &batch.events, &batch.audits).await?;
    if backend == Backend::Postgres {
        // Delivered to the other instances when (and only if) this commits; they read
        // every event up to this version from the table.
        let payload = crate::notify_payload::event_payload(instance, board.id, last.version);
        notify_query(&payload).execute(&mut **tx).await?;
    }
    Ok(Written::Ok)
}

/// The board row's update for a batch: the version and the time of the last change, and
/// only the columns of the parts the batch's operations change (a card move leaves the
/// team's, the meetings' and the minutes' JSON alone). The row is updated only if it is
/// still at `base`, the version before the batch.
async fn update_board(
    tx: &mut Transaction<'_, Any>,
    board: &Board,
    changed: Parts,
    base: u64,
    last: &Event,
) -> Result<u64, WriteError> {
    let mut set = vec!["version", "updated_at"];
    let mut values: Vec<Value> = vec![Value::Int(to_i64(last.version)), Value::Int(last.at.0)];
    let mut column = |name, value| {
        set.push(name);
        values.push(value);
    };
    if changed.contains(Parts::HEADER) {
        column("title", Value::Text(Some(board.title.as_str().to_owned())));
        column(
            "citizen_name",
            Value::Text(Some(board.citizen_name.as_str().to_owned())),
        );
        column(
            "short_term_by",
            Value::Text(board.short_term_by.map(|d| d.to_string())),
        );
        column(
            "long_term_by",
            Value::Text(board.long_term_by.map(|d| d.to_string())),
        );
        column(
            "stage",
            Value::Text(board.stage.as_ref().map(rows::to_json).transpose()?),
        );
        column(
            "citizen_may_add",
            Value::Int(i64::from(board.citizen_may_add)),
        );
    }
    if changed.contains(Parts::CONSENT) {
        column(
            "consent",
            Value::Text(board.consent.as_ref().map(rows::to_json).transpose()?),
        );
    }
    if changed.contains(Parts::TEMPLATE) {
        column(
            "template",
            Value::Text(Some(rows::to_json(&board.template)?)),
        );
    }
    if changed.contains(Parts::TEAM) {
        column("members", Value::Text(Some(rows::to_json(&board.members)?)));
        column("contact", Value::Text(board.contact.map(|c| c.to_string())));
        column("contact_account", Value::Text(contact_account(board)));
    }
    if changed.contains(Parts::MEETINGS) {
        column(
            "meetings",
            Value::Text(Some(rows::to_json(&board.meetings)?)),
        );
    }
    if changed.contains(Parts::SESSION) {
        column(
            "session",
            Value::Text(board.session.as_ref().map(rows::to_json).transpose()?),
        );
    }
    if changed.contains(Parts::MINUTES) {
        column("minutes", Value::Text(Some(rows::to_json(&board.minutes)?)));
    }
    let assignments: Vec<String> = set
        .iter()
        .enumerate()
        .map(|(i, name)| format!("{name} = ${}", i + 1))
        .collect();
    let n = values.len();
    let sql = format!(
        "UPDATE boards SET {} WHERE id = ${} AND version = ${}",
        assignments.join(", "),
        n + 1,
        n + 2
    );
    let mut q = sqlx::query(&sql);
    for value in values {
        q = match value {
            Value::Int(i) => q.bind(i),
            Value::Text(t) => q.bind(t),
        };
    }
    let done = q
        .bind(board.id.to_string())
        .bind(to_i64(base))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// A value bound to the board row's update.
enum Value {
    Int(i64),
    Text(Option<String>),
}

/// Who made the batch's last change of the team, and when, if it changed the team.
fn team_change(batch: &BoardBatch) -> Option<(Option<AccountId>, Timestamp)> {
    batch
        .events
        .iter()
        .zip(&batch.audits)
        .rev()
        .find(|(e, _)| e.op.changes_team())
        .map(|(e, a)| (a.account_id, e.at))
}

async fn insert_events(tx: &mut Transaction<'_, Any>, events: &[Event]) -> Result<(), WriteError> {
    let sql = format!(
        "INSERT INTO board_events (board_id, version, actor, at, client_op_id, op, overwrote) \
         VALUES {}",
        placeholders(events.len(), 7)
    );
    let mut q = sqlx::query(&sql);
    for e in events {
        let overwrote = if e.overwrote.is_empty() {
            None
        } else {
            Some(rows::to_json(&e.overwrote)?)
        };
        q = q
            .bind(e.board_id.to_string())
            .bind(to_i64(e.version))
            .bind(e.actor.clone())
            .bind(e.at.0)
            .bind(e.client_op_id.to_string())
            .bind(rows::to_json(&e.op)?)
            .bind(overwrote);
    }
    match q.execute(&mut **tx).await {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(WriteError::Duplicate),
        Err(e) => Err(e.into()),
    }
}

/// The cards the events touched, as they stand after the batch.
async fn upsert_cards(
    tx: &mut Transaction<'_, Any>,
    board: &Board,
    events: &[Event],
) -> Result<(), WriteError> {
    let touched: BTreeSet<CardId> = events.iter().filter_map(|e| e.op.card_id()).collect();
    let cards: Vec<CardRow> = touched
        .iter()
        .filter_map(|id| board.cards.get(id))
        .map(CardRow::from_card)
        .collect::<Result<_, _>>()?;
    if cards.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO cards (board_id, id, placement, order_key, text, responsible, due_date, \
                            status, note, created_by, created_at, updated_at, deleted, \
                            changed_in) \
         VALUES {} \
         ON CONFLICT (board_id, id) DO UPDATE SET \
            placement = excluded.placement, order_key = excluded.order_key, \
            text = excluded.text, responsible = excluded.responsible, \
            due_date = excluded.due_date, status = excluded.status, note = excluded.note, \
            updated_at = excluded.updated_at, deleted = excluded.deleted, \
            changed_in = excluded.changed_in",
        placeholders(cards.len(), 14)
    );
    let mut q = sqlx::query(&sql);
    for row in cards {
        q = q
            .bind(board.id.to_string())
            .bind(row.id)
            .bind(row.placement)
            .bind(row.order_key)
            .bind(row.text)
            .bind(row.responsible)
            .bind(row.due_date)
            .bind(row.status)
            .bind(row.note)
            .bind(row.created_by)
            .bind(row.created_at)
            .bind(row.updated_at)
            .bind(row.deleted)
            .bind(row.changed_in);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

async fn insert_audits(
    tx: &mut Transaction<'_, Any>,
    events: &[Event],
    audits: &[AuditEntry],
) -> Result<(), WriteError> {
    let sql = format!(
        "INSERT INTO audit_log (at, account_id, actor_name, actor_role, session_id, board_id, \
                                action, version) VALUES {}",
        placeholders(audits.len(), 8)
    );
    let mut q = sqlx::query(&sql);
    for (e, a) in events.iter().zip(audits) {
        q = q
            .bind(e.at.0)
            .bind(a.account_id.map(|id| id.to_string()))
            .bind(a.actor_name.clone())
            .bind(a.actor_role.clone())
            .bind(a.session_id.clone())
            .bind(a.board_id.map(|b| b.to_string()))
            .bind(a.action.as_str())
            .bind(Some(to_i64(e.version)));
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_number_every_value_of_every_row() {
        assert_eq!(placeholders(1, 2), "($1, $2)");
        assert_eq!(placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
