//! What the citizen's pages load, and the private calendar address.

use serde::{Deserialize, Serialize};

use crate::{
    Board, BoardRole, CallbackRequest, CardId, ContactCard, IsoDate, Meeting, MinutesInfo,
    TaskGroup, Timestamp,
};

/// The citizen's first screen (`GET /api/boards/{id}/citizen/overview`): only what it
/// shows, already worked out from the board: her contact person, the next meetings, the
/// latest minutes, her deadlines and what others do for her. Her phone decodes a few
/// kilobytes with little code; the whole board ([`CitizenView`]) is fetched and decoded
/// by the "Min plan" and "Ring meg" tabs, which are their own modules (SPEC §10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenOverview {
    /// The board's title.
    pub title: String,
    /// The board version this was read at (live changes newer than it load it again).
    pub version: u64,
    /// The citizen's name (a støtteperson reads "Kari's deadlines").
    pub citizen_name: String,
    /// The viewer's role.
    pub my_role: BoardRole,
    /// "Min kontaktperson", once the board has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactCard>,
    /// The citizen's open "Ring meg" request, if she has one (only she and the team see it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_callback: Option<CallbackRequest>,
    /// Meetings not cancelled that had not ended when read, soonest first (the page shows
    /// the first that has not ended by the time it is read, also from a kept copy).
    #[serde(default)]
    pub meetings: Vec<CitizenMeeting>,
    /// The newest version of the latest meeting's minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<CitizenMinutes>,
    /// "Mine frister": the citizen's open tasks, soonest first.
    #[serde(default)]
    pub my_tasks: Vec<CitizenTask>,
    /// "Dette gjør andre for deg": others' open tasks, soonest first.
    #[serde(default)]
    pub others_tasks: Vec<CitizenTask>,
    /// For the citizen: when her calendar subscription was made, if one is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_feed: Option<Timestamp>,
}

/// A meeting on the citizen's first screen, with who is invited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenMeeting {
    /// The meeting.
    pub meeting: Meeting,
    /// Whether the citizen is invited (listed first, as "Du" to herself).
    #[serde(default)]
    pub citizen_invited: bool,
    /// The invited team members as the board names them ("Ola Nordmann (NAV)").
    #[serde(default)]
    pub members: Vec<String>,
}

/// The latest minutes as the citizen's first screen shows them, with her answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenMinutes {
    /// Number, revision, when, and the citizen's answers.
    pub info: MinutesInfo,
    /// Who was there, by name.
    #[serde(default)]
    pub present_names: Vec<String>,
    /// Who does what until the next meeting.
    #[serde(default)]
    pub tasks: Vec<TaskGroup>,
}

/// One open task on the citizen's first screen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CitizenTask {
    /// The card (her page links to it in "Min plan").
    pub id: CardId,
    /// What it says.
    pub text: String,
    /// Who does it, when not the citizen herself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// The date that counts (a postponed card's new date, otherwise its frist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
    /// Whether it is only proposed ("Forslag").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proposed: bool,
}

impl CitizenOverview {
    /// The first screen of `view` for its viewer, as of `now`, with the latest minutes'
    /// frozen content when there are minutes.
    pub fn of(view: &CitizenView, now: Timestamp, latest: Option<&crate::Minutes>) -> Self {
        let board = &view.board;
        let task = |c: &crate::Card| CitizenTask {
            id: c.id,
            text: c.text.to_string(),
            who: c
                .responsible
                .as_ref()
                .and_then(|r| board.responsible_name(r)),
            due: c.effective_due(),
            proposed: c.status == crate::CardStatus::Proposed,
        };
        let meetings = board
            .upcoming_meetings(now)
            .into_iter()
            .map(|m| CitizenMeeting {
                meeting: m.clone(),
                citizen_invited: m.invited.contains(&crate::Invitee::Citizen),
                members: m
                    .invited
                    .iter()
                    .filter_map(|who| match who {
                        crate::Invitee::Member { member_id } => board.member_label(*member_id),
                        crate::Invitee::Citizen => None,
                    })
                    .collect(),
            })
            .collect();
        let minutes = board.latest_minutes().first().map(|info| CitizenMinutes {
            info: (*info).clone(),
            present_names: latest
                .filter(|m| m.info.number == info.number && m.info.revision == info.revision)
                .map(|m| m.present_names.clone())
                .unwrap_or_default(),
            tasks: latest
                .filter(|m| m.info.number == info.number && m.info.revision == info.revision)
                .map(|m| m.tasks.clone())
                .unwrap_or_default(),
        });
        CitizenOverview {
            title: board.title.to_string(),
            version: board.version,
            citizen_name: board.citizen_name.to_string(),
            my_role: view.my_role,
            contact: view.contact.clone(),
            open_callback: view.callbacks.iter().find(|c| c.status.is_open()).cloned(),
            meetings,
            minutes,
            my_tasks: board.citizen_tasks().into_iter().map(task).collect(),
            others_tasks: board.others_tasks().into_iter().map(task).collect(),
            calendar_feed: view.calendar_feed,
        }
    }
}

/// Everything the citizen's first screen shows: the board (and the viewer's role on it),
/// the contact person, the callback requests, and whether a calendar subscription is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenView {
    /// The board.
    pub board: Board,
    /// The viewer's role on it. (Not a flattened `BoardView`: flattening makes the
    /// browser buffer the whole answer generically, which costs bundle size.)
    pub my_role: BoardRole,
    /// "Min kontaktperson", once the board has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactCard>,
    /// The board's "Ring meg" requests, newest first (for the citizen and the team).
    #[serde(default)]
    pub callbacks: Vec<CallbackRequest>,
    /// For the citizen: when their calendar subscription was made, if one is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_feed: Option<Timestamp>,
}

/// A new private calendar address, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeed {
    /// The address a calendar app polls (`https://…/api/calendar/<token>.ics`).
    pub url: String,
    /// When it was made.
    pub created_at: Timestamp,
}

/// Whether the citizen has a calendar subscription on a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeedStatus {
    /// When the active one was made; `None` when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
}
