//! The single writer per board: every change goes through [`Writer::submit`].
//!
//! Each board with changes waiting has one worker task. It takes the changes that wait
//! (up to [`MAX_BATCH`]), validates and applies them in order to the board it keeps in
//! memory, and hands the run to the store's group commit ([`crate::store::BoardBatch`]),
//! where it is written together with other boards' runs in one transaction. Only after
//! the commit is each change answered and broadcast; a change the model refuses is
//! answered with the reason and changes nothing.
//!
//! Admission control keeps the work in flight bounded, so that a server asked for more
//! than it can do keeps doing as much as it can instead of queueing without end: at most
//! [`MAX_IN_FLIGHT`] changes in all and [`MAX_PER_BOARD`] per board are taken at once.
//! A live connection that finds no room waits before it reads its next message (the
//! client's sends back up on the socket); an HTTP request is answered 503 with
//! `Retry-After` at once.
//!
//! The board kept between runs saves reading every card again. It may be behind when
//! another instance (on one PostgreSQL) wrote since: the version guard in the commit then
//! refuses the run, and it is validated again on the board read afresh. A refusal is
//! only answered after making sure it was not caused by such a stale copy.

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
};

use model::{
    AccountKind, ApiErrorCode, ApplyContext, Board, BoardId, ClientOpId, Event, OpRequest,
    Operation, Rejection,
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use crate::{
    clock::now,
    error::ApiError,
    hub::{BoardSignal, Hub},
    store::{AuditEntry, BoardBatch, Outcome, Store, StoreError},
};

/// How often a run that lost a version race to another instance is tried again.
const MAX_ATTEMPTS: usize = 5;
/// Changes taken into one run of one board at most, so one busy board cannot hold a
/// group commit up for long.
pub const MAX_BATCH: usize = 64;
/// Changes taken at once across all boards (waiting for their board's worker, or being
/// committed). Enough to keep the group commit full; small enough that the time a change
/// waits stays short.
pub const MAX_IN_FLIGHT: usize = 512;
/// Changes taken at once on one board: a board with many busy clients cannot take every
/// place from the others.
pub const MAX_PER_BOARD: usize = 128;
/// How far back (in versions) an edit is compared with what others wrote since the
/// version it was based on. An edit based on an older view still goes through; only what
/// it replaced further back than this is not reported.
const OVERWRITE_LOOKBACK: u64 = 1_000;
/// Boards whose worker state (and last committed board) is kept between changes.
const CACHED_BOARDS: usize = 512;

/// Who makes a change: their role decides what they may do, their name goes into the
/// event, and the audit line names them and their session.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Their role on the board.
    pub role: model::BoardRole,
    /// The audit line to write with the change (its version is filled in).
    pub audit: AuditEntry,
}

/// What to do when the writer has no room for another change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Wait for room (a live connection: it reads nothing more meanwhile).
    Wait,
    /// Refuse at once with [`ApiErrorCode::Busy`] (HTTP: 503 with `Retry-After`).
    Refuse,
}

/// Serialises, batches and commits changes per board, and tells the board's live
/// connections.
#[derive(Debug, Clone)]
pub struct Writer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    hub: Hub,
    slots: Mutex<HashMap<BoardId, Arc<Slot>>>,
    in_flight: Arc<Semaphore>,
}

/// One board's queue and worker state.
#[derive(Debug)]
struct Slot {
    places: Arc<Semaphore>,
    state: Mutex<SlotState>,
}

#[derive(Debug, Default)]
struct SlotState {
    queue: VecDeque<Job>,
    /// Whether a worker is running for the board (it empties the queue before it stops).
    running: bool,
    /// The board as last committed through this worker.
    cached: Option<Board>,
}

/// One change waiting for its board's worker.
#[derive(Debug)]
struct Job {
    req: OpRequest,
    actor: Actor,
    reply: oneshot::Sender<Result<Event, ApiError>>,
    _permits: (OwnedSemaphorePermit, OwnedSemaphorePermit),
}

impl Slot {
    fn state(&self) -> std::sync::MutexGuard<'_, SlotState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn idle(&self) -> bool {
        let s = self.state();
        !s.running && s.queue.is_empty() && self.places.available_permits() == MAX_PER_BOARD
    }
}

impl Writer {
    /// A writer that commits through `store` and tells `hub` about every commit.
    pub fn new(store: Store, hub: Hub) -> Self {
        Writer {
            inner: Arc::new(Inner {
                store,
                hub,
                slots: Mutex::default(),
                in_flight: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
            }),
        }
    }

    fn slot(&self, board: BoardId) -> Arc<Slot> {
        let mut slots = self.inner.slots.lock().unwrap_or_else(|p| p.into_inner());
        // Forget idle boards once there are many, so the map stays bounded.
        if slots.len() >= CACHED_BOARDS && !slots.contains_key(&board) {
            slots.retain(|_, s| Arc::strong_count(s) > 1 || !s.idle());
        }
        slots
            .entry(board)
            .or_insert_with(|| {
                Arc::new(Slot {
                    places: Arc::new(Semaphore::new(MAX_PER_BOARD)),
                    state: Mutex::default(),
                })
            })
            .clone()
    }

    /// Applies `req` to the board as `actor`, if their role allows it, and commits it with
    /// its audit line; returns the event. A `client_op_id` already in the log returns the
    /// event it produced, without applying anything again.
    pub async fn submit(
        &self,
        board_id: BoardId,
        req: OpRequest,
        actor: Actor,
        admission: Admission,
    ) -> Result<Event, ApiError> {
        let slot = self.slot(board_id);
        let permits = match admission {
            Admission::Wait => {
                let board = slot.places.clone().acquire_owned().await;
                let all = self.inner.in_flight.clone().acquire_owned().await;
                board.and_then(|b| all.map(|a| (b, a)))
            }
            Admission::Refuse => {
                let board = slot.places.clone().try_acquire_owned();
                let all = self.inner.in_flight.clone().try_acquire_owned();
                match (board, all) {
                    (Ok(b), Ok(a)) => Ok((b, a)),
                    _ => return Err(ApiErrorCode::Busy.into()),
                }
            }
        };
        // The semaphores are never closed.
        let permits = permits.map_err(|_| ApiError::from(ApiErrorCode::Busy))?;
        let (reply, answer) = oneshot::channel();
        let job = Job {
            req,
            actor,
            reply,
            _permits: permits,
        };
        let start = {
            let mut state = slot.state();
            state.queue.push_back(job);
            !std::mem::replace(&mut state.running, true)
        };
        if start {
            tokio::spawn(work(self.inner.clone(), board_id, slot));
        }
        answer
            .await
            .unwrap_or_else(|_| Err(StoreError::Closed.into()))
    }
}

/// Sets the slot idle again if the worker stops for any reason, answering what waits
/// (a worker that panicked must not leave its board stuck).
struct Running(Arc<Slot>);

impl Drop for Running {
    fn drop(&mut self) {
        let mut state = self.0.state();
        if state.running {
            state.running = false;
            state.cached = None;
            for job in state.queue.drain(..) {
                let _ = job.reply.send(Err(StoreError::Closed.into()));
            }
        }
    }
}

/// A board's worker: runs until its queue is empty.
async fn work(inner: Arc<Inner>, board_id: BoardId, slot: Arc<Slot>) {
    let _running = Running(slot.clone());
    loop {
        let (jobs, cached) = {
            let mut state = slot.state();
            if state.queue.is_empty() {
                state.running = false;
                return;
            }
            let n = state.queue.len().min(MAX_BATCH);
            let jobs: Vec<Job> = state.queue.drain(..n).collect();
            (jobs, state.cached.take())
        };
        let (cached, rest) = run(&inner, board_id, jobs, cached).await;
        let mut state = slot.state();
        state.cached = cached;
        // Changes after a minutes event go in the next run, first.
        for job in rest.into_iter().rev() {
            state.queue.push_front(job);
        }
    }
}

/// What became of one change in a run.
enum Step {
    /// Applied: the index of its event in the run.
    Applied(usize),
    /// A second message with the id of an earlier change in the same run.
    SameAs(usize),
    /// Refused (or failed before it could be applied).
    Refused(ApiError),
}

/// A run of one board's changes: applied in order to `cached` (or the board as stored),
/// committed, answered. Returns the board to keep and the changes left for the next run.
async fn run(
    inner: &Inner,
    board_id: BoardId,
    mut jobs: Vec<Job>,
    mut cached: Option<Board>,
) -> (Option<Board>, Vec<Job>) {
    let store = &inner.store;
    for _ in 0..MAX_ATTEMPTS {
        let fresh = cached.is_none();
        let mut board = match cached.take() {
            Some(b) => b,
            None => match store.load_board(board_id).await {
                Ok(Some(b)) => b,
                Ok(None) => {
                    answer_all(jobs, || ApiErrorCode::UnknownBoard.into());
                    return (None, Vec::new());
                }
                Err(e) => {
                    tracing::error!(error = %crate::error::chain(e), board = %board_id, "cannot read the board");
                    answer_all(jobs, || StoreError::CommitFailed.into());
                    return (None, Vec::new());
                }
            },
        };
        // Resends of changes already in the log are answered with their events and
        // applied nothing (one query for the run).
        jobs = match answer_resends(store, board_id, jobs).await {
            Some(jobs) => jobs,
            None => return (None, Vec::new()),
        };
        if jobs.is_empty() {
            return (Some(board), Vec::new());
        }
        let started_at = board.version;
        let (steps, events, rest) = apply_run(store, &mut board, &mut jobs).await;
        let refused = steps.iter().any(|s| matches!(s, Step::Refused(_)));
        // A refusal by a copy that may be behind is checked against the stored version.
        if refused && !fresh {
            match store.board_version(board_id).await {
                Ok(Some(v)) if v == started_at => {}
                Ok(_) | Err(_) => {
                    jobs.extend(rest);
                    continue;
                }
            }
        }
        if events.is_empty() {
            answer(store, board_id, jobs, steps, &[]).await;
            return (Some(board), rest);
        }
        let audits = jobs
            .iter()
            .zip(&steps)
            .filter(|(_, s)| matches!(s, Step::Applied(_)))
            .zip(&events)
            .map(|((job, _), event)| AuditEntry {
                at: event.at,
                version: Some(event.version),
                ..job.actor.audit.clone()
            })
            .collect();
        let batch = BoardBatch {
            board,
            events,
            audits,
        };
        let (batch, outcome) = store.commit(batch).await;
        let Some(BoardBatch { board, events, .. }) = batch else {
            answer_all(jobs, || StoreError::Closed.into());
            return (None, rest);
        };
        match outcome {
            Outcome::Committed => {
                for event in &events {
                    inner
                        .hub
                        .publish(board_id, BoardSignal::Event(Arc::new(event.clone())));
                }
                if events.iter().any(|e| e.op.changes_team()) {
                    inner.hub.access_changed(board_id);
                }
                answer(store, board_id, jobs, steps, &events).await;
                return (Some(board), rest);
            }
            // Another instance wrote first, or a resend raced its original: read the
            // board again and validate everything again (a resend then finds its event).
            Outcome::VersionTaken | Outcome::DuplicateClientOp => {
                jobs.extend(rest);
            }
            // Logged by the committer, once for its whole group.
            Outcome::Failed(e) => {
                answer_all(jobs, || StoreError::Shared(e.clone()).into());
                return (None, rest);
            }
        }
    }
    answer_all(jobs, || ApiErrorCode::Busy.into());
    (None, Vec::new())
}

/// Applies the jobs in order. Stops after a change that freezes the minutes (they are
/// stored as the board stands right after it); the jobs after it are returned.
async fn apply_run(
    store: &Store,
    board: &mut Board,
    jobs: &mut Vec<Job>,
) -> (Vec<Step>, Vec<Event>, Vec<Job>) {
    let mut steps = Vec::with_capacity(jobs.len());
    let mut events: Vec<Event> = Vec::new();
    let mut ids: HashMap<ClientOpId, usize> = HashMap::new();
    let mut cut = jobs.len();
    for (i, job) in jobs.iter().enumerate() {
        if let Some(&k) = ids.get(&job.req.client_op_id) {
            steps.push(Step::SameAs(k));
            continue;
        }
        match apply_one(store, board, &events, job).await {
            Ok(event) => {
                let freezes = event.op.freezes_minutes();
                ids.insert(job.req.client_op_id, events.len());
                steps.push(Step::Applied(events.len()));
                events.push(event);
                if freezes {
                    cut = i + 1;
                    break;
                }
            }
            Err(e) => steps.push(Step::Refused(e)),
        }
    }
    let rest = jobs.split_off(cut);
    (steps, events, rest)
}

/// Checks and applies one change; `earlier` are the run's events so far.
async fn apply_one(
    store: &Store,
    board: &mut Board,
    earlier: &[Event],
    job: &Job,
) -> Result<Event, ApiError> {
    let (req, actor) = (&job.req, &job.actor);
    check(store, board, req, actor).await?;
    // An edit based on a version older than its card's last change may replace words
    // someone wrote unseen: keep the card as it was, to say what.
    let before = match &req.op {
        Operation::EditCard { card_id, .. } => board
            .cards
            .get(card_id)
            .filter(|c| c.changed_in > req.base_version)
            .cloned(),
        _ => None,
    };
    let ctx = ApplyContext {
        actor: actor.audit.actor_name.clone(),
        at: now(),
        client_op_id: req.client_op_id,
    };
    let start_version = board.version;
    let mut event = board.apply(&req.op, &ctx)?;
    if let Some(before) = before {
        let committed_up_to = start_version - earlier.len() as u64;
        let from = req
            .base_version
            .max(committed_up_to.saturating_sub(OVERWRITE_LOOKBACK));
        let mut since = store
            .card_events_between(board.id, before.id, from, committed_up_to)
            .await?;
        since.extend(
            earlier
                .iter()
                .filter(|e| e.op.card_id() == Some(before.id))
                .cloned(),
        );
        event.overwrote = model::overwrites(&event.op, &event.actor, &before, &since);
    }
    Ok(event)
}

/// What is checked before the model applies an operation: the version the client saw,
/// the permission table, and that a member's account is a usable staff account.
async fn check(
    store: &Store,
    board: &Board,
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
    // The role's rule from the model's table, including "only themselves" (ticking
    // oneself present) and "when the lead lets the citizen" (adding cards).
    if !board.permits(actor.role, actor.audit.account_id, &req.op) {
        return Err(ApiErrorCode::Forbidden.into());
    }
    // Not a permission but a fact only the store knows: a member's account must be a
    // usable staff account.
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

/// Answers every job of a run. A refused change whose id is already in the log is a
/// resend of one accepted before: it is answered with that event.
async fn answer(store: &Store, board: BoardId, jobs: Vec<Job>, steps: Vec<Step>, events: &[Event]) {
    for (job, step) in jobs.into_iter().zip(steps) {
        let result = match step {
            Step::Applied(k) => Ok(events[k].clone()),
            Step::SameAs(k) => replay(events[k].clone(), &job.req),
            Step::Refused(e) => match store.find_event(board, job.req.client_op_id).await {
                Ok(Some(event)) => replay(event, &job.req),
                Ok(None) => Err(e),
                Err(db) => Err(db.into()),
            },
        };
        let _ = job.reply.send(result);
    }
}

/// Answers the jobs whose ids are in the log already; returns the others. If the log
/// cannot be read, every job is answered with the failure and `None` is returned.
async fn answer_resends(store: &Store, board: BoardId, jobs: Vec<Job>) -> Option<Vec<Job>> {
    let ids: Vec<ClientOpId> = jobs.iter().map(|j| j.req.client_op_id).collect();
    let found = match store.find_events(board, &ids).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(error = %crate::error::chain(e), %board, "cannot read the event log");
            answer_all(jobs, || StoreError::CommitFailed.into());
            return None;
        }
    };
    if found.is_empty() {
        return Some(jobs);
    }
    let mut rest = Vec::with_capacity(jobs.len());
    for job in jobs {
        match found
            .iter()
            .find(|e| e.client_op_id == job.req.client_op_id)
        {
            Some(event) => {
                let _ = job.reply.send(replay(event.clone(), &job.req));
            }
            None => rest.push(job),
        }
    }
    Some(rest)
}

fn answer_all(jobs: Vec<Job>, error: impl Fn() -> ApiError) {
    for job in jobs {
        let _ = job.reply.send(Err(error()));
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
