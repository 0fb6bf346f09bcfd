//! The single writer per board: every change goes through [`Writer::submit`].
//!
//! Within one process a per-board lock serialises writes, so operations are validated
//! against the latest state and versions are taken in order. The lock also keeps the
//! board as last committed, so a change does not read every card again: only the
//! board's version is read, and the whole board only when another instance (or anything
//! else) has moved it on. Across processes (several instances on one Postgres) the
//! store's version guard catches a lost race, and the operation is re-validated against
//! the newer state and retried.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{SystemTime, UNIX_EPOCH},
};

use model::{
    AccountKind, ApiErrorCode, ApplyContext, BoardId, Event, OpRequest, Operation, Rejection,
    Timestamp,
};

use crate::{
    authz::may_apply,
    error::ApiError,
    hub::{BoardSignal, Hub},
    store::{Appended, AuditEntry, Store},
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

/// Boards whose last committed state is kept between writes.
const CACHED_BOARDS: usize = 512;

/// One board's lock, with the board as last committed through it.
type BoardLock = Arc<tokio::sync::Mutex<Option<model::Board>>>;

/// Serialises writes per board, commits them, and tells the board's live connections.
#[derive(Debug, Clone, Default)]
pub struct Writer {
    locks: Arc<Mutex<HashMap<BoardId, BoardLock>>>,
    hub: Hub,
}

/// Who makes a change: their role decides what they may do, their name goes into the
/// event, and the audit line names them and their session.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Their role on the board.
    pub role: model::BoardRole,
    /// The audit line to write with the change (its version is filled in).
    pub audit: AuditEntry,
}

impl Writer {
    /// A writer that tells `hub` about every commit.
    pub fn new(hub: Hub) -> Self {
        Writer {
            locks: Arc::default(),
            hub,
        }
    }

    /// The hub it tells.
    pub fn hub(&self) -> &Hub {
        &self.hub
    }

    fn lock_for(&self, board: BoardId) -> BoardLock {
        let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        // Forget idle boards once there are many, so the map stays bounded.
        if locks.len() >= CACHED_BOARDS && !locks.contains_key(&board) {
            locks.retain(|_, l| Arc::strong_count(l) > 1);
        }
        locks.entry(board).or_default().clone()
    }

    /// Applies `req` to the board as `actor`, if their role allows it, and commits it with
    /// its audit line; returns the event. A `client_op_id` already in the log returns the
    /// event it produced, without applying anything again.
    pub async fn submit(
        &self,
        store: &Store,
        board_id: BoardId,
        req: &OpRequest,
        actor: &Actor,
    ) -> Result<Event, ApiError> {
        let event = self.submit_locked(store, board_id, req, actor).await?;
        if event.op.changes_team() {
            self.hub.access_changed(board_id);
        }
        Ok(event)
    }

    async fn submit_locked(
        &self,
        store: &Store,
        board_id: BoardId,
        req: &OpRequest,
        actor: &Actor,
    ) -> Result<Event, ApiError> {
        let lock = self.lock_for(board_id);
        let mut cached = lock.lock().await;
        for _ in 0..MAX_ATTEMPTS {
            if let Some(event) = store.find_event(board_id, req.client_op_id).await? {
                return replay(event, req);
            }
            let current = store
                .board_version(board_id)
                .await?
                .ok_or(ApiErrorCode::UnknownBoard)?;
            let mut board = match cached.take() {
                Some(b) if b.version == current => b,
                _ => store
                    .load_board(board_id)
                    .await?
                    .ok_or(ApiErrorCode::UnknownBoard)?,
            };
            // A refused operation leaves the board as it was, so it stays cached.
            let checked = self.check(store, &board, req, actor).await;
            let applied = checked.and_then(|()| {
                let ctx = ApplyContext {
                    actor: actor.audit.actor_name.clone(),
                    at: now(),
                    client_op_id: req.client_op_id,
                };
                board.apply(&req.op, &ctx).map_err(ApiError::from)
            });
            let event = match applied {
                Ok(event) => event,
                Err(e) => {
                    *cached = Some(board);
                    return Err(e);
                }
            };
            let audit = AuditEntry {
                at: event.at,
                ..actor.audit.clone()
            };
            match store.append(&board, &event, &audit).await? {
                Appended::Committed => {
                    *cached = Some(board);
                    self.hub
                        .publish(board_id, BoardSignal::Event(Arc::new(event.clone())));
                    return Ok(event);
                }
                // Another instance wrote first: loop to re-read and re-validate.
                Appended::VersionTaken | Appended::DuplicateClientOp => continue,
            }
        }
        Err(ApiErrorCode::Busy.into())
    }
}

impl Writer {
    /// What is checked before the model applies an operation: the version the client saw,
    /// the role, and that a member's account is a usable staff account.
    async fn check(
        &self,
        store: &Store,
        board: &model::Board,
        req: &OpRequest,
        actor: &Actor,
    ) -> Result<(), ApiError> {
        if req.base_version > board.version {
            return Err(Rejection::BaseVersionAhead {
                base: req.base_version,
                current: board.version,
            }
            .into());
        }
        if !may_apply(actor.role, &req.op, board) {
            return Err(ApiErrorCode::Forbidden.into());
        }
        // Team members and the citizen tick only themselves as present.
        if let Operation::SetPresent { attendee, .. } = &req.op
            && actor.role != model::BoardRole::Owner
        {
            let me = match actor.role {
                model::BoardRole::Citizen => Some(model::Attendee::Citizen),
                _ => board
                    .members
                    .iter()
                    .find(|m| {
                        !m.removed && m.account.is_some() && m.account == actor.audit.account_id
                    })
                    .map(|m| model::Attendee::Member { member_id: m.id }),
            };
            if me.as_ref() != Some(attendee) {
                return Err(ApiErrorCode::Forbidden.into());
            }
        }
        if let Operation::AddMember { member, .. } = &req.op
            && let Some(account) = member.account
        {
            let usable = store.account(account).await?.is_some_and(|a| {
                a.disabled_at.is_none() && a.account_kind().ok() == Some(AccountKind::Staff)
            });
            if !usable {
                return Err(ApiErrorCode::UnknownAccount.into());
            }
        }
        Ok(())
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
