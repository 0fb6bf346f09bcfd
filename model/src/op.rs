//! Operations: every change to a board, as sent by a client and stored as an event.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{
    Attendee, BoardId, CardId, CardStatus, ClientOpId, ConsentFields, IsoDate, MeetingFields,
    MeetingId, MemberFields, MemberId, Placement, Responsible, SlotId, Stage, Timestamp,
};

/// A change to one field in an edit: leave it, clear it, or set it.
///
/// On the wire an absent field is [`Patch::Keep`], `null` is [`Patch::Clear`] and a value is
/// [`Patch::Set`]. Fields of this type need `#[serde(default, skip_serializing_if =
/// "Patch::is_keep")]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch<T> {
    /// Leave the field as it is.
    #[default]
    Keep,
    /// Remove the value.
    Clear,
    /// Set a new value.
    Set(T),
}

impl<T> Patch<T> {
    /// True for [`Patch::Keep`].
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }

    /// Maps the value of a [`Patch::Set`].
    pub fn try_map<U, E>(&self, f: impl FnOnce(&T) -> Result<U, E>) -> Result<Patch<U>, E> {
        Ok(match self {
            Patch::Keep => Patch::Keep,
            Patch::Clear => Patch::Clear,
            Patch::Set(v) => Patch::Set(f(v)?),
        })
    }

    /// Applies the patch to a field.
    pub fn apply_to(self, field: &mut Option<T>) {
        match self {
            Patch::Keep => {}
            Patch::Clear => *field = None,
            Patch::Set(v) => *field = Some(v),
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Keep | Patch::Clear => s.serialize_none(),
            Patch::Set(v) => s.serialize_some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            None => Patch::Clear,
            Some(v) => Patch::Set(v),
        })
    }
}

/// A change to a board. Text fields arrive as the user typed them and are validated (and
/// trimmed) by [`Board::apply`](crate::Board::apply), which stores the cleaned operation in
/// the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Operation {
    /// Puts a new card at a position in a cell or zone.
    CreateCard {
        /// Chosen by the client.
        card_id: CardId,
        /// Where it goes.
        placement: Placement,
        /// Its position there (see [`OrderKey`](crate::OrderKey)).
        order: String,
        /// Its text.
        text: String,
    },
    /// Changes some of a card's fields.
    EditCard {
        /// Which card.
        card_id: CardId,
        /// New text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        /// Who is responsible.
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        responsible: Patch<Responsible>,
        /// The frist.
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        due: Patch<IsoDate>,
        /// The status.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<CardStatus>,
        /// The longer note.
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        note: Patch<String>,
    },
    /// Moves a card to a position in a cell or zone (possibly the one it is in).
    MoveCard {
        /// Which card.
        card_id: CardId,
        /// Where to.
        placement: Placement,
        /// Its new position there.
        order: String,
    },
    /// Deletes a card; it stays in the history.
    DeleteCard {
        /// Which card.
        card_id: CardId,
    },
    /// Brings back a deleted card (undo of a delete).
    RestoreCard {
        /// Which card.
        card_id: CardId,
    },
    /// Changes the board's header.
    SetHeader {
        /// The board's title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// "Planen til": whose plan it is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        citizen_name: Option<String>,
        /// "På kort sikt innen".
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        short_term_by: Patch<IsoDate>,
        /// "På lang sikt innen".
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        long_term_by: Patch<IsoDate>,
        /// The plan stage (the investeringsferd).
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        stage: Patch<Stage>,
        /// Whether the citizen may add cards to the board themselves.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        citizen_may_add: Option<bool>,
    },
    /// Records (or withdraws) the citizen's consent to share between the team's services.
    SetConsent {
        /// The consent as given; `null` withdraws it.
        consent: Option<ConsentFields>,
    },
    /// Adds a theme row the team names itself, below the others.
    AddTheme {
        /// Chosen by the client; must not be taken on this board.
        theme_id: SlotId,
        /// Its name.
        label: String,
    },
    /// Renames, hides or shows a theme row.
    EditTheme {
        /// Which row.
        theme_id: SlotId,
        /// A new name; clearing it gives a built-in row its usual name back.
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        label: Patch<String>,
        /// Hide (keeping its cards) or show the row.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hidden: Option<bool>,
    },
    /// Adds a team member.
    AddMember {
        /// Chosen by the client.
        member_id: MemberId,
        /// Name, service, role, phone, e-mail.
        member: MemberFields,
    },
    /// Removes a team member; cards they were responsible for keep their name.
    RemoveMember {
        /// Who.
        member_id: MemberId,
    },
    /// Hands the investeringsleder role to another member with an account.
    SetLead {
        /// Who leads from now on.
        member_id: MemberId,
    },
    /// Names the citizen's contact person (a member with an account); `null` goes back to
    /// the investeringsleder.
    SetContact {
        /// Who, or `null` for the investeringsleder.
        member_id: Option<MemberId>,
    },
    /// Plans a meeting.
    ScheduleMeeting {
        /// Chosen by the client.
        meeting_id: MeetingId,
        /// When, where, the agenda, who.
        meeting: MeetingFields,
    },
    /// Changes a planned meeting (all its fields at once).
    EditMeeting {
        /// Which meeting.
        meeting_id: MeetingId,
        /// Its fields as they should be.
        meeting: MeetingFields,
    },
    /// Calls a meeting off; it stays, marked cancelled, so calendars learn it is off.
    CancelMeeting {
        /// Which meeting.
        meeting_id: MeetingId,
    },
    /// Starts the meeting on the board ("Start møtet"): from now on changes are marked as
    /// made in the meeting, and who joins is written down as present.
    StartMeeting {
        /// The planned meeting it is, if one was.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meeting_id: Option<MeetingId>,
        /// Who is there already.
        #[serde(default)]
        present: Vec<Attendee>,
    },
    /// Ticks someone as present in the meeting going on, or takes the tick away.
    SetPresent {
        /// Who.
        attendee: Attendee,
        /// Present or not.
        present: bool,
    },
    /// Ends the meeting going on; the minutes are frozen from the board as it stands.
    EndMeeting {},
    /// Corrects the last meeting's minutes: a new version, frozen from the board as it
    /// stands, with a note of what changed. The earlier versions stay as they were.
    CorrectMinutes {
        /// The meeting's number.
        number: u32,
        /// What was corrected and why.
        note: String,
    },
    /// The citizen's answer to the minutes: "Stemmer" or "Stemmer ikke", with a comment.
    AnswerMinutes {
        /// The meeting's number.
        number: u32,
        /// The version of the minutes answered (the newest).
        revision: u32,
        /// "Stemmer" (true) or "Stemmer ikke" (false).
        agrees: bool,
        /// What the citizen wants to add or correct.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
}

impl Operation {
    /// The card an operation is about, if any.
    pub fn card_id(&self) -> Option<CardId> {
        match self {
            Operation::CreateCard { card_id, .. }
            | Operation::EditCard { card_id, .. }
            | Operation::MoveCard { card_id, .. }
            | Operation::DeleteCard { card_id }
            | Operation::RestoreCard { card_id } => Some(*card_id),
            Operation::SetHeader { .. }
            | Operation::AddTheme { .. }
            | Operation::EditTheme { .. }
            | Operation::AddMember { .. }
            | Operation::RemoveMember { .. }
            | Operation::SetLead { .. }
            | Operation::SetContact { .. }
            | Operation::ScheduleMeeting { .. }
            | Operation::EditMeeting { .. }
            | Operation::CancelMeeting { .. }
            | Operation::SetConsent { .. }
            | Operation::StartMeeting { .. }
            | Operation::SetPresent { .. }
            | Operation::EndMeeting {}
            | Operation::CorrectMinutes { .. }
            | Operation::AnswerMinutes { .. } => None,
        }
    }

    /// Whether it freezes a version of the minutes (ending a meeting, correcting them): the
    /// server stores the minutes as the board stands just after it.
    pub fn freezes_minutes(&self) -> bool {
        matches!(
            self,
            Operation::EndMeeting {} | Operation::CorrectMinutes { .. }
        )
    }

    /// Whether it plans, changes or calls off a meeting.
    pub fn is_meeting(&self) -> bool {
        matches!(
            self,
            Operation::ScheduleMeeting { .. }
                | Operation::EditMeeting { .. }
                | Operation::CancelMeeting { .. }
        )
    }

    /// Whether it belongs to the record of meetings held: starting and ending one, who was
    /// there, corrections and answers to the minutes.
    pub fn is_record(&self) -> bool {
        matches!(
            self,
            Operation::StartMeeting { .. }
                | Operation::SetPresent { .. }
                | Operation::EndMeeting {}
                | Operation::CorrectMinutes { .. }
                | Operation::AnswerMinutes { .. }
        )
    }

    /// Whether it changes who is on the team or who leads, and so who may open the board:
    /// the server then brings access in line and tells the live connections.
    pub fn changes_team(&self) -> bool {
        matches!(
            self,
            Operation::AddMember { .. }
                | Operation::RemoveMember { .. }
                | Operation::SetLead { .. }
        )
    }
}

/// What a client sends to change a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpRequest {
    /// Chosen by the client; a resend with the same id is applied once.
    pub client_op_id: ClientOpId,
    /// The board version the client saw when it made the change.
    pub base_version: u64,
    /// The change.
    pub op: Operation,
}

/// Who makes a change, when, and under which client id. The server fills this in from the
/// session and its clock; a client replaying an event takes it from the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyContext {
    /// Display name of whoever makes the change.
    pub actor: String,
    /// When.
    pub at: Timestamp,
    /// The client's id for the operation.
    pub client_op_id: ClientOpId,
}

/// An accepted operation: the board's next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The board.
    pub board_id: BoardId,
    /// The board version this event produced (the first change makes version 1).
    pub version: u64,
    /// Who made it.
    pub actor: String,
    /// When it was accepted.
    pub at: Timestamp,
    /// The client's id for it.
    pub client_op_id: ClientOpId,
    /// The operation, with its text cleaned.
    pub op: Operation,
    /// What this edit replaced that others had written after the version it was based on
    /// (the server fills it in; see [`crate::overwrites`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overwrote: Vec<crate::Overwrite>,
}
