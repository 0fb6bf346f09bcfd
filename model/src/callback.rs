//! "Ring meg": the citizen asks their contact person to call, and is promised a call
//! within two working days (000:469). Both sides see the deadline and where it stands.

use serde::{Deserialize, Serialize};

use crate::{
    BoardId, CallbackId, Field, IsoDate, PhoneNumber, Rejection, Timestamp, limits, non_blank,
    oslo_today,
};

/// How many working days the contact person has to call back.
pub const CALLBACK_WORKING_DAYS: u32 = 2;

/// Where a callback request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallbackStatus {
    /// Mottatt: waiting for a call.
    Received,
    /// Ringt: the contact person has called.
    Called,
    /// Ikke fått svar – prøver igjen: called, nobody answered; still open.
    NoAnswer,
    /// Avsluttet: nothing more to do.
    Closed,
}

impl CallbackStatus {
    /// Every status, in the order they usually come.
    pub const ALL: [CallbackStatus; 4] = [
        CallbackStatus::Received,
        CallbackStatus::Called,
        CallbackStatus::NoAnswer,
        CallbackStatus::Closed,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CallbackStatus::Received => "received",
            CallbackStatus::Called => "called",
            CallbackStatus::NoAnswer => "no_answer",
            CallbackStatus::Closed => "closed",
        }
    }

    /// Reads [`CallbackStatus::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether the contact person still owes a call.
    pub fn is_open(self) -> bool {
        matches!(self, CallbackStatus::Received | CallbackStatus::NoAnswer)
    }
}

/// The last day a call may come for a request made at `requested_at`: two working days
/// after the day (in Norway) it was made, so a request on Friday is due on Tuesday.
pub fn callback_deadline(requested_at: Timestamp) -> IsoDate {
    oslo_today(requested_at).add_working_days(CALLBACK_WORKING_DAYS)
}

/// A callback request as both sides see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackRequest {
    /// Its id.
    pub id: CallbackId,
    /// The board it was asked from.
    pub board_id: BoardId,
    /// Who asked.
    pub citizen_name: String,
    /// The number to call.
    pub phone: PhoneNumber,
    /// What it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it suits them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good_times: Option<String>,
    /// Where it stands.
    pub status: CallbackStatus,
    /// When it was asked.
    pub requested_at: Timestamp,
    /// The last day the call should come.
    pub deadline: IsoDate,
    /// When the status last changed.
    pub updated_at: Timestamp,
    /// Who last changed the status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
}

impl CallbackRequest {
    /// Still open after its deadline.
    pub fn is_overdue(&self, today: IsoDate) -> bool {
        self.status.is_open() && today > self.deadline
    }
}

/// What the citizen sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCallback {
    /// The number to call.
    pub phone: String,
    /// A short note on what it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it suits them ("etter kl. 14").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good_times: Option<String>,
}

/// A callback request, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanCallback {
    /// In E.164.
    pub phone: PhoneNumber,
    /// Trimmed, at most [`limits::CALLBACK_NOTE_MAX`] characters.
    pub note: Option<String>,
    /// Trimmed, one line.
    pub good_times: Option<String>,
}

impl NewCallback {
    /// Checks the number, the note's length and the good times.
    pub fn validate(&self) -> Result<CleanCallback, Rejection> {
        let phone = PhoneNumber::parse(&self.phone)?;
        let optional = |raw: &Option<String>, field, max, multiline| {
            non_blank(raw.as_deref())
                .map(|s| crate::text::clean(field, s, max, multiline))
                .transpose()
        };
        Ok(CleanCallback {
            phone,
            note: optional(
                &self.note,
                Field::CallbackNote,
                limits::CALLBACK_NOTE_MAX,
                true,
            )?,
            good_times: optional(
                &self.good_times,
                Field::GoodTimes,
                limits::SHORT_TEXT_MAX * 2,
                false,
            )?,
        })
    }
}

/// A change of status by the contact person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallbackUpdate {
    /// The new status.
    pub status: CallbackStatus,
}

/// An open request on a staff member's start page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackTask {
    /// The request.
    pub request: CallbackRequest,
    /// The plan it came from.
    pub board_title: String,
    /// Set when the viewer covers for the contact person, who is away: their name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covering_for: Option<String>,
    /// Whether the viewer is on the board's team (and can open it).
    pub on_team: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LocalDateTime, TimeOfDay};

    fn at(date: &str, time: &str) -> Timestamp {
        LocalDateTime {
            date: IsoDate::parse(date).unwrap(),
            time: TimeOfDay::parse(time).unwrap(),
        }
        .to_timestamp()
    }

    #[test]
    fn the_deadline_is_two_working_days_after_the_day_in_norway() {
        // Tuesday 1 December 2026 → Thursday 3 December.
        assert_eq!(
            callback_deadline(at("2026-12-01", "09:00")).to_string(),
            "2026-12-03"
        );
        // Friday evening → Tuesday.
        assert_eq!(
            callback_deadline(at("2026-12-04", "23:30")).to_string(),
            "2026-12-08"
        );
        // Wednesday before Easter 2027 (24 March) → Wednesday 31 March.
        assert_eq!(
            callback_deadline(at("2027-03-24", "12:00")).to_string(),
            "2027-03-31"
        );
        // Friday 14 May 2027, before 17. mai (a Monday) → Wednesday 19 May.
        assert_eq!(
            callback_deadline(at("2027-05-14", "10:00")).to_string(),
            "2027-05-19"
        );
    }

    #[test]
    fn a_note_over_the_limit_is_refused() {
        let req = NewCallback {
            phone: "91234567".into(),
            note: Some("x".repeat(limits::CALLBACK_NOTE_MAX + 1)),
            good_times: None,
        };
        assert!(matches!(
            req.validate(),
            Err(Rejection::TooLong {
                field: Field::CallbackNote,
                ..
            })
        ));
    }

    #[test]
    fn the_number_is_stored_in_e164() {
        let req = NewCallback {
            phone: "0047 912 34 567".into(),
            note: Some("  ".into()),
            good_times: Some(" etter kl. 14 ".into()),
        };
        let clean = req.validate().unwrap();
        assert_eq!(clean.phone.as_str(), "+4791234567");
        assert_eq!(clean.note, None);
        assert_eq!(clean.good_times.as_deref(), Some("etter kl. 14"));
    }

    #[test]
    fn only_open_requests_go_overdue() {
        let mut r = CallbackRequest {
            id: CallbackId::from_random_bytes([1; 16]),
            board_id: BoardId::from_random_bytes([2; 16]),
            citizen_name: "Kari".into(),
            phone: PhoneNumber::parse("91234567").unwrap(),
            note: None,
            good_times: None,
            status: CallbackStatus::Received,
            requested_at: Timestamp(0),
            deadline: IsoDate::parse("2026-12-03").unwrap(),
            updated_at: Timestamp(0),
            updated_by: None,
        };
        let d = |s| IsoDate::parse(s).unwrap();
        assert!(!r.is_overdue(d("2026-12-03")));
        assert!(r.is_overdue(d("2026-12-04")));
        r.status = CallbackStatus::Called;
        assert!(!r.is_overdue(d("2026-12-04")));
    }
}
