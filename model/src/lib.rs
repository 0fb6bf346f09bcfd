//! The duk model, shared by the browser app and the server.
//!
//! A board is the digital *arbeidsduk*: a header, a grid of theme rows × time columns, and
//! four side zones, holding cards. Every change to a board is an [`Operation`], applied by
//! [`Board::apply`]; the server uses it to validate and persist, the app to update its own
//! copy. Both therefore accept and reject exactly the same input, with the same message.
//!
//! Nothing here depends on a web framework, a database or the browser, so it compiles for
//! both wasm and the host and is tested with plain `#[test]`s.

#![forbid(unsafe_code)]

/// For a `struct $name(String)` with `fn parse(&str) -> Result<Self, Rejection>`: `as_str`,
/// `Display`, and a `Deserialize` that parses again, so a stored value is re-checked when
/// read and an invalid one can never enter a board, not even from a hand-edited database.
macro_rules! validated_string {
    ($name:ident) => {
        impl $name {
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::parse(&s).map_err(|r| serde::de::Error::custom(r.message(crate::Lang::En)))
            }
        }
    };
}

mod access;
mod board;
mod calendar;
mod callback;
pub mod catalogue;
mod citizen;
mod contact;
mod date;
mod error;
mod history;
mod ids;
mod lang;
mod live;
mod meeting;
mod op;
mod order;
mod overwrite;
mod permission;
mod plan;
mod record;
mod sync;
mod team;
mod template;
mod text;

pub use access::{
    AccessEntry, AccountChange, AccountKind, AuditAction, AuditRecord, BoardAccessList, BoardRole,
    BoardView, CONSENT_SERVICES_MAX, ChangePassword, Consent, ConsentFields, GuestRole,
    InvitationCreated, InvitationInfo, InvitationToken, IssuedPassword, LoginRequest, Me,
    NewInvitation, NewStaffAccount, PASSWORD_MAX, PASSWORD_MIN, PendingInvitation, PlanView,
    RedeemInvitation, Redeemed, StaffAccount, StaffEntry, StaffRole,
};
pub use board::{Board, BoardSummary, Card, CardStatus, CreateBoard, Parts, Responsible, Stage};
pub use calendar::{LocalDateTime, TimeOfDay, Weekday, easter_sunday, oslo_offset_ms, oslo_today};
pub use callback::{
    CALLBACK_WORKING_DAYS, CallbackRequest, CallbackStatus, CallbackTask, CallbackUpdate,
    CleanCallback, NewCallback, callback_deadline,
};
pub use citizen::{
    CalendarFeed, CalendarFeedStatus, CitizenMeeting, CitizenMinutes, CitizenOverview, CitizenTask,
    CitizenView,
};
pub use contact::{
    Absence, Away, ContactCard, ContactPerson, ContactProfile, ContactProfileFields, MyProfile,
    OfficeHours, initials,
};
pub use date::{IsoDate, Timestamp};
pub use error::{ApiErrorCode, ErrorBody, Field, Rejection};
pub use history::{HistoryEntry, builtin_label, date_text, stage_name, tell};
pub use ids::{
    AccountId, BoardId, CallbackId, CardId, ClientOpId, InvitationId, MeetingId, MemberId, SlotId,
};
pub use lang::Lang;
pub use live::{CATCH_UP_MAX, ClientMsg, CloseReason, PROTOCOL, PresenceEntry, ServerMsg};
pub use meeting::{
    CleanMeeting, Invitee, MEETING_MINUTES, MEETING_MINUTES_DEFAULT, Meeting, MeetingFields,
    VideoLink,
};
pub use op::{ApplyContext, Event, OpRequest, Operation, Patch};
pub use order::OrderKey;
pub use overwrite::{Overwrite, overwrites};
pub use permission::{Action, PERMISSIONS, Rule};
pub use record::{
    Attendee, BoardExport, EXPORT_FORMAT, MeetingSession, Minutes, MinutesAnswer, MinutesInfo,
    MinutesPage, MyTask, TaskGroup, TaskLine,
};
pub use sync::{Pending, Received, Replica, UNDO_MAX, UndoError};
pub use team::{Email, Member, MemberFields, PhoneNumber};
pub use template::{
    COLUMN_DO_NOW, COLUMN_LONG_TERM, COLUMN_NOW_SITUATION, COLUMN_SHORT_TERM, Column, Placement,
    Template, Theme, Zone,
};
pub use text::{AgendaItem, CardText, Note, PersonName, Place, ShortText, Title, non_blank};

/// Limits that keep one board (and one request) to a size a meeting can actually use.
pub mod limits {
    /// Longest card text, in characters after trimming ("stikkord, up to a few sentences").
    pub const CARD_TEXT_MAX: usize = 500;
    /// Longest longer note on a card.
    pub const NOTE_MAX: usize = 4000;
    /// Longest board title.
    pub const TITLE_MAX: usize = 120;
    /// Longest person name (citizen, outside party).
    pub const NAME_MAX: usize = 100;
    /// Most cards a board may hold, deleted ones included (they stay for history).
    pub const CARDS_PER_BOARD_MAX: usize = 2000;
    /// Longest ordering key; keys grow slowly, so this is only reached by abuse.
    pub const ORDER_KEY_MAX: usize = 200;
    /// Longest short text: a service, a role, a row's name.
    pub const SHORT_TEXT_MAX: usize = 60;
    /// Most team members a board may have, removed ones included.
    pub const MEMBERS_MAX: usize = 50;
    /// Most theme rows a board may have, hidden ones included.
    pub const THEMES_MAX: usize = 30;
    /// Most meetings a board may hold, past and cancelled ones included (about three years
    /// of meetings every few weeks, with room to spare).
    pub const MEETINGS_MAX: usize = 200;
    /// Most items on one meeting's agenda.
    pub const AGENDA_MAX: usize = 30;
    /// Longest agenda item.
    pub const AGENDA_ITEM_MAX: usize = 200;
    /// Longest meeting place.
    pub const PLACE_MAX: usize = 120;
    /// Most lines of office hours on a profile (three a day).
    pub const OFFICE_HOURS_MAX: usize = 21;
    /// Most absence periods on a profile.
    pub const ABSENCES_MAX: usize = 30;
    /// Longest note on a callback request.
    pub const CALLBACK_NOTE_MAX: usize = 500;
    /// Most people ticked as present at one meeting.
    pub const PRESENT_MAX: usize = 60;
    /// Most versions of minutes a board may hold (meetings and their corrections).
    pub const MINUTES_MAX: usize = 500;
    /// Most answers the citizen may give to one version of the minutes.
    pub const ANSWERS_MAX: usize = 20;
}
