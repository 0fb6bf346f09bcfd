//! Why an operation or request was refused, with a stable code for programs and a
//! message in plain language for people.

use serde::{Deserialize, Serialize};

use crate::{
    Lang,
    catalogue::{Coded, Key},
};

/// The user-facing fields a rejection can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A card's text.
    CardText,
    /// A card's longer note.
    Note,
    /// A board's title.
    Title,
    /// A person's name.
    Name,
    /// A team member's service.
    Service,
    /// A team member's role.
    Role,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// The name of a theme row.
    RowName,
    /// A short label.
    Label,
    /// Where a meeting is.
    Place,
    /// A video meeting link.
    VideoLink,
    /// A meeting's agenda.
    Agenda,
    /// A language (for an interpreter).
    Language,
    /// The note on a callback request.
    CallbackNote,
    /// When a callback suits the citizen.
    GoodTimes,
    /// Office hours on a profile.
    OfficeHours,
    /// Absences on a profile.
    Absences,
    /// The citizen's comment on the minutes.
    Comment,
    /// What a correction of the minutes changed.
    Correction,
    /// Who is present at a meeting.
    Present,
}

impl Field {
    /// How a message names the field, at the start of a sentence.
    fn noun(self, lang: Lang) -> &'static str {
        let key = match self {
            Field::CardText => Key::field_card_text,
            Field::Note => Key::field_note,
            Field::Title => Key::field_title,
            Field::Name => Key::field_name,
            Field::Service => Key::field_service,
            Field::Role => Key::field_role,
            Field::Phone => Key::field_phone,
            Field::Email => Key::field_email,
            Field::RowName => Key::field_row_name,
            Field::Label => Key::field_label,
            Field::Place => Key::field_place,
            Field::VideoLink => Key::field_video_link,
            Field::Agenda => Key::field_agenda,
            Field::Language => Key::field_language,
            Field::CallbackNote => Key::field_callback_note,
            Field::GoodTimes => Key::field_good_times,
            Field::OfficeHours => Key::field_office_hours,
            Field::Absences => Key::field_absences,
            Field::Comment => Key::field_comment,
            Field::Correction => Key::field_correction,
            Field::Present => Key::field_present,
        };
        key.text(lang)
    }
}

/// Why [`Board::apply`](crate::Board::apply) refused an operation. The board is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// A required text was empty after trimming.
    #[error("{field:?} is empty")]
    Empty {
        /// Which field.
        field: Field,
    },
    /// A text was longer than allowed.
    #[error("{field:?} has {len} characters, at most {max} allowed")]
    TooLong {
        /// Which field.
        field: Field,
        /// The limit.
        max: usize,
        /// The length given.
        len: usize,
    },
    /// A text held control characters (or a line break where one line is expected).
    #[error("{field:?} contains characters that are not allowed")]
    InvalidCharacters {
        /// Which field.
        field: Field,
    },
    /// A value that does not have the right form (a phone number, an e-mail address).
    #[error("{field:?} has the wrong form")]
    InvalidFormat {
        /// Which field.
        field: Field,
    },
    /// No card with that id on this board.
    #[error("unknown card")]
    UnknownCard,
    /// The card was deleted, by this user or someone else.
    #[error("the card was deleted")]
    CardDeleted,
    /// A card with that id already exists.
    #[error("a card with this id already exists")]
    CardExists,
    /// The target row, column or zone is not on this board.
    #[error("no such cell or zone on this board")]
    UnknownCell,
    /// The target row is hidden on this board.
    #[error("the row is hidden")]
    HiddenRow,
    /// A card that is not deleted cannot be restored.
    #[error("the card is not deleted")]
    CardNotDeleted,
    /// No such team member on this board (or removed).
    #[error("unknown or removed team member")]
    UnknownMember,
    /// A member with that id already exists.
    #[error("a member with this id already exists")]
    MemberExists,
    /// That account is already on the team.
    #[error("the account is already on the team")]
    AccountOnBoard,
    /// The investeringsleder cannot be removed; hand the role to someone else first.
    #[error("the lead cannot be removed")]
    LeadCannotBeRemoved,
    /// Only a member with an account can lead.
    #[error("the lead needs an account")]
    LeadNeedsAccount,
    /// A consent names too many services.
    #[error("at most {max} services")]
    TooManyServices {
        /// The limit.
        max: usize,
    },
    /// The team is full.
    #[error("the board has {max} team members, the most allowed")]
    TooManyMembers {
        /// The limit.
        max: usize,
    },
    /// No such theme row on this board.
    #[error("unknown row")]
    UnknownRow,
    /// A row with that id already exists.
    #[error("a row with this id already exists")]
    RowExists,
    /// The board has as many rows as allowed.
    #[error("the board has {max} rows, the most allowed")]
    TooManyRows {
        /// The limit.
        max: usize,
    },
    /// Hiding this row would leave no row to show.
    #[error("the last visible row cannot be hidden")]
    LastVisibleRow,
    /// The ordering key is malformed.
    #[error("invalid ordering key")]
    InvalidOrderKey,
    /// An edit that changes nothing.
    #[error("the edit changes nothing")]
    EmptyEdit,
    /// The short-term horizon would fall after the long-term one.
    #[error("the short-term date is after the long-term date")]
    HorizonOrder,
    /// The board is full.
    #[error("the board has {max} cards, the most allowed")]
    TooManyCards {
        /// The limit.
        max: usize,
    },
    /// A list with more entries than allowed (an agenda, office hours, absences).
    #[error("{field:?} has more than {max} entries")]
    TooManyItems {
        /// Which list.
        field: Field,
        /// The limit.
        max: usize,
    },
    /// A meeting that would start before now.
    #[error("the meeting is in the past")]
    MeetingInPast,
    /// A meeting with neither a place nor a video link.
    #[error("the meeting has no place or video link")]
    MeetingWhere,
    /// A meeting too short or too long.
    #[error("a meeting lasts {min}–{max} minutes")]
    MeetingLength {
        /// Shortest, in minutes.
        min: u16,
        /// Longest, in minutes.
        max: u16,
    },
    /// No such meeting on this board.
    #[error("unknown meeting")]
    UnknownMeeting,
    /// A meeting with that id already exists.
    #[error("a meeting with this id already exists")]
    MeetingExists,
    /// The meeting was called off and cannot be changed.
    #[error("the meeting is cancelled")]
    MeetingCancelled,
    /// The board has as many meetings as allowed.
    #[error("the board has {max} meetings, the most allowed")]
    TooManyMeetings {
        /// The limit.
        max: usize,
    },
    /// A meeting is already going on.
    #[error("a meeting is going on")]
    MeetingRunning,
    /// No meeting is going on.
    #[error("no meeting is going on")]
    NoMeetingRunning,
    /// No minutes with that number (and version) on this board.
    #[error("unknown minutes")]
    UnknownMinutes,
    /// The minutes answered have been corrected since.
    #[error("the minutes have been corrected since")]
    MinutesSuperseded,
    /// Only the last meeting's minutes can be corrected, and not during a meeting.
    #[error("only the last meeting's minutes can be corrected")]
    MinutesNotLatest,
    /// The board holds as many minutes as allowed.
    #[error("the board has {max} versions of minutes, the most allowed")]
    TooManyMinutes {
        /// The limit.
        max: usize,
    },
    /// Office hours that end before they start.
    #[error("hours on {day:?} end before they start")]
    HoursOrder {
        /// Which day.
        day: crate::Weekday,
    },
    /// An absence that ends before it starts.
    #[error("the absence ends before it starts")]
    AbsenceOrder,
    /// Oneself as one's own substitute.
    #[error("one cannot be one's own substitute")]
    SubstituteIsSelf,
    /// Only a team member with an account can be the contact person.
    #[error("the contact person needs an account")]
    ContactNeedsAccount,
    /// The client claims a version the board has not reached.
    #[error("base version {base} is ahead of the board's version {current}")]
    BaseVersionAhead {
        /// The version the client sent.
        base: u64,
        /// The board's version.
        current: u64,
    },
    /// An event does not follow the board's current version (client-side replay).
    #[error("event version {got} does not follow board version {current}")]
    OutOfOrder {
        /// The version the event carries.
        got: u64,
        /// The board's version.
        current: u64,
    },
}

impl Rejection {
    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        self.coded().code
    }

    /// The code and its words in the catalogue (`rejection_<code>` in `locales/*.json`).
    fn coded(&self) -> Coded {
        match self {
            Rejection::Empty {
                field: Field::CardText,
            } => Coded::rejection_card_text_empty,
            Rejection::Empty { .. } => Coded::rejection_field_empty,
            Rejection::TooLong {
                field: Field::CardText,
                ..
            } => Coded::rejection_card_text_too_long,
            Rejection::TooLong { .. } => Coded::rejection_field_too_long,
            Rejection::InvalidCharacters { .. } => Coded::rejection_invalid_characters,
            Rejection::InvalidFormat {
                field: Field::Phone,
            } => Coded::rejection_invalid_phone,
            Rejection::InvalidFormat {
                field: Field::Email,
            } => Coded::rejection_invalid_email,
            Rejection::InvalidFormat { .. } => Coded::rejection_invalid_format,
            Rejection::CardNotDeleted => Coded::rejection_card_not_deleted,
            Rejection::UnknownMember => Coded::rejection_unknown_member,
            Rejection::MemberExists => Coded::rejection_member_exists,
            Rejection::AccountOnBoard => Coded::rejection_account_on_board,
            Rejection::LeadCannotBeRemoved => Coded::rejection_lead_cannot_be_removed,
            Rejection::LeadNeedsAccount => Coded::rejection_lead_needs_account,
            Rejection::TooManyServices { .. } => Coded::rejection_too_many_services,
            Rejection::TooManyMembers { .. } => Coded::rejection_too_many_members,
            Rejection::UnknownRow => Coded::rejection_unknown_row,
            Rejection::RowExists => Coded::rejection_row_exists,
            Rejection::TooManyRows { .. } => Coded::rejection_too_many_rows,
            Rejection::LastVisibleRow => Coded::rejection_last_visible_row,
            Rejection::UnknownCard => Coded::rejection_unknown_card,
            Rejection::CardDeleted => Coded::rejection_card_deleted,
            Rejection::CardExists => Coded::rejection_card_exists,
            Rejection::UnknownCell => Coded::rejection_unknown_cell,
            Rejection::HiddenRow => Coded::rejection_hidden_row,
            Rejection::InvalidOrderKey => Coded::rejection_invalid_order_key,
            Rejection::EmptyEdit => Coded::rejection_empty_edit,
            Rejection::HorizonOrder => Coded::rejection_horizon_order,
            Rejection::TooManyCards { .. } => Coded::rejection_too_many_cards,
            Rejection::BaseVersionAhead { .. } => Coded::rejection_base_version_ahead,
            Rejection::TooManyItems { .. } => Coded::rejection_too_many_items,
            Rejection::MeetingInPast => Coded::rejection_meeting_in_past,
            Rejection::MeetingWhere => Coded::rejection_meeting_where,
            Rejection::MeetingLength { .. } => Coded::rejection_meeting_length,
            Rejection::UnknownMeeting => Coded::rejection_unknown_meeting,
            Rejection::MeetingExists => Coded::rejection_meeting_exists,
            Rejection::MeetingCancelled => Coded::rejection_meeting_cancelled,
            Rejection::TooManyMeetings { .. } => Coded::rejection_too_many_meetings,
            Rejection::MeetingRunning => Coded::rejection_meeting_running,
            Rejection::NoMeetingRunning => Coded::rejection_no_meeting_running,
            Rejection::UnknownMinutes => Coded::rejection_unknown_minutes,
            Rejection::MinutesSuperseded => Coded::rejection_minutes_superseded,
            Rejection::MinutesNotLatest => Coded::rejection_minutes_not_latest,
            Rejection::TooManyMinutes { .. } => Coded::rejection_too_many_minutes,
            Rejection::HoursOrder { .. } => Coded::rejection_hours_order,
            Rejection::AbsenceOrder => Coded::rejection_absence_order,
            Rejection::SubstituteIsSelf => Coded::rejection_substitute_is_self,
            Rejection::ContactNeedsAccount => Coded::rejection_contact_needs_account,
            Rejection::OutOfOrder { .. } => Coded::rejection_out_of_order,
        }
    }

    /// The HTTP status class this rejection belongs to: 404 for what does not exist,
    /// 409 for a conflict with the board's current state, 422 for invalid input.
    pub fn status(&self) -> u16 {
        match self {
            Rejection::UnknownCard | Rejection::UnknownMeeting | Rejection::UnknownMinutes => 404,
            Rejection::CardDeleted
            | Rejection::CardExists
            | Rejection::CardNotDeleted
            | Rejection::MemberExists
            | Rejection::AccountOnBoard
            | Rejection::RowExists
            | Rejection::MeetingCancelled
            | Rejection::MeetingExists
            | Rejection::MeetingRunning
            | Rejection::NoMeetingRunning
            | Rejection::MinutesSuperseded
            | Rejection::MinutesNotLatest
            | Rejection::BaseVersionAhead { .. }
            | Rejection::OutOfOrder { .. } => 409,
            _ => 422,
        }
    }

    /// A message for the person who tried, in plain language: the catalogue's text for
    /// [`code`](Self::code) (`rejection_<code>` in `locales/*.json`), with the field's name
    /// and the limits filled in.
    pub fn message(&self, lang: Lang) -> String {
        let key = self.coded().key;
        let (field, max, len, min) = match *self {
            Rejection::Empty { field }
            | Rejection::InvalidCharacters { field }
            | Rejection::InvalidFormat { field } => (Some(field), None, None, None),
            Rejection::TooLong { field, max, len } => (Some(field), Some(max), Some(len), None),
            Rejection::TooManyItems { field, max } => (Some(field), Some(max), None, None),
            Rejection::TooManyServices { max }
            | Rejection::TooManyMembers { max }
            | Rejection::TooManyRows { max }
            | Rejection::TooManyCards { max }
            | Rejection::TooManyMeetings { max }
            | Rejection::TooManyMinutes { max } => (None, Some(max), None, None),
            Rejection::MeetingLength { min, max } => {
                (None, Some(usize::from(max)), None, Some(min))
            }
            _ => (None, None, None, None),
        };
        let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
        key.fill(
            lang,
            &[
                ("field", field.map(|f| f.noun(lang)).unwrap_or_default()),
                ("max", &number(max)),
                ("len", &number(len)),
                ("min", &number(min.map(usize::from))),
            ],
        )
    }
}

/// Errors of the HTTP API that are not about a board's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiErrorCode {
    /// The body is not valid JSON.
    MalformedJson,
    /// Valid JSON, but not the expected shape (unknown field, wrong type, bad date…).
    InvalidRequest,
    /// The body is not declared as JSON.
    UnsupportedMediaType,
    /// The body is over the size limit.
    PayloadTooLarge,
    /// No such board (or not yours to see).
    UnknownBoard,
    /// No such API route, or a path whose parts name nothing (`/versions/abc`).
    NotFound,
    /// The route exists, but not with this method (`DELETE /api/boards`).
    MethodNotAllowed,
    /// A request that could not be read: a malformed query string, say.
    BadRequest,
    /// A `client_op_id` was reused for a different operation.
    ClientOpIdReused,
    /// The board kept changing under a write; the client should retry.
    Busy,
    /// Something went wrong on our side; details are in the server log only.
    Internal,
    /// The request needs a signed-in session (none, expired or ended).
    NotSignedIn,
    /// Signed in, but this role may not do that.
    Forbidden,
    /// Wrong e-mail or password (never says which).
    WrongCredentials,
    /// Too many attempts; wait before trying again.
    TooManyAttempts,
    /// The invitation link is unknown, used, withdrawn or expired.
    InvitationInvalid,
    /// The one-time code does not match.
    WrongCode,
    /// A cookie-authenticated write from another site.
    CrossOrigin,
    /// A password that is too short, too long or the same as the e-mail.
    WeakPassword,
    /// A temporary password must be changed before anything else.
    PasswordChangeRequired,
    /// A staff account with that e-mail exists.
    EmailTaken,
    /// No such account (or not one that can be used here).
    UnknownAccount,
    /// The citizen already has a callback request waiting.
    CallbackOpen,
    /// No such callback request (or not one the viewer may answer).
    UnknownCallback,
}

impl ApiErrorCode {
    /// The code for an error answer written by something other than Duk's handlers (the
    /// router, an extractor): one per status, so that every error has Duk's format.
    pub fn for_status(status: u16) -> ApiErrorCode {
        match status {
            401 => ApiErrorCode::NotSignedIn,
            403 => ApiErrorCode::Forbidden,
            404 => ApiErrorCode::NotFound,
            405 => ApiErrorCode::MethodNotAllowed,
            413 => ApiErrorCode::PayloadTooLarge,
            415 => ApiErrorCode::UnsupportedMediaType,
            422 => ApiErrorCode::InvalidRequest,
            429 => ApiErrorCode::TooManyAttempts,
            500.. => ApiErrorCode::Internal,
            _ => ApiErrorCode::BadRequest,
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        self.coded().code
    }

    /// The code and its words in the catalogue (`api_<code>` in `locales/*.json`).
    fn coded(self) -> Coded {
        match self {
            ApiErrorCode::MalformedJson => Coded::api_malformed_json,
            ApiErrorCode::InvalidRequest => Coded::api_invalid_request,
            ApiErrorCode::UnsupportedMediaType => Coded::api_unsupported_media_type,
            ApiErrorCode::PayloadTooLarge => Coded::api_payload_too_large,
            ApiErrorCode::UnknownBoard => Coded::api_unknown_board,
            ApiErrorCode::NotFound => Coded::api_not_found,
            ApiErrorCode::MethodNotAllowed => Coded::api_method_not_allowed,
            ApiErrorCode::BadRequest => Coded::api_bad_request,
            ApiErrorCode::ClientOpIdReused => Coded::api_client_op_id_reused,
            ApiErrorCode::Busy => Coded::api_busy,
            ApiErrorCode::Internal => Coded::api_internal,
            ApiErrorCode::NotSignedIn => Coded::api_not_signed_in,
            ApiErrorCode::Forbidden => Coded::api_forbidden,
            ApiErrorCode::WrongCredentials => Coded::api_wrong_credentials,
            ApiErrorCode::TooManyAttempts => Coded::api_too_many_attempts,
            ApiErrorCode::InvitationInvalid => Coded::api_invitation_invalid,
            ApiErrorCode::WrongCode => Coded::api_wrong_code,
            ApiErrorCode::CrossOrigin => Coded::api_cross_origin,
            ApiErrorCode::WeakPassword => Coded::api_weak_password,
            ApiErrorCode::PasswordChangeRequired => Coded::api_password_change_required,
            ApiErrorCode::EmailTaken => Coded::api_email_taken,
            ApiErrorCode::UnknownAccount => Coded::api_unknown_account,
            ApiErrorCode::CallbackOpen => Coded::api_callback_open,
            ApiErrorCode::UnknownCallback => Coded::api_unknown_callback,
        }
    }

    /// The HTTP status.
    pub fn status(self) -> u16 {
        match self {
            ApiErrorCode::MalformedJson | ApiErrorCode::BadRequest => 400,
            ApiErrorCode::MethodNotAllowed => 405,
            ApiErrorCode::InvalidRequest => 422,
            ApiErrorCode::UnsupportedMediaType => 415,
            ApiErrorCode::PayloadTooLarge => 413,
            ApiErrorCode::UnknownBoard
            | ApiErrorCode::NotFound
            | ApiErrorCode::InvitationInvalid
            | ApiErrorCode::UnknownAccount
            | ApiErrorCode::UnknownCallback => 404,
            ApiErrorCode::ClientOpIdReused
            | ApiErrorCode::EmailTaken
            | ApiErrorCode::CallbackOpen => 409,
            ApiErrorCode::NotSignedIn
            | ApiErrorCode::WrongCredentials
            | ApiErrorCode::WrongCode => 401,
            ApiErrorCode::Forbidden
            | ApiErrorCode::CrossOrigin
            | ApiErrorCode::PasswordChangeRequired => 403,
            ApiErrorCode::WeakPassword => 422,
            ApiErrorCode::TooManyAttempts => 429,
            ApiErrorCode::Busy => 503,
            ApiErrorCode::Internal => 500,
        }
    }

    /// A message in plain language: the catalogue's text for [`code`](Self::code)
    /// (`api_<code>` in `locales/*.json`).
    pub fn message(self, lang: Lang) -> &'static str {
        self.coded().key.text(lang)
    }
}

/// The JSON body of every error answer from the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable code for programs, e.g. `card_text_empty`.
    pub code: String,
    /// Plain-language message for people, in the request's language.
    pub message: String,
    /// Technical detail for developers (e.g. which JSON field was wrong), never personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}
