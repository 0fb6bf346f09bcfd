//! Which parts of a board, besides its cards, an operation changes: what a store has to
//! write after it. A card move writes the card and the board's version, not the team, the
//! meetings and every set of minutes.

use std::ops::BitOr;

#[cfg(debug_assertions)]
use super::Board;
use crate::Operation;

/// A set of a board's parts besides its cards. Each part is one or more columns of the
/// store's board row; the version and the time of the last change are always written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Parts(u8);

impl Parts {
    /// Nothing besides cards.
    pub const NONE: Parts = Parts(0);
    /// Title, whose plan it is, the two horizons, the stage and whether the citizen may
    /// add cards.
    pub const HEADER: Parts = Parts(1);
    /// The consent to share between services.
    pub const CONSENT: Parts = Parts(1 << 1);
    /// The rows (themes) and which are hidden.
    pub const TEMPLATE: Parts = Parts(1 << 2);
    /// The team and who of them is the citizen's contact person.
    pub const TEAM: Parts = Parts(1 << 3);
    /// The planned meetings.
    pub const MEETINGS: Parts = Parts(1 << 4);
    /// The meeting going on now, if any.
    pub const SESSION: Parts = Parts(1 << 5);
    /// The minutes of meetings held, with their corrections and answers.
    pub const MINUTES: Parts = Parts(1 << 6);

    /// Whether every part of `other` is in this set.
    pub fn contains(self, other: Parts) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for Parts {
    type Output = Parts;

    fn bitor(self, other: Parts) -> Parts {
        Parts(self.0 | other.0)
    }
}

impl Operation {
    /// The parts of the board besides its cards that this operation may change. In debug
    /// builds [`Board::apply`](crate::Board::apply) checks that it changed no other.
    pub fn changes(&self) -> Parts {
        match self {
            Operation::CreateCard { .. }
            | Operation::EditCard { .. }
            | Operation::MoveCard { .. }
            | Operation::DeleteCard { .. }
            | Operation::RestoreCard { .. } => Parts::NONE,
            Operation::SetHeader { .. } => Parts::HEADER,
            Operation::SetConsent { .. } => Parts::CONSENT,
            Operation::AddTheme { .. } | Operation::EditTheme { .. } => Parts::TEMPLATE,
            Operation::AddMember { .. }
            | Operation::RemoveMember { .. }
            | Operation::SetLead { .. }
            | Operation::SetContact { .. } => Parts::TEAM,
            Operation::ScheduleMeeting { .. }
            | Operation::EditMeeting { .. }
            | Operation::CancelMeeting { .. } => Parts::MEETINGS,
            Operation::StartMeeting { .. } | Operation::SetPresent { .. } => Parts::SESSION,
            Operation::EndMeeting {} => Parts::SESSION | Parts::MINUTES,
            Operation::CorrectMinutes { .. } | Operation::AnswerMinutes { .. } => Parts::MINUTES,
        }
    }
}

/// The parts of a board besides its cards, copied before an operation in debug builds, to
/// check afterwards that it changed only what [`Operation::changes`] says.
#[cfg(debug_assertions)]
pub(super) struct Snapshot(Board);

#[cfg(debug_assertions)]
impl Snapshot {
    /// The board without its cards.
    pub(super) fn of(board: &Board) -> Snapshot {
        Snapshot(board.clone_without_cards())
    }

    /// Panics if `board` differs from this snapshot in a part outside `changed`.
    pub(super) fn check(self, board: &Board, changed: Parts, op: &Operation) {
        let Snapshot(before) = self;
        let differs = |part: Parts, same: bool| !changed.contains(part) && !same;
        let wrong = [
            (
                "header",
                differs(
                    Parts::HEADER,
                    before.title == board.title
                        && before.citizen_name == board.citizen_name
                        && before.short_term_by == board.short_term_by
                        && before.long_term_by == board.long_term_by
                        && before.stage == board.stage
                        && before.citizen_may_add == board.citizen_may_add,
                ),
            ),
            (
                "consent",
                differs(Parts::CONSENT, before.consent == board.consent),
            ),
            (
                "template",
                differs(Parts::TEMPLATE, before.template == board.template),
            ),
            (
                "team",
                differs(
                    Parts::TEAM,
                    before.members == board.members && before.contact == board.contact,
                ),
            ),
            (
                "meetings",
                differs(Parts::MEETINGS, before.meetings == board.meetings),
            ),
            (
                "session",
                differs(Parts::SESSION, before.session == board.session),
            ),
            (
                "minutes",
                differs(Parts::MINUTES, before.minutes == board.minutes),
            ),
        ];
        for (name, wrong) in wrong {
            assert!(
                !wrong,
                "{op:?} changed the board's {name}, which Operation::changes leaves out"
            );
        }
    }
}

#[cfg(debug_assertions)]
impl Board {
    fn clone_without_cards(&self) -> Board {
        Board {
            id: self.id,
            title: self.title.clone(),
            citizen_name: self.citizen_name.clone(),
            short_term_by: self.short_term_by,
            long_term_by: self.long_term_by,
            stage: self.stage,
            members: self.members.clone(),
            citizen_may_add: self.citizen_may_add,
            consent: self.consent.clone(),
            contact: self.contact,
            meetings: self.meetings.clone(),
            session: self.session.clone(),
            minutes: self.minutes.clone(),
            template: self.template.clone(),
            cards: Default::default(),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}
