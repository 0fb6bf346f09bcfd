//! A client's copy of a board while it is being changed by several people at once.
//!
//! The server is the single writer: it applies operations in the order they reach it and
//! numbers the results (events, versions 1, 2, 3…). A [`Replica`] keeps two boards:
//! `confirmed`, exactly the server's board at the last event received, and `shown`, that
//! board with the client's own operations still waiting for an answer applied on top. A
//! local change shows at once; an event from anyone moves `confirmed` one version on and
//! the pending operations are applied again on top of it ("rebased"), so a local edit is
//! never lost and nobody sees a flicker back and forth. An operation leaves the pending
//! list only when the server accepts it (its event comes back with the same
//! `client_op_id`) or refuses it. Because every replica ends up replaying the same events
//! in the same order, all of them converge to the server's board.
//!
//! Undo works on the client's own operations only: each local change remembers how to
//! reverse itself and what it left behind. Undoing is refused, with a message, when
//! someone else has changed the same thing since — undo never takes back another person's
//! work.
//!
//! Nothing here does input or output; the browser app and the tests drive it.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::{
    ApplyContext, Board, ClientOpId, Event, Operation, Rejection,
    board::{Card, Responsible},
};

/// One of the client's operations that the server has not answered yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// The id the server will find it under; a resend uses the same one.
    pub client_op_id: ClientOpId,
    /// The change.
    pub op: Operation,
    /// The confirmed version the user saw when making it (what the server compares with
    /// to tell whether it replaces someone's words unseen); `None` in changes kept by an
    /// older app, which go as based on the version held when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<u64>,
}

/// What [`Replica::receive`] did with an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Already had it (an event at or below the confirmed version). If it was one of the
    /// client's pending operations (a resend answered after a snapshot that already held
    /// it), `mine` names it and it is no longer pending.
    Stale {
        /// The client's own operation the event confirms, if it was one still pending.
        mine: Option<ClientOpId>,
    },
    /// Applied. `mine` is set when it was one of this client's pending operations.
    Applied {
        /// The client's own operation that the event confirms, if it was one.
        mine: Option<ClientOpId>,
    },
    /// It does not follow the confirmed version (events were missed): the client must
    /// catch up (from its last version) or load the board again.
    Gap,
}

/// How to take back one of the client's own changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct UndoEntry {
    /// The change it undoes.
    client_op_id: ClientOpId,
    /// What to apply to undo it.
    inverse: Operation,
    /// What the change left behind; if the board no longer shows this, someone else has
    /// changed the same thing since and the undo is refused.
    after: Footprint,
}

/// The part of a board one operation touches, to tell whether it is still as it left it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Footprint {
    Card(Option<CardFootprint>),
    Header(Box<HeaderFootprint>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct CardFootprint {
    placement: crate::Placement,
    order: String,
    text: String,
    responsible: Option<Responsible>,
    due: Option<crate::IsoDate>,
    status: crate::CardStatus,
    note: Option<String>,
    deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct HeaderFootprint {
    title: String,
    citizen_name: String,
    short_term_by: Option<crate::IsoDate>,
    long_term_by: Option<crate::IsoDate>,
    stage: Option<crate::Stage>,
    citizen_may_add: bool,
}

impl CardFootprint {
    fn of(card: &Card) -> Self {
        CardFootprint {
            placement: card.placement.clone(),
            order: card.order.to_string(),
            text: card.text.to_string(),
            responsible: card.responsible.clone(),
            due: card.due,
            status: card.status.clone(),
            note: card.note.as_ref().map(ToString::to_string),
            deleted: card.deleted,
        }
    }
}

impl HeaderFootprint {
    fn of(b: &Board) -> Self {
        HeaderFootprint {
            title: b.title.to_string(),
            citizen_name: b.citizen_name.to_string(),
            short_term_by: b.short_term_by,
            long_term_by: b.long_term_by,
            stage: b.stage,
            citizen_may_add: b.citizen_may_add,
        }
    }
}

fn footprint(op: &Operation, board: &Board) -> Option<Footprint> {
    match op {
        Operation::SetHeader { .. } => {
            Some(Footprint::Header(Box::new(HeaderFootprint::of(board))))
        }
        _ => {
            let id = op.card_id()?;
            Some(Footprint::Card(board.cards.get(&id).map(CardFootprint::of)))
        }
    }
}

/// The operation that takes `op` back, given the board just before it; `None` for
/// operations that are not undone this way (team, rows, meetings, consent: they are made
/// in dialogs that show what they change).
fn inverse(op: &Operation, before: &Board) -> Option<Operation> {
    // Each undo is made next to its operation, in the file of its feature under `board/`.
    match op {
        Operation::CreateCard { card_id, .. } => before.inverse_create_card(*card_id),
        Operation::DeleteCard { card_id } => before.inverse_delete_card(*card_id),
        Operation::RestoreCard { card_id } => before.inverse_restore_card(*card_id),
        Operation::MoveCard { card_id, .. } => before.inverse_move_card(*card_id),
        Operation::EditCard { .. } => before.inverse_edit_card(op),
        Operation::SetHeader { .. } => before.inverse_set_header(op),
        _ => None,
    }
}

/// Why an undo did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoError {
    /// There is nothing of the client's own left to undo.
    Nothing,
    /// Someone else has changed what the change touched since; undoing would take back
    /// their work. The entry is dropped.
    ChangedByOthers,
    /// The model refused the reversing operation (the card's row was hidden, say).
    Refused(Rejection),
}

impl UndoError {
    /// What to tell the user, in their language.
    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::Lang::{En, Nb};
        match (self, lang) {
            (UndoError::Nothing, Nb) => "Det er ingen av dine endringer å angre.".into(),
            (UndoError::Nothing, En) => "There is none of your changes to undo.".into(),
            (UndoError::ChangedByOthers, Nb) => {
                "Endringen kan ikke angres: noen andre har endret det samme siden.".into()
            }
            (UndoError::ChangedByOthers, En) => {
                "The change cannot be undone: someone else has changed the same thing since.".into()
            }
            (UndoError::Refused(r), lang) => r.message(lang),
        }
    }
}

/// Most undo steps kept.
pub const UNDO_MAX: usize = 50;

/// A client's copy of a board: the server's confirmed board and the client's pending
/// operations on top.
#[derive(Debug, Clone)]
pub struct Replica {
    confirmed: Board,
    shown: Board,
    pending: VecDeque<Pending>,
    undo: Vec<UndoEntry>,
}

impl Replica {
    /// Starts from a board the server sent.
    pub fn new(board: Board) -> Self {
        Replica {
            shown: board.clone(),
            confirmed: board,
            pending: VecDeque::new(),
            undo: Vec::new(),
        }
    }

    /// The server's board at the last event received.
    pub fn confirmed(&self) -> &Board {
        &self.confirmed
    }

    /// What the user sees: confirmed plus the pending operations that still apply.
    pub fn shown(&self) -> &Board {
        &self.shown
    }

    /// The operations waiting for the server's answer, oldest first (the order to send).
    pub fn pending(&self) -> &VecDeque<Pending> {
        &self.pending
    }

    /// Whether there is something of the client's own to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Applies a local change to the shown board at once and keeps it pending. A change
    /// the model refuses changes nothing and is not kept. `undoable` is false for the
    /// operations that are themselves an undo.
    pub fn local(
        &mut self,
        pending: Pending,
        ctx: &ApplyContext,
        undoable: bool,
    ) -> Result<(), Rejection> {
        let inverse = undoable
            .then(|| inverse(&pending.op, &self.shown))
            .flatten();
        let mut next = self.shown.clone();
        next.apply(&pending.op, ctx)?;
        next.version = self.confirmed.version;
        if let (Some(inverse), Some(after)) = (inverse, footprint(&pending.op, &next)) {
            self.undo.push(UndoEntry {
                client_op_id: pending.client_op_id,
                inverse,
                after,
            });
            if self.undo.len() > UNDO_MAX {
                self.undo.remove(0);
            }
        }
        self.shown = next;
        self.pending.push_back(pending);
        Ok(())
    }

    /// Takes back the client's own last change that can be taken back: returns the
    /// reversing operation, already applied locally and pending under `client_op_id`.
    pub fn undo(
        &mut self,
        client_op_id: ClientOpId,
        ctx: &ApplyContext,
    ) -> Result<Operation, UndoError> {
        let entry = self.undo.pop().ok_or(UndoError::Nothing)?;
        let now = footprint(&entry.inverse, &self.shown);
        if now.as_ref() != Some(&entry.after) {
            return Err(UndoError::ChangedByOthers);
        }
        let pending = Pending {
            client_op_id,
            op: entry.inverse,
            base_version: Some(self.confirmed.version),
        };
        let op = pending.op.clone();
        self.local(pending, ctx, false)
            .map_err(UndoError::Refused)?;
        Ok(op)
    }

    /// Takes an event from the server (anyone's, the client's own included).
    pub fn receive(&mut self, event: &Event) -> Received {
        if event.version <= self.confirmed.version {
            let mine = self.take_pending(event.client_op_id);
            if mine.is_some() {
                self.rebuild();
            }
            return Received::Stale { mine };
        }
        if self.confirmed.apply_event(event).is_err() {
            return Received::Gap;
        }
        let mine = self.take_pending(event.client_op_id);
        self.rebuild();
        Received::Applied { mine }
    }

    /// Removes a pending operation the server has confirmed.
    fn take_pending(&mut self, id: ClientOpId) -> Option<ClientOpId> {
        let before = self.pending.len();
        self.pending.retain(|p| p.client_op_id != id);
        (self.pending.len() != before).then_some(id)
    }

    /// The server refused one of the pending operations: it is dropped (with its undo
    /// step) and the shown board rebuilt without it. False if it was not pending.
    pub fn rejected(&mut self, client_op_id: ClientOpId) -> bool {
        let before = self.pending.len();
        self.pending.retain(|p| p.client_op_id != client_op_id);
        self.undo.retain(|u| u.client_op_id != client_op_id);
        let found = self.pending.len() != before;
        if found {
            self.rebuild();
        }
        found
    }

    /// Starts again from a fresh board from the server (after missing too much), keeping
    /// the pending operations on top.
    pub fn reset(&mut self, board: Board) {
        self.confirmed = board;
        self.rebuild();
    }

    /// Puts back operations kept from an earlier visit (browser storage), after any already
    /// pending; ids already pending are skipped.
    pub fn restore_pending(&mut self, kept: impl IntoIterator<Item = Pending>) {
        for p in kept {
            if !self
                .pending
                .iter()
                .any(|q| q.client_op_id == p.client_op_id)
            {
                self.pending.push_back(p);
            }
        }
        self.rebuild();
    }

    /// Shows the confirmed board with the pending operations on top. A pending operation
    /// that does not apply to the newer board stays pending, unshown: only the server may
    /// decide it is refused (someone may restore the card it edits before it arrives).
    fn rebuild(&mut self) {
        let mut next = self.confirmed.clone();
        for p in &self.pending {
            let ctx = ApplyContext {
                actor: String::new(),
                at: next.updated_at,
                client_op_id: p.client_op_id,
            };
            let _ = next.apply(&p.op, &ctx);
        }
        // Versions count the server's events only.
        next.version = self.confirmed.version;
        self.shown = next;
    }
}
