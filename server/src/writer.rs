//! The single writer per board: every change goes through [`Writer::submit`].
//!
//! Within one process a per-board lock serialises writes, so operations are validated
//! against the latest state and versions are taken in order. Across processes (several
//! instances on one Postgres) the store's version guard catches a lost race, and the
//! operation is re-validated against the newer state and retried.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{SystemTime, UNIX_EPOCH},
};

use model::{ApiErrorCode, ApplyContext, BoardId, Event, OpRequest, Rejection, Timestamp};

use crate::{
    error::ApiError,
    store::{Appended, Store},
};

/// How often a write that lost a version race to another instance is retried.
const MAX_ATTEMPTS: usize = 5;

/// The current time, as the model counts it.
pub fn now() -> Timestamp {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    Timestamp(i64::try_from(ms).unwrap_or(i64::MAX))
}

/// Serialises writes per board and commits them.
#[derive(Debug, Clone, Default)]
pub struct Writer {
    locks: Arc<Mutex<HashMap<BoardId, Arc<tokio::sync::Mutex<()>>>>>,
}

impl Writer {
    fn lock_for(&self, board: BoardId) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        // Forget locks nobody holds or waits for, so the map stays as small as the set of
        // boards being written to right now.
        locks.retain(|_, l| Arc::strong_count(l) > 1);
        locks.entry(board).or_default().clone()
    }

    /// Applies `req` to the board as `actor` and commits it; returns the event. A
    /// `client_op_id` already in the log returns the event it produced, without applying
    /// anything again.
    pub async fn submit(
        &self,
        store: &Store,
        board_id: BoardId,
        req: &OpRequest,
        actor: &str,
    ) -> Result<Event, ApiError> {
        let lock = self.lock_for(board_id);
        let _guard = lock.lock().await;
        for _ in 0..MAX_ATTEMPTS {
            if let Some(event) = store.find_event(board_id, req.client_op_id).await? {
                return replay(event, req);
            }
            let mut board = store
                .load_board(board_id)
                .await?
                .ok_or(ApiErrorCode::UnknownBoard)?;
            if req.base_version > board.version {
                return Err(Rejection::BaseVersionAhead {
                    base: req.base_version,
                    current: board.version,
                }
                .into());
            }
            let ctx = ApplyContext {
                actor: actor.to_owned(),
                at: now(),
                client_op_id: req.client_op_id,
            };
            let event = board.apply(&req.op, &ctx)?;
            match store.append(&board, &event).await? {
                Appended::Committed => return Ok(event),
                // Another instance wrote first: loop to re-read and re-validate.
                Appended::VersionTaken | Appended::DuplicateClientOp => continue,
            }
        }
        Err(ApiErrorCode::Busy.into())
    }
}

/// Answers a resend with the original event, unless the id was reused for another change.
fn replay(event: Event, req: &OpRequest) -> Result<Event, ApiError> {
    let same_kind = std::mem::discriminant(&event.op) == std::mem::discriminant(&req.op);
    if same_kind && event.op.card_id() == req.op.card_id() {
        Ok(event)
    } else {
        Err(ApiErrorCode::ClientOpIdReused.into())
    }
}
