//! A board, its cards, and how operations change them.
//!
//! This file holds the types, the helpers every feature shares and [`Board::apply`], which
//! hands each operation to its feature. Each feature file keeps an operation's checks and
//! changes, its sentence in the history and (for cards and the header) how it is undone
//! side by side, so a new operation is written in one place.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{
    ApplyContext, Attendee, BoardId, CardId, CardText, Consent, Event, IsoDate, Meeting,
    MeetingSession, Member, MemberId, MinutesInfo, Note, Operation, OrderKey, Patch, PersonName,
    Placement, Rejection, Template, Timestamp, Title,
};

mod cards;
mod header;
mod meetings;
mod parts;
mod record;
mod rows;
mod team;

pub use parts::Parts;

/// Who is responsible for a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Responsible {
    /// The citizen whose plan it is.
    Citizen,
    /// A member of the team.
    Member {
        /// Which member.
        member_id: MemberId,
    },
    /// Someone outside the team, by name (a landlord, a GP…).
    Outside {
        /// Their name.
        name: String,
    },
}

/// Where a card stands.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CardStatus {
    /// Not done yet.
    #[default]
    Open,
    /// Done.
    Done,
    /// Put off to a new date; a goal is postponed rather than deleted (004:549).
    Postponed {
        /// The new date.
        until: IsoDate,
    },
    /// A proposal the citizen can take time to think over ("Forslag – tenk over", 004:699).
    Proposed,
}

/// Where the plan stands on the *investeringsferd* (004:303–305, 004:749–751).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Uholdbar: the situation cannot go on as it is.
    Untenable,
    /// Utsatt: at risk.
    AtRisk,
    /// Stabil.
    Stable,
    /// Bærekraftig: sustainable on its own.
    Sustainable,
}

impl Stage {
    /// All stages, from the first to the last.
    pub const ALL: [Stage; 4] = [
        Stage::Untenable,
        Stage::AtRisk,
        Stage::Stable,
        Stage::Sustainable,
    ];

    /// Its position on the journey, 1–4.
    pub fn step(self) -> usize {
        self as usize + 1
    }
}

/// A note on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// Its id.
    pub id: CardId,
    /// Its cell or zone.
    pub placement: Placement,
    /// Its position there.
    pub order: OrderKey,
    /// What it says.
    pub text: CardText,
    /// Who does it.
    #[serde(default)]
    pub responsible: Option<Responsible>,
    /// By when (frist).
    #[serde(default)]
    pub due: Option<IsoDate>,
    /// Its status.
    #[serde(default)]
    pub status: CardStatus,
    /// A longer note.
    #[serde(default)]
    pub note: Option<Note>,
    /// Who created it.
    pub created_by: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Deleted cards stay for history and so that a late edit is told the card is gone.
    #[serde(default)]
    pub deleted: bool,
    /// The board version of its last change (creation included): compared with a
    /// meeting's start or end to mark what changed in or since it.
    #[serde(default)]
    pub changed_in: u64,
}

/// A board: the header, the template and the cards, at a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    /// Its id.
    pub id: BoardId,
    /// The title shown in lists, e.g. "Planen til Kari Nordmann".
    pub title: Title,
    /// "Planen til": the citizen's display name.
    pub citizen_name: PersonName,
    /// "På kort sikt innen".
    pub short_term_by: Option<IsoDate>,
    /// "På lang sikt innen".
    pub long_term_by: Option<IsoDate>,
    /// Where the plan stands, once the team has said.
    #[serde(default)]
    pub stage: Option<Stage>,
    /// The team around the citizen, removed members included.
    #[serde(default)]
    pub members: Vec<Member>,
    /// Whether the citizen may add cards themselves (the investeringsleder decides).
    #[serde(default)]
    pub citizen_may_add: bool,
    /// The citizen's consent to share between the team's services, once recorded.
    #[serde(default)]
    pub consent: Option<Consent>,
    /// The citizen's contact person, if the team named one; otherwise the
    /// investeringsleder is (see [`Board::contact_member`]).
    #[serde(default)]
    pub contact: Option<MemberId>,
    /// Meetings, cancelled and past ones included.
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// The meeting going on now on the board, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<MeetingSession>,
    /// Every version of every meeting's minutes, in the order they were made.
    #[serde(default)]
    pub minutes: Vec<MinutesInfo>,
    /// Its rows, columns and zones.
    pub template: Template,
    /// Every card, deleted ones included.
    #[serde(with = "card_list")]
    pub cards: BTreeMap<CardId, Card>,
    /// The number of accepted operations so far.
    pub version: u64,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A line in the list of boards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardSummary {
    /// Its id.
    pub id: BoardId,
    /// Its title.
    pub title: String,
    /// Whose plan.
    pub citizen_name: String,
    /// Its version.
    pub version: u64,
    /// Live (not deleted) cards.
    pub card_count: u64,
    /// The earliest frist of a card that is not done.
    #[serde(default)]
    pub next_due: Option<IsoDate>,
    /// Where the plan stands.
    #[serde(default)]
    pub stage: Option<Stage>,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A request to create a board from the default template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBoard {
    /// "Planen til": the citizen's display name.
    pub citizen_name: String,
    /// A title; defaults to "Planen til ⟨name⟩".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// "På kort sikt innen".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_term_by: Option<IsoDate>,
    /// "På lang sikt innen".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_term_by: Option<IsoDate>,
}

impl CreateBoard {
    /// Validates the request and builds the empty board at version 0.
    pub fn into_board(self, id: BoardId, at: Timestamp) -> Result<Board, Rejection> {
        let citizen_name = PersonName::parse(&self.citizen_name)?;
        let title = match &self.title {
            Some(t) => Title::parse(t)?,
            None => Title::parse(&format!("Planen til {citizen_name}"))?,
        };
        check_horizons(self.short_term_by, self.long_term_by)?;
        Ok(Board {
            id,
            title,
            citizen_name,
            short_term_by: self.short_term_by,
            long_term_by: self.long_term_by,
            stage: None,
            members: Vec::new(),
            citizen_may_add: false,
            consent: None,
            contact: None,
            meetings: Vec::new(),
            session: None,
            minutes: Vec::new(),
            template: Template::duk(),
            cards: BTreeMap::new(),
            version: 0,
            created_at: at,
            updated_at: at,
        })
    }
}

/// Checks that the short-term horizon does not come after the long-term one; a new board
/// and a changed header both keep them in order.
fn check_horizons(short: Option<IsoDate>, long: Option<IsoDate>) -> Result<(), Rejection> {
    match (short, long) {
        (Some(s), Some(l)) if s > l => Err(Rejection::HorizonOrder),
        _ => Ok(()),
    }
}

/// For undo: the patch that puts a field back as it was before `set` changed it. A field
/// `set` left alone stays alone; otherwise the old value is set again, or cleared if there
/// was none.
fn patch<T: Clone>(set: &Patch<T>, old: &Option<T>) -> Patch<T> {
    match (set, old) {
        (Patch::Keep, _) => Patch::Keep,
        (_, Some(v)) => Patch::Set(v.clone()),
        (_, None) => Patch::Clear,
    }
}

impl Board {
    /// The line for this board in a list.
    pub fn summary(&self) -> BoardSummary {
        BoardSummary {
            id: self.id,
            title: self.title.to_string(),
            citizen_name: self.citizen_name.to_string(),
            version: self.version,
            card_count: self.cards.values().filter(|c| !c.deleted).count() as u64,
            next_due: self.next_due(),
            stage: self.stage,
            updated_at: self.updated_at,
        }
    }

    /// The earliest frist among live cards that are not done.
    pub fn next_due(&self) -> Option<IsoDate> {
        self.cards
            .values()
            .filter(|c| !c.deleted && c.status != CardStatus::Done)
            .filter_map(|c| c.due)
            .min()
    }

    /// A team member who has not been removed.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id && !m.removed)
    }

    /// The live cards at a placement, in order.
    pub fn cards_at(&self, placement: &Placement) -> Vec<&Card> {
        let mut cards: Vec<&Card> = self
            .cards
            .values()
            .filter(|c| !c.deleted && &c.placement == placement)
            .collect();
        cards.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
        cards
    }

    /// The key that puts a card at `index` among the live cards at `placement`, leaving out
    /// `moving` (the card being moved, if it is already there).
    pub fn order_key_at(
        &self,
        placement: &Placement,
        index: usize,
        moving: Option<CardId>,
    ) -> OrderKey {
        let cards: Vec<&Card> = self
            .cards_at(placement)
            .into_iter()
            .filter(|c| Some(c.id) != moving)
            .collect();
        let index = index.min(cards.len());
        let before = index.checked_sub(1).map(|i| &cards[i].order);
        let after = cards.get(index).map(|c| &c.order);
        OrderKey::between(before, after)
    }

    /// Checks that a card may be placed there.
    fn check_placement(&self, placement: &Placement) -> Result<(), Rejection> {
        match placement {
            Placement::Cell { theme, column } => {
                let row = self.template.theme(theme).ok_or(Rejection::UnknownCell)?;
                self.template.column(column).ok_or(Rejection::UnknownCell)?;
                if row.hidden {
                    return Err(Rejection::HiddenRow);
                }
            }
            Placement::Zone { zone } => {
                self.template.zone(zone).ok_or(Rejection::UnknownCell)?;
            }
        }
        Ok(())
    }

    /// Checks that someone can be ticked as present: a member on the team, the citizen,
    /// or someone named.
    fn check_attendee(&self, who: &Attendee) -> Result<Attendee, Rejection> {
        Ok(match who {
            Attendee::Citizen => Attendee::Citizen,
            Attendee::Member { member_id } => {
                self.member(*member_id).ok_or(Rejection::UnknownMember)?;
                Attendee::Member {
                    member_id: *member_id,
                }
            }
            Attendee::Other { name } => Attendee::Other {
                name: PersonName::parse(name)?.to_string(),
            },
        })
    }

    /// The card with this id, if it exists and has not been deleted: the cards an edit,
    /// a move or a delete may touch.
    fn live_card(&self, id: CardId) -> Result<&Card, Rejection> {
        match self.cards.get(&id) {
            None => Err(Rejection::UnknownCard),
            Some(c) if c.deleted => Err(Rejection::CardDeleted),
            Some(c) => Ok(c),
        }
    }

    /// Validates `op` against the board and, if it is allowed, applies it and returns the
    /// event (the next version). If it is refused the board is left exactly as it was.
    ///
    /// Each operation is checked and applied by its own method, in the file of its feature;
    /// here they only meet to make the event.
    pub fn apply(&mut self, op: &Operation, ctx: &ApplyContext) -> Result<Event, Rejection> {
        #[cfg(debug_assertions)]
        let before = parts::Snapshot::of(self);
        let cleaned = match op {
            Operation::CreateCard {
                card_id,
                placement,
                order,
                text,
            } => self.create_card(*card_id, placement, order, text, ctx)?,
            Operation::EditCard { .. } => self.edit_card(op, ctx)?,
            Operation::MoveCard {
                card_id,
                placement,
                order,
            } => self.move_card(*card_id, placement, order, ctx)?,
            Operation::DeleteCard { card_id } => self.delete_card(*card_id, ctx)?,
            Operation::RestoreCard { card_id } => self.restore_card(*card_id, ctx)?,
            Operation::AddTheme { theme_id, label } => self.add_theme(theme_id, label)?,
            Operation::EditTheme {
                theme_id,
                label,
                hidden,
            } => self.edit_theme(theme_id, label, *hidden)?,
            Operation::AddMember { member_id, member } => self.add_member(*member_id, member)?,
            Operation::RemoveMember { member_id } => self.remove_member(*member_id)?,
            Operation::SetLead { member_id } => self.set_lead(*member_id)?,
            Operation::SetContact { member_id } => self.set_contact(*member_id)?,
            Operation::ScheduleMeeting {
                meeting_id,
                meeting,
            } => self.schedule_meeting(*meeting_id, meeting, ctx)?,
            Operation::EditMeeting {
                meeting_id,
                meeting,
            } => self.edit_meeting(*meeting_id, meeting, ctx)?,
            Operation::CancelMeeting { meeting_id } => self.cancel_meeting(*meeting_id, ctx)?,
            Operation::SetConsent { consent } => self.set_consent(consent.as_ref(), ctx)?,
            Operation::StartMeeting {
                meeting_id,
                present,
            } => self.start_meeting(*meeting_id, present, ctx)?,
            Operation::SetPresent { attendee, present } => self.set_present(attendee, *present)?,
            Operation::EndMeeting {} => self.end_meeting(ctx)?,
            Operation::CorrectMinutes { number, note } => {
                self.correct_minutes(*number, note, ctx)?
            }
            Operation::AnswerMinutes {
                number,
                revision,
                agrees,
                comment,
            } => self.answer_minutes(*number, *revision, *agrees, comment.as_deref(), ctx)?,
            Operation::SetHeader { .. } => self.set_header(op)?,
        };
        self.version += 1;
        self.updated_at = ctx.at;
        if let Some(card) = cleaned.card_id().and_then(|id| self.cards.get_mut(&id)) {
            card.changed_in = self.version;
        }
        #[cfg(debug_assertions)]
        before.check(self, op.changes(), op);
        Ok(Event {
            board_id: self.id,
            version: self.version,
            actor: ctx.actor.clone(),
            at: ctx.at,
            client_op_id: ctx.client_op_id,
            op: cleaned,
            overwrote: Vec::new(),
        })
    }

    /// Applies an event accepted elsewhere (by the server), which must be the next version.
    pub fn apply_event(&mut self, event: &Event) -> Result<(), Rejection> {
        if event.version != self.version + 1 {
            return Err(Rejection::OutOfOrder {
                got: event.version,
                current: self.version,
            });
        }
        let ctx = ApplyContext {
            actor: event.actor.clone(),
            at: event.at,
            client_op_id: event.client_op_id,
        };
        self.apply(&event.op, &ctx).map(|_| ())
    }
}

/// Cards travel as a list (in id order) but are kept in a map for lookup.
mod card_list {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serializer};

    use super::Card;
    use crate::CardId;

    /// Writes the cards as a list, in id order.
    pub fn serialize<S: Serializer>(
        cards: &BTreeMap<CardId, Card>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(cards.values())
    }

    /// Reads the list back into the map, keyed by id.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<CardId, Card>, D::Error> {
        let list = Vec::<Card>::deserialize(d)?;
        Ok(list.into_iter().map(|c| (c.id, c)).collect())
    }
}
