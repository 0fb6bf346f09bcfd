//! Meetings on a board: when and where the team meets the citizen, what they will talk
//! about (the agenda the citizen sees ahead of time, 004:649), who is invited, and whether
//! an interpreter is needed (004:615).

use serde::{Deserialize, Serialize};

use crate::{
    AgendaItem, Field, IsoDate, LocalDateTime, MeetingId, MemberId, Place, Rejection, ShortText,
    TimeOfDay, Timestamp, limits, non_blank,
};

/// Who is invited to a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Invitee {
    /// The citizen whose plan it is.
    Citizen,
    /// A member of the team.
    Member {
        /// Which member.
        member_id: MemberId,
    },
}

/// A link to a video meeting: `https://`, one line, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct VideoLink(String);

impl VideoLink {
    /// Longest link accepted.
    pub const MAX: usize = 500;

    /// Trims and checks a link.
    pub fn parse(raw: &str) -> Result<Self, Rejection> {
        let field = Field::VideoLink;
        let s = raw.trim();
        if s.is_empty() {
            return Err(Rejection::Empty { field });
        }
        let len = s.chars().count();
        if len > Self::MAX {
            return Err(Rejection::TooLong {
                field,
                max: Self::MAX,
                len,
            });
        }
        let host = s
            .strip_prefix("https://")
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
        let ok = host.is_some_and(|h| h.contains('.') && !h.starts_with('.'))
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(Rejection::InvalidFormat { field })
        }
    }
}

validated_string!(VideoLink);

/// A meeting as stored on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// Its id.
    pub id: MeetingId,
    /// When it starts, on the clock in Norway.
    pub starts_at: LocalDateTime,
    /// How long it lasts, in minutes.
    pub minutes: u16,
    /// Where ("NAV Grünerløkka, møterom 3").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// A video link, for those who join remotely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_link: Option<VideoLink>,
    /// What the meeting will be about, in order.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// Who is invited.
    #[serde(default)]
    pub invited: Vec<Invitee>,
    /// The language to interpret to, when an interpreter is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<ShortText>,
    /// A cancelled meeting stays, so the citizen's calendar learns it is off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    /// Who planned it.
    pub created_by: String,
    /// When it last changed.
    pub updated_at: Timestamp,
}

impl Meeting {
    /// When it starts.
    pub fn start(&self) -> Timestamp {
        self.starts_at.to_timestamp()
    }

    /// When it ends.
    pub fn end(&self) -> Timestamp {
        Timestamp(self.start().0 + i64::from(self.minutes) * 60_000)
    }

    /// Whether it is invited.
    pub fn invites(&self, who: &Invitee) -> bool {
        self.invited.contains(who)
    }
}

/// A meeting as typed into the form; validated by [`MeetingFields::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingFields {
    /// The day.
    pub date: IsoDate,
    /// The time it starts, on the clock in Norway.
    pub time: TimeOfDay,
    /// How long, in minutes (default 90, as velferdslab meetings often are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u16>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// A video link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_link: Option<String>,
    /// The agenda, one item per entry; blank entries are left out.
    #[serde(default)]
    pub agenda: Vec<String>,
    /// Who is invited.
    #[serde(default)]
    pub invited: Vec<Invitee>,
    /// The language to interpret to, if an interpreter is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<String>,
}

/// Shortest and longest meeting, in minutes.
pub const MEETING_MINUTES: std::ops::RangeInclusive<u16> = 15..=480;
/// How long a meeting lasts when nobody says.
pub const MEETING_MINUTES_DEFAULT: u16 = 90;

impl MeetingFields {
    /// Validates the fields against the board's team; returns the cleaned fields (as the
    /// event stores them) and when it starts. `known_member` says whether a member is on
    /// the team now.
    pub fn validate(
        &self,
        known_member: impl Fn(MemberId) -> bool,
    ) -> Result<(MeetingFields, CleanMeeting), Rejection> {
        let minutes = self.minutes.unwrap_or(MEETING_MINUTES_DEFAULT);
        if !MEETING_MINUTES.contains(&minutes) {
            return Err(Rejection::MeetingLength {
                min: *MEETING_MINUTES.start(),
                max: *MEETING_MINUTES.end(),
            });
        }
        let place = non_blank(self.place.as_deref())
            .map(Place::parse)
            .transpose()?;
        let video_link = non_blank(self.video_link.as_deref())
            .map(VideoLink::parse)
            .transpose()?;
        if place.is_none() && video_link.is_none() {
            return Err(Rejection::MeetingWhere);
        }
        let lines: Vec<&str> = self
            .agenda
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        // Counted before parsing, so that 10,000 lines are refused without reading them.
        if lines.len() > limits::AGENDA_MAX {
            return Err(Rejection::TooManyItems {
                field: Field::Agenda,
                max: limits::AGENDA_MAX,
            });
        }
        let agenda = lines
            .into_iter()
            .map(AgendaItem::parse)
            .collect::<Result<Vec<_>, _>>()?;
        let mut invited: Vec<Invitee> = Vec::new();
        for who in &self.invited {
            if let Invitee::Member { member_id } = who
                && !known_member(*member_id)
            {
                return Err(Rejection::UnknownMember);
            }
            if !invited.contains(who) {
                invited.push(who.clone());
            }
        }
        let interpreter = non_blank(self.interpreter.as_deref())
            .map(|l| ShortText::parse_as(Field::Language, l))
            .transpose()?;
        let cleaned = MeetingFields {
            date: self.date,
            time: self.time,
            minutes: Some(minutes),
            place: place.as_ref().map(ToString::to_string),
            video_link: video_link.as_ref().map(ToString::to_string),
            agenda: agenda.iter().map(ToString::to_string).collect(),
            invited: invited.clone(),
            interpreter: interpreter.as_ref().map(ToString::to_string),
        };
        Ok((
            cleaned,
            CleanMeeting {
                starts_at: LocalDateTime {
                    date: self.date,
                    time: self.time,
                },
                minutes,
                place,
                video_link,
                agenda,
                invited,
                interpreter,
            },
        ))
    }
}

/// The validated parts of a meeting, ready to be put on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanMeeting {
    /// When it starts.
    pub starts_at: LocalDateTime,
    /// How long.
    pub minutes: u16,
    /// Where.
    pub place: Option<Place>,
    /// A video link.
    pub video_link: Option<VideoLink>,
    /// The agenda.
    pub agenda: Vec<AgendaItem>,
    /// Who is invited.
    pub invited: Vec<Invitee>,
    /// The language to interpret to.
    pub interpreter: Option<ShortText>,
}

impl CleanMeeting {
    /// Puts the fields into a meeting.
    pub fn write_to(self, m: &mut Meeting) {
        m.starts_at = self.starts_at;
        m.minutes = self.minutes;
        m.place = self.place;
        m.video_link = self.video_link;
        m.agenda = self.agenda;
        m.invited = self.invited;
        m.interpreter = self.interpreter;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> MeetingFields {
        MeetingFields {
            date: IsoDate::parse("2027-01-12").unwrap(),
            time: TimeOfDay::parse("10:00").unwrap(),
            minutes: None,
            place: Some(" NAV Grünerløkka ".into()),
            video_link: None,
            agenda: vec!["Bolig".into(), "  ".into(), "Jobb".into()],
            invited: vec![Invitee::Citizen, Invitee::Citizen],
            interpreter: Some("".into()),
        }
    }

    #[test]
    fn blank_agenda_lines_and_repeated_invitees_are_left_out() {
        let (cleaned, clean) = fields().validate(|_| true).unwrap();
        assert_eq!(cleaned.agenda, ["Bolig", "Jobb"]);
        assert_eq!(cleaned.invited, [Invitee::Citizen]);
        assert_eq!(cleaned.place.as_deref(), Some("NAV Grünerløkka"));
        assert_eq!(cleaned.minutes, Some(90));
        assert_eq!(cleaned.interpreter, None);
        assert_eq!(clean.agenda.len(), 2);
    }

    #[test]
    fn an_agenda_of_ten_thousand_items_is_refused() {
        let mut f = fields();
        f.agenda = vec!["Punkt".into(); 10_000];
        assert_eq!(
            f.validate(|_| true),
            Err(Rejection::TooManyItems {
                field: Field::Agenda,
                max: limits::AGENDA_MAX
            })
        );
    }

    #[test]
    fn a_meeting_needs_a_place_or_a_video_link() {
        let mut f = fields();
        f.place = None;
        assert_eq!(f.validate(|_| true), Err(Rejection::MeetingWhere));
        f.video_link = Some("https://meet.example.no/abc-def".into());
        assert!(f.validate(|_| true).is_ok());
    }

    #[test]
    fn video_links_must_be_https_addresses() {
        for bad in [
            "http://meet.example.no/x",
            "meet.example.no",
            "https://",
            "https://localhost/x",
            "https://meet.example.no/a b",
            "javascript:alert(1)",
        ] {
            assert!(VideoLink::parse(bad).is_err(), "{bad}");
        }
        assert!(VideoLink::parse("https://teams.microsoft.com/l/meetup-join/19%3a").is_ok());
    }

    #[test]
    fn invitees_must_be_on_the_team() {
        let mut f = fields();
        f.invited = vec![Invitee::Member {
            member_id: MemberId::from_random_bytes([7; 16]),
        }];
        assert_eq!(f.validate(|_| false), Err(Rejection::UnknownMember));
    }

    #[test]
    fn meeting_length_is_bounded() {
        let mut f = fields();
        f.minutes = Some(5);
        assert!(matches!(
            f.validate(|_| true),
            Err(Rejection::MeetingLength { .. })
        ));
    }
}
