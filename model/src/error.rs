//! Why an operation or request was refused, with a stable code for programs and a
//! message in plain language for people.

// long-file: every rejection with its code, status and words in parallel matches; the message
// catalogue (issue 18, next step) replaces them

use serde::{Deserialize, Serialize};

use crate::Lang;

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
    fn noun(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Field::CardText, Lang::Nb) => "Teksten på kortet",
            (Field::CardText, Lang::En) => "The card text",
            (Field::Note, Lang::Nb) => "Notatet",
            (Field::Note, Lang::En) => "The note",
            (Field::Title, Lang::Nb) => "Tittelen",
            (Field::Title, Lang::En) => "The title",
            (Field::Name, Lang::Nb) => "Navnet",
            (Field::Name, Lang::En) => "The name",
            (Field::Service, Lang::Nb) => "Tjenesten",
            (Field::Service, Lang::En) => "The service",
            (Field::Role, Lang::Nb) => "Rollen",
            (Field::Role, Lang::En) => "The role",
            (Field::Phone, Lang::Nb) => "Telefonnummeret",
            (Field::Phone, Lang::En) => "The phone number",
            (Field::Email, Lang::Nb) => "E-postadressen",
            (Field::Email, Lang::En) => "The e-mail address",
            (Field::RowName, Lang::Nb) => "Navnet på raden",
            (Field::RowName, Lang::En) => "The row name",
            (Field::Label, Lang::Nb) => "Teksten",
            (Field::Label, Lang::En) => "The text",
            (Field::Place, Lang::Nb) => "Stedet",
            (Field::Place, Lang::En) => "The place",
            (Field::VideoLink, Lang::Nb) => "Videolenken",
            (Field::VideoLink, Lang::En) => "The video link",
            (Field::Agenda, Lang::Nb) => "Punktet på dagsordenen",
            (Field::Agenda, Lang::En) => "The agenda item",
            (Field::Language, Lang::Nb) => "Språket",
            (Field::Language, Lang::En) => "The language",
            (Field::CallbackNote, Lang::Nb) => "Meldingen",
            (Field::CallbackNote, Lang::En) => "The message",
            (Field::GoodTimes, Lang::Nb) => "Når det passer",
            (Field::GoodTimes, Lang::En) => "When it suits you",
            (Field::OfficeHours, Lang::Nb) => "Telefontidene",
            (Field::OfficeHours, Lang::En) => "The phone hours",
            (Field::Absences, Lang::Nb) => "Fraværet",
            (Field::Absences, Lang::En) => "The time away",
            (Field::Comment, Lang::Nb) => "Kommentaren",
            (Field::Comment, Lang::En) => "The comment",
            (Field::Correction, Lang::Nb) => "Beskrivelsen av rettelsen",
            (Field::Correction, Lang::En) => "The description of the correction",
            (Field::Present, Lang::Nb) => "Listen over hvem som er til stede",
            (Field::Present, Lang::En) => "The list of who is present",
        }
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
        match self {
            Rejection::Empty {
                field: Field::CardText,
            } => "card_text_empty",
            Rejection::Empty { .. } => "field_empty",
            Rejection::TooLong {
                field: Field::CardText,
                ..
            } => "card_text_too_long",
            Rejection::TooLong { .. } => "field_too_long",
            Rejection::InvalidCharacters { .. } => "invalid_characters",
            Rejection::InvalidFormat {
                field: Field::Phone,
            } => "invalid_phone",
            Rejection::InvalidFormat {
                field: Field::Email,
            } => "invalid_email",
            Rejection::InvalidFormat { .. } => "invalid_format",
            Rejection::CardNotDeleted => "card_not_deleted",
            Rejection::UnknownMember => "unknown_member",
            Rejection::MemberExists => "member_exists",
            Rejection::AccountOnBoard => "account_on_board",
            Rejection::LeadCannotBeRemoved => "lead_cannot_be_removed",
            Rejection::LeadNeedsAccount => "lead_needs_account",
            Rejection::TooManyServices { .. } => "too_many_services",
            Rejection::TooManyMembers { .. } => "too_many_members",
            Rejection::UnknownRow => "unknown_row",
            Rejection::RowExists => "row_exists",
            Rejection::TooManyRows { .. } => "too_many_rows",
            Rejection::LastVisibleRow => "last_visible_row",
            Rejection::UnknownCard => "unknown_card",
            Rejection::CardDeleted => "card_deleted",
            Rejection::CardExists => "card_exists",
            Rejection::UnknownCell => "unknown_cell",
            Rejection::HiddenRow => "hidden_row",
            Rejection::InvalidOrderKey => "invalid_order_key",
            Rejection::EmptyEdit => "empty_edit",
            Rejection::HorizonOrder => "horizon_order",
            Rejection::TooManyCards { .. } => "too_many_cards",
            Rejection::BaseVersionAhead { .. } => "base_version_ahead",
            Rejection::TooManyItems { .. } => "too_many_items",
            Rejection::MeetingInPast => "meeting_in_past",
            Rejection::MeetingWhere => "meeting_where",
            Rejection::MeetingLength { .. } => "meeting_length",
            Rejection::UnknownMeeting => "unknown_meeting",
            Rejection::MeetingExists => "meeting_exists",
            Rejection::MeetingCancelled => "meeting_cancelled",
            Rejection::TooManyMeetings { .. } => "too_many_meetings",
            Rejection::MeetingRunning => "meeting_running",
            Rejection::NoMeetingRunning => "no_meeting_running",
            Rejection::UnknownMinutes => "unknown_minutes",
            Rejection::MinutesSuperseded => "minutes_superseded",
            Rejection::MinutesNotLatest => "minutes_not_latest",
            Rejection::TooManyMinutes { .. } => "too_many_minutes",
            Rejection::HoursOrder { .. } => "hours_order",
            Rejection::AbsenceOrder => "absence_order",
            Rejection::SubstituteIsSelf => "substitute_is_self",
            Rejection::ContactNeedsAccount => "contact_needs_account",
            Rejection::OutOfOrder { .. } => "out_of_order",
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

    /// A message for the person who tried, in plain language.
    // long-fn: one arm per rejection in both languages; the message catalogue (issue 18)
    // replaces it
    pub fn message(&self, lang: Lang) -> String {
        use Lang::*;
        match (self, lang) {
            (
                Rejection::Empty {
                    field: Field::CardText,
                },
                Nb,
            ) => "Kortet må ha tekst. Skriv noen ord før du lagrer.".into(),
            (
                Rejection::Empty {
                    field: Field::CardText,
                },
                En,
            ) => "The card needs some text. Write a few words before saving.".into(),
            (Rejection::Empty { field }, Nb) => format!("{} kan ikke være tomt.", field.noun(Nb)),
            (Rejection::Empty { field }, En) => format!("{} cannot be empty.", field.noun(En)),
            (Rejection::TooLong { field, max, len }, Nb) => format!(
                "{} er for lang: {len} tegn. Du kan bruke opptil {max} tegn.",
                field.noun(Nb)
            ),
            (Rejection::TooLong { field, max, len }, En) => format!(
                "{} is too long: {len} characters. You can use up to {max}.",
                field.noun(En)
            ),
            (Rejection::InvalidCharacters { field }, Nb) => {
                format!("{} inneholder tegn som ikke er tillatt.", field.noun(Nb))
            }
            (Rejection::InvalidCharacters { field }, En) => {
                format!(
                    "{} contains characters that are not allowed.",
                    field.noun(En)
                )
            }
            (Rejection::InvalidFormat { field: Field::Phone }, Nb) => {
                "Telefonnummeret ser ikke riktig ut. Skriv 8 siffer, eller landskode med + foran."
                    .into()
            }
            (Rejection::InvalidFormat { field: Field::Phone }, En) => {
                "The phone number does not look right. Write 8 digits, or the country code with + in front."
                    .into()
            }
            (Rejection::InvalidFormat { field: Field::Email }, Nb) => {
                "E-postadressen ser ikke riktig ut, for eksempel navn@nav.no.".into()
            }
            (Rejection::InvalidFormat { field: Field::Email }, En) => {
                "The e-mail address does not look right, for example name@nav.no.".into()
            }
            (Rejection::InvalidFormat { field }, Nb) => {
                format!("{} har feil form.", field.noun(Nb))
            }
            (Rejection::InvalidFormat { field }, En) => {
                format!("{} has the wrong form.", field.noun(En))
            }
            (Rejection::CardNotDeleted, Nb) => "Kortet er ikke slettet.".into(),
            (Rejection::CardNotDeleted, En) => "The card is not deleted.".into(),
            (Rejection::UnknownMember, Nb) => {
                "Personen er ikke med i teamet på denne planen.".into()
            }
            (Rejection::UnknownMember, En) => "That person is not on this plan's team.".into(),
            (Rejection::AccountOnBoard, Nb) => "Personen er allerede med i teamet.".into(),
            (Rejection::AccountOnBoard, En) => "That person is already on the team.".into(),
            (Rejection::LeadCannotBeRemoved, Nb) => {
                "Investeringslederen kan ikke fjernes. Gi rollen til en annen først.".into()
            }
            (Rejection::LeadCannotBeRemoved, En) => {
                "The lead cannot be removed. Give the role to someone else first.".into()
            }
            (Rejection::LeadNeedsAccount, Nb) => {
                "Bare en i teamet med Duk-konto kan være investeringsleder.".into()
            }
            (Rejection::LeadNeedsAccount, En) => {
                "Only a team member with a Duk account can lead.".into()
            }
            (Rejection::TooManyServices { max }, Nb) => {
                format!("Samtykket kan gjelde opptil {max} tjenester.")
            }
            (Rejection::TooManyServices { max }, En) => {
                format!("The consent can cover up to {max} services.")
            }
            (Rejection::MemberExists, Nb) => "Personen er allerede med i teamet.".into(),
            (Rejection::MemberExists, En) => "That person is already on the team.".into(),
            (Rejection::TooManyMembers { max }, Nb) => {
                format!("Teamet har {max} personer, som er det meste en plan kan ha.")
            }
            (Rejection::TooManyMembers { max }, En) => {
                format!("The team has {max} people, the most a plan can have.")
            }
            (Rejection::UnknownRow, Nb) => "Den raden finnes ikke på denne planen.".into(),
            (Rejection::UnknownRow, En) => "That row does not exist on this plan.".into(),
            (Rejection::RowExists, Nb) => "Raden finnes allerede.".into(),
            (Rejection::RowExists, En) => "The row already exists.".into(),
            (Rejection::TooManyRows { max }, Nb) => {
                format!("Planen har {max} rader, som er det meste den kan ha.")
            }
            (Rejection::TooManyRows { max }, En) => {
                format!("The plan has {max} rows, the most it can have.")
            }
            (Rejection::LastVisibleRow, Nb) => {
                "Minst én rad må vises. Vis en annen rad før du skjuler denne.".into()
            }
            (Rejection::LastVisibleRow, En) => {
                "At least one row must be shown. Show another row before hiding this one.".into()
            }
            (Rejection::UnknownCard, Nb) => "Fant ikke kortet på denne planen.".into(),
            (Rejection::UnknownCard, En) => "That card is not on this plan.".into(),
            (Rejection::CardDeleted, Nb) => {
                "Kortet er slettet, så endringen kunne ikke lagres.".into()
            }
            (Rejection::CardDeleted, En) => {
                "The card has been deleted, so the change could not be saved.".into()
            }
            (Rejection::CardExists, Nb) => "Kortet finnes allerede.".into(),
            (Rejection::CardExists, En) => "The card already exists.".into(),
            (Rejection::UnknownCell, Nb) => "Den ruten finnes ikke på denne planen.".into(),
            (Rejection::UnknownCell, En) => "That cell does not exist on this plan.".into(),
            (Rejection::HiddenRow, Nb) => {
                "Raden er skjult. Vis den igjen før du legger kort i den.".into()
            }
            (Rejection::HiddenRow, En) => "The row is hidden. Show it again to add cards.".into(),
            (Rejection::InvalidOrderKey, Nb) => "Plasseringen av kortet er ugyldig.".into(),
            (Rejection::InvalidOrderKey, En) => "The card's position is invalid.".into(),
            (Rejection::EmptyEdit, Nb) => "Endringen endrer ingenting.".into(),
            (Rejection::EmptyEdit, En) => "The change changes nothing.".into(),
            (Rejection::HorizonOrder, Nb) => {
                "Datoen for kort sikt må komme før datoen for lang sikt.".into()
            }
            (Rejection::HorizonOrder, En) => {
                "The short-term date must come before the long-term date.".into()
            }
            (Rejection::TooManyCards { max }, Nb) => {
                format!("Planen har {max} kort, som er det meste den kan ha.")
            }
            (Rejection::TooManyCards { max }, En) => {
                format!("The plan has {max} cards, the most it can hold.")
            }
            (Rejection::TooManyItems { field, max }, Nb) => {
                format!("{} kan ha opptil {max} linjer.", field.noun(Nb))
            }
            (Rejection::TooManyItems { field, max }, En) => {
                format!("{} can have up to {max} lines.", field.noun(En))
            }
            (Rejection::MeetingInPast, Nb) => {
                "Den tiden har allerede vært. Velg en dato og et klokkeslett fram i tid.".into()
            }
            (Rejection::MeetingInPast, En) => {
                "That time has already passed. Choose a date and time ahead.".into()
            }
            (Rejection::MeetingWhere, Nb) => {
                "Skriv hvor møtet er, eller legg inn en videolenke.".into()
            }
            (Rejection::MeetingWhere, En) => {
                "Write where the meeting is, or add a video link.".into()
            }
            (Rejection::MeetingLength { min, max }, Nb) => {
                format!("Et møte kan vare fra {min} til {max} minutter.")
            }
            (Rejection::MeetingLength { min, max }, En) => {
                format!("A meeting can last from {min} to {max} minutes.")
            }
            (Rejection::UnknownMeeting, Nb) => "Fant ikke møtet på denne planen.".into(),
            (Rejection::UnknownMeeting, En) => "That meeting is not on this plan.".into(),
            (Rejection::MeetingExists, Nb) => "Møtet finnes allerede.".into(),
            (Rejection::MeetingExists, En) => "The meeting already exists.".into(),
            (Rejection::MeetingCancelled, Nb) => {
                "Møtet er avlyst, så det kan ikke endres. Lag et nytt møte.".into()
            }
            (Rejection::MeetingCancelled, En) => {
                "The meeting is called off, so it cannot be changed. Plan a new one.".into()
            }
            (Rejection::TooManyMeetings { max }, Nb) => {
                format!("Planen har {max} møter, som er det meste den kan ha.")
            }
            (Rejection::TooManyMeetings { max }, En) => {
                format!("The plan has {max} meetings, the most it can hold.")
            }
            (Rejection::MeetingRunning, Nb) => {
                "Møtet er allerede i gang. Avslutt det før du starter et nytt.".into()
            }
            (Rejection::MeetingRunning, En) => {
                "The meeting is already going on. End it before starting another.".into()
            }
            (Rejection::NoMeetingRunning, Nb) => "Ingen møte er i gang nå.".into(),
            (Rejection::NoMeetingRunning, En) => "No meeting is going on now.".into(),
            (Rejection::UnknownMinutes, Nb) => "Fant ikke referatet på denne planen.".into(),
            (Rejection::UnknownMinutes, En) => "Those minutes are not on this plan.".into(),
            (Rejection::MinutesSuperseded, Nb) => {
                "Referatet er rettet siden. Les den nye versjonen og svar på den.".into()
            }
            (Rejection::MinutesSuperseded, En) => {
                "The minutes have been corrected since. Read the new version and answer that."
                    .into()
            }
            (Rejection::MinutesNotLatest, Nb) => {
                "Bare referatet fra siste møte kan rettes, og ikke mens et møte er i gang.".into()
            }
            (Rejection::MinutesNotLatest, En) => {
                "Only the last meeting's minutes can be corrected, and not during a meeting."
                    .into()
            }
            (Rejection::TooManyMinutes { max }, Nb) => {
                format!("Planen har {max} referater, som er det meste den kan ha.")
            }
            (Rejection::TooManyMinutes { max }, En) => {
                format!("The plan has {max} sets of minutes, the most it can hold.")
            }
            (Rejection::HoursOrder { .. }, Nb) => {
                "Telefontiden må slutte etter at den begynner.".into()
            }
            (Rejection::HoursOrder { .. }, En) => "Phone hours must end after they start.".into(),
            (Rejection::AbsenceOrder, Nb) => {
                "Fraværet kan ikke slutte før det begynner. Sjekk datoene.".into()
            }
            (Rejection::AbsenceOrder, En) => {
                "The time away cannot end before it starts. Check the dates.".into()
            }
            (Rejection::SubstituteIsSelf, Nb) => {
                "Du kan ikke være din egen stedfortreder. Velg en kollega.".into()
            }
            (Rejection::SubstituteIsSelf, En) => {
                "You cannot be your own substitute. Choose a colleague.".into()
            }
            (Rejection::ContactNeedsAccount, Nb) => {
                "Bare en i teamet med Duk-konto kan være kontaktperson.".into()
            }
            (Rejection::ContactNeedsAccount, En) => {
                "Only a team member with a Duk account can be the contact person.".into()
            }
            (Rejection::BaseVersionAhead { .. } | Rejection::OutOfOrder { .. }, Nb) => {
                "Planen har endret seg. Last siden på nytt og prøv igjen.".into()
            }
            (Rejection::BaseVersionAhead { .. } | Rejection::OutOfOrder { .. }, En) => {
                "The plan has changed. Reload the page and try again.".into()
            }
        }
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
        match self {
            ApiErrorCode::MalformedJson => "malformed_json",
            ApiErrorCode::InvalidRequest => "invalid_request",
            ApiErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ApiErrorCode::PayloadTooLarge => "payload_too_large",
            ApiErrorCode::UnknownBoard => "unknown_board",
            ApiErrorCode::NotFound => "not_found",
            ApiErrorCode::MethodNotAllowed => "method_not_allowed",
            ApiErrorCode::BadRequest => "bad_request",
            ApiErrorCode::ClientOpIdReused => "client_op_id_reused",
            ApiErrorCode::Busy => "busy",
            ApiErrorCode::Internal => "internal",
            ApiErrorCode::NotSignedIn => "not_signed_in",
            ApiErrorCode::Forbidden => "forbidden",
            ApiErrorCode::WrongCredentials => "wrong_credentials",
            ApiErrorCode::TooManyAttempts => "too_many_attempts",
            ApiErrorCode::InvitationInvalid => "invitation_invalid",
            ApiErrorCode::WrongCode => "wrong_code",
            ApiErrorCode::CrossOrigin => "cross_origin",
            ApiErrorCode::WeakPassword => "weak_password",
            ApiErrorCode::PasswordChangeRequired => "password_change_required",
            ApiErrorCode::EmailTaken => "email_taken",
            ApiErrorCode::UnknownAccount => "unknown_account",
            ApiErrorCode::CallbackOpen => "callback_open",
            ApiErrorCode::UnknownCallback => "unknown_callback",
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

    /// A message in plain language.
    pub fn message(self, lang: Lang) -> &'static str {
        use Lang::*;
        match (self, lang) {
            (ApiErrorCode::MalformedJson, Nb) => "Forespørselen kunne ikke leses (ugyldig JSON).",
            (ApiErrorCode::MalformedJson, En) => "The request could not be read (invalid JSON).",
            (ApiErrorCode::InvalidRequest, Nb) => "Forespørselen har feil innhold.",
            (ApiErrorCode::InvalidRequest, En) => "The request has invalid content.",
            (ApiErrorCode::UnsupportedMediaType, Nb) => "Forespørselen må sendes som JSON.",
            (ApiErrorCode::UnsupportedMediaType, En) => "The request must be sent as JSON.",
            (ApiErrorCode::PayloadTooLarge, Nb) => "Forespørselen er for stor.",
            (ApiErrorCode::PayloadTooLarge, En) => "The request is too large.",
            (ApiErrorCode::UnknownBoard, Nb) => "Fant ikke planen.",
            (ApiErrorCode::UnknownBoard, En) => "The plan was not found.",
            (ApiErrorCode::NotFound, Nb) => "Fant ikke det du ba om.",
            (ApiErrorCode::NotFound, En) => "Not found.",
            (ApiErrorCode::MethodNotAllowed, Nb) => "Denne handlingen kan ikke gjøres her.",
            (ApiErrorCode::MethodNotAllowed, En) => "This action cannot be done here.",
            (ApiErrorCode::BadRequest, Nb) => {
                "Forespørselen kunne ikke leses. Sjekk adressen og prøv igjen."
            }
            (ApiErrorCode::BadRequest, En) => {
                "The request could not be read. Check the address and try again."
            }
            (ApiErrorCode::ClientOpIdReused, Nb) => {
                "Endringen har samme id som en annen endring. Prøv igjen."
            }
            (ApiErrorCode::ClientOpIdReused, En) => {
                "The change has the same id as another change. Try again."
            }
            (ApiErrorCode::Busy, Nb) => "Planen endres av mange akkurat nå. Prøv igjen.",
            (ApiErrorCode::Busy, En) => "Many people are changing the plan right now. Try again.",
            (ApiErrorCode::Internal, Nb) => "Noe gikk galt hos oss. Prøv igjen om litt.",
            (ApiErrorCode::Internal, En) => "Something went wrong on our side. Try again shortly.",
            (ApiErrorCode::NotSignedIn, Nb) => "Du er ikke logget inn. Logg inn og prøv igjen.",
            (ApiErrorCode::NotSignedIn, En) => "You are not signed in. Sign in and try again.",
            (ApiErrorCode::Forbidden, Nb) => "Du har ikke tilgang til å gjøre dette.",
            (ApiErrorCode::Forbidden, En) => "You do not have access to do this.",
            (ApiErrorCode::WrongCredentials, Nb) => "E-postadressen eller passordet er feil.",
            (ApiErrorCode::WrongCredentials, En) => "The e-mail address or password is wrong.",
            (ApiErrorCode::TooManyAttempts, Nb) => {
                "For mange forsøk. Vent litt før du prøver igjen."
            }
            (ApiErrorCode::TooManyAttempts, En) => "Too many attempts. Wait a while and try again.",
            (ApiErrorCode::InvitationInvalid, Nb) => {
                "Invitasjonen virker ikke lenger. Den kan være brukt eller for gammel. \
                 Be kontaktpersonen din om en ny."
            }
            (ApiErrorCode::InvitationInvalid, En) => {
                "The invitation no longer works. It may be used or too old. \
                 Ask your contact person for a new one."
            }
            (ApiErrorCode::WrongCode, Nb) => {
                "Koden stemmer ikke. Se etter i meldingen og prøv igjen."
            }
            (ApiErrorCode::WrongCode, En) => {
                "The code does not match. Check the message and try again."
            }
            (ApiErrorCode::CrossOrigin, Nb) => {
                "Forespørselen kom fra et annet nettsted og ble stoppet."
            }
            (ApiErrorCode::CrossOrigin, En) => {
                "The request came from another site and was stopped."
            }
            (ApiErrorCode::WeakPassword, Nb) => {
                "Passordet må ha minst 12 tegn og kan ikke være e-postadressen din."
            }
            (ApiErrorCode::WeakPassword, En) => {
                "The password needs at least 12 characters and cannot be your e-mail address."
            }
            (ApiErrorCode::PasswordChangeRequired, Nb) => "Du må velge et nytt passord først.",
            (ApiErrorCode::PasswordChangeRequired, En) => "You must choose a new password first.",
            (ApiErrorCode::EmailTaken, Nb) => {
                "Det finnes allerede en konto med denne e-postadressen."
            }
            (ApiErrorCode::EmailTaken, En) => "An account with this e-mail address already exists.",
            (ApiErrorCode::UnknownAccount, Nb) => "Fant ikke kontoen.",
            (ApiErrorCode::UnknownAccount, En) => "The account was not found.",
            (ApiErrorCode::CallbackOpen, Nb) => {
                "Du har allerede bedt om å bli ringt. Vi ringer deg så snart vi kan."
            }
            (ApiErrorCode::CallbackOpen, En) => {
                "You have already asked to be called. We will call you as soon as we can."
            }
            (ApiErrorCode::UnknownCallback, Nb) => "Fant ikke forespørselen.",
            (ApiErrorCode::UnknownCallback, En) => "The request was not found.",
        }
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
