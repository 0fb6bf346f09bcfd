//! The duk as the shared record (SPEC §4): a meeting held on the board, who was there,
//! the minutes (referat) frozen when it ends, corrections as new versions, and the
//! citizen's answer to them.

use serde::{Deserialize, Serialize};

use crate::{
    Board, Card, CardId, CardStatus, IsoDate, Meeting, MeetingId, MemberId, Note, Responsible,
    Stage, Timestamp,
};

/// Someone at a meeting ("Tilstede").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Attendee {
    /// The citizen whose plan it is.
    Citizen,
    /// A member of the team.
    Member {
        /// Which member.
        member_id: MemberId,
    },
    /// Someone else in the room (a støtteperson, an interpreter), by name.
    Other {
        /// Their name.
        name: String,
    },
}

/// The meeting going on now, from "Start møtet" to "Avslutt møtet".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSession {
    /// When it started.
    pub started_at: Timestamp,
    /// Who started it.
    pub started_by: String,
    /// The board version of the start event: a card whose last change came after it was
    /// created or changed in the meeting.
    pub started_version: u64,
    /// The planned meeting it is, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<MeetingId>,
    /// Who is there, in the order they came.
    #[serde(default)]
    pub present: Vec<Attendee>,
}

/// The citizen's answer to a version of the minutes (001:487).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesAnswer {
    /// "Stemmer" (true) or "Stemmer ikke" (false).
    pub agrees: bool,
    /// What they want to add or correct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<Note>,
    /// Who answered.
    pub by: String,
    /// When.
    pub at: Timestamp,
}

/// One version of a meeting's minutes, as the board lists it. The frozen content (the
/// whole board as it stood) is a [`Minutes`] the server stores once and never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesInfo {
    /// The meeting's number on this board: 1, 2, 3…
    pub number: u32,
    /// 1 for the minutes as the meeting ended; 2, 3… for corrections.
    pub revision: u32,
    /// The board version it froze.
    pub version: u64,
    /// When the meeting started.
    pub started_at: Timestamp,
    /// When it ended (for a correction: when it was made).
    pub ended_at: Timestamp,
    /// Who made this version (ended the meeting or corrected it).
    pub by: String,
    /// Who was there.
    #[serde(default)]
    pub present: Vec<Attendee>,
    /// The planned meeting it was, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<MeetingId>,
    /// For a correction: what was corrected and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Note>,
    /// The citizen's answers to this version, oldest first.
    #[serde(default)]
    pub answers: Vec<MinutesAnswer>,
}

impl MinutesInfo {
    /// The citizen's latest answer to this version.
    pub fn answer(&self) -> Option<&MinutesAnswer> {
        self.answers.last()
    }
}

/// One task in the list "Hva hver enkelt skal gjøre til neste møte".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskLine {
    /// The card.
    pub card_id: CardId,
    /// What it says.
    pub text: String,
    /// The date that counts (a postponed card's new date, otherwise its frist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
    /// Whether it was put off to `due`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub postponed: bool,
}

/// Everything one person (or party) has taken on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskGroup {
    /// Who.
    pub responsible: Responsible,
    /// Their name as the list shows it ("Ola Nordmann (NAV)", "Kari Nordmann").
    pub name: String,
    /// Their tasks, soonest frist first.
    pub tasks: Vec<TaskLine>,
}

/// The minutes of a meeting, frozen: the list of tasks, the stage, the next meeting and
/// the whole board as it stood. Stored once; a correction is a new [`Minutes`] with the
/// next revision, so what the citizen answered stays readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minutes {
    /// Number, revision, times, who was there, correction note (answers are not frozen:
    /// read them from the board).
    pub info: MinutesInfo,
    /// Who was there, by name, as the paper's "Tilstede" ("Ola Nordmann (NAV)").
    pub present_names: Vec<String>,
    /// "Hva hver enkelt skal gjøre til neste møte", grouped by who.
    pub tasks: Vec<TaskGroup>,
    /// Where the plan stood.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// The next planned meeting, if one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_meeting: Option<Meeting>,
    /// The board as it stood.
    pub board: Board,
}

impl Board {
    /// A name for someone on this board, with their service when they have one:
    /// "Ola Nordmann (NAV)".
    pub fn member_label(&self, id: MemberId) -> Option<String> {
        self.members
            .iter()
            .find(|m| m.id == id)
            .map(|m| match &m.service {
                Some(s) => format!("{} ({s})", m.name),
                None => m.name.to_string(),
            })
    }

    /// An attendee's name as the minutes show it.
    pub fn attendee_name(&self, who: &Attendee) -> String {
        match who {
            Attendee::Citizen => self.citizen_name.to_string(),
            Attendee::Member { member_id } => self
                .member_label(*member_id)
                .unwrap_or_else(|| member_id.to_string()),
            Attendee::Other { name } => name.clone(),
        }
    }

    /// The name of whoever is responsible, for lists staff and the minutes read.
    pub fn responsible_label(&self, r: &Responsible) -> String {
        match r {
            Responsible::Citizen => self.citizen_name.to_string(),
            Responsible::Member { member_id } => self
                .member_label(*member_id)
                .unwrap_or_else(|| member_id.to_string()),
            Responsible::Outside { name } => name.clone(),
        }
    }

    /// "Hva hver enkelt skal gjøre til neste møte": every live card that someone has taken
    /// on and not finished, grouped by who — the citizen first, then the team in its
    /// order, then others by name — each group soonest frist first.
    pub fn task_groups(&self) -> Vec<TaskGroup> {
        let rank = |r: &Responsible| match r {
            Responsible::Citizen => (0, 0, String::new()),
            Responsible::Member { member_id } => (
                1,
                self.members
                    .iter()
                    .position(|m| m.id == *member_id)
                    .unwrap_or(usize::MAX),
                String::new(),
            ),
            Responsible::Outside { name } => (2, 0, name.to_lowercase()),
        };
        let mut cards: Vec<(&Card, &Responsible)> = self
            .cards
            .values()
            .filter(|c| !c.deleted && c.status != CardStatus::Done)
            .filter_map(|c| c.responsible.as_ref().map(|r| (c, r)))
            .collect();
        cards.sort_by(|(a, ra), (b, rb)| {
            let due = |c: &Card| (c.effective_due().is_none(), c.effective_due());
            rank(ra)
                .cmp(&rank(rb))
                .then_with(|| due(a).cmp(&due(b)))
                .then_with(|| a.created_at.cmp(&b.created_at))
                .then_with(|| a.id.cmp(&b.id))
        });
        let mut groups: Vec<TaskGroup> = Vec::new();
        for (card, who) in cards {
            let line = TaskLine {
                card_id: card.id,
                text: card.text.to_string(),
                due: card.effective_due(),
                postponed: matches!(card.status, CardStatus::Postponed { .. }),
            };
            match groups.last_mut() {
                Some(g) if &g.responsible == who => g.tasks.push(line),
                _ => groups.push(TaskGroup {
                    responsible: who.clone(),
                    name: self.responsible_label(who),
                    tasks: vec![line],
                }),
            }
        }
        groups
    }

    /// The latest version of each meeting's minutes, newest meeting first.
    pub fn latest_minutes(&self) -> Vec<&MinutesInfo> {
        let mut latest: Vec<&MinutesInfo> = Vec::new();
        for m in &self.minutes {
            match latest.iter_mut().find(|l| l.number == m.number) {
                Some(l) if l.revision < m.revision => *l = m,
                Some(_) => {}
                None => latest.push(m),
            }
        }
        latest.sort_by_key(|m| std::cmp::Reverse(m.number));
        latest
    }

    /// The board version of the last meeting's end (its first minutes), if any meeting
    /// has ended: what "Endret siden sist møte" compares with.
    pub fn last_meeting_version(&self) -> Option<u64> {
        self.minutes
            .iter()
            .filter(|m| m.revision == 1)
            .map(|m| m.version)
            .max()
    }

    /// Answers "Stemmer ikke" to the newest version of a meeting's minutes that no
    /// correction has followed yet: what the investeringsleder still has to take up.
    pub fn open_objections(&self) -> Vec<(&MinutesInfo, &MinutesAnswer)> {
        self.latest_minutes()
            .into_iter()
            .filter_map(|m| m.answer().filter(|a| !a.agrees).map(|a| (m, a)))
            .collect()
    }

    /// The frozen minutes of this board as it stands, right after the event that made
    /// `info` (the meeting's end or a correction).
    pub fn freeze_minutes(&self, info: &MinutesInfo) -> Minutes {
        let mut info = info.clone();
        info.answers.clear();
        Minutes {
            present_names: info.present.iter().map(|a| self.attendee_name(a)).collect(),
            tasks: self.task_groups(),
            stage: self.stage,
            // The next one: not the meeting just held, nor one that began before it ended.
            next_meeting: self
                .upcoming_meetings(info.ended_at)
                .into_iter()
                .find(|m| Some(m.id) != info.meeting_id && m.start() > info.ended_at)
                .cloned(),
            board: self.clone(),
            info,
        }
    }

    /// Whether a card was created or changed since `version` (used for "i møtet",
    /// "Endret siden sist møte" and "Endret siden du så sist").
    pub fn card_changed_since(&self, card: CardId, version: u64) -> bool {
        self.cards
            .get(&card)
            .is_some_and(|c| c.changed_in > version)
    }
}

/// A version of a meeting's minutes as the app shows it: the frozen minutes, the
/// citizen's answers to it, the newest version there is, and — for a correction — what
/// changed since the version before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesPage {
    /// The frozen minutes.
    pub minutes: Minutes,
    /// The citizen's answers to this version, oldest first.
    #[serde(default)]
    pub answers: Vec<MinutesAnswer>,
    /// The newest version of this meeting's minutes.
    pub latest_revision: u32,
    /// For a correction: every change between the version before and this one.
    #[serde(default)]
    pub changes: Vec<crate::HistoryEntry>,
    /// The reader's role on the board now, which decides what the page offers (correcting
    /// the minutes: see [`crate::PERMISSIONS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_role: Option<crate::BoardRole>,
}

/// One of a team member's tasks on one of their boards ("Mine oppgaver").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTask {
    /// The board.
    pub board_id: crate::BoardId,
    /// Its title.
    pub board_title: String,
    /// The board's version when read (the base of a change made from the list).
    pub board_version: u64,
    /// The card.
    pub card: Card,
    /// Where it lies on the board, in words.
    pub place: String,
}

/// A board with everything it has been (innsyn and archiving): the board now, every
/// event, the history in words, and every version of every meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardExport {
    /// "duk-export/1".
    pub format: String,
    /// When it was made.
    pub exported_at: Timestamp,
    /// The board as it stands.
    pub board: Board,
    /// Every accepted change, in order.
    pub events: Vec<crate::Event>,
    /// The same changes in words.
    pub history: Vec<crate::HistoryEntry>,
    /// Every version of every meeting's minutes, in the order they were made.
    pub minutes: Vec<Minutes>,
}

/// The export format's name and version.
pub const EXPORT_FORMAT: &str = "duk-export/1";
