//! What the board page shows and how: open dialogs, filters, focus, text size, wall view.
//! Kept apart from the board's data; nothing here is sent to the server.

use leptos::prelude::*;
use model::{Action, BoardRole, Card, CardId, CardStatus, Responsible, SlotId};

const SCALE_KEY: &str = "duk.text-scale";

/// Text sizes the user can step through, in per cent of the normal size.
pub const TEXT_SCALES: [u16; 5] = [100, 115, 130, 150, 175];

/// The view state of one open board. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct BoardUi {
    /// The card whose details are open.
    pub details: RwSignal<Option<CardId>>,
    /// The card being moved with "Flytt til…".
    pub moving: RwSignal<Option<CardId>>,
    /// The card just deleted, for "Angre".
    pub deleted: RwSignal<Option<CardId>>,
    /// Wall view: read only, large type, for a shared screen.
    pub wall: RwSignal<bool>,
    /// Done cards are hidden.
    pub hide_done: RwSignal<bool>,
    /// Only cards with a frist.
    pub with_due: RwSignal<bool>,
    /// Only proposals.
    pub proposed: RwSignal<bool>,
    /// Only cards this person is responsible for: `citizen` or a member id.
    pub responsible: RwSignal<String>,
    /// Only this theme row.
    pub focus_theme: RwSignal<Option<SlotId>>,
    /// Only this time column.
    pub focus_column: RwSignal<Option<SlotId>>,
    /// Index into [`TEXT_SCALES`].
    pub text_scale: RwSignal<usize>,
    /// The viewer's role on the board: what the page offers (the server decides).
    pub role: RwSignal<BoardRole>,
    /// Which changes are marked on the cards.
    pub highlight: RwSignal<Highlight>,
    /// The version the viewer saw when they last opened the board before now.
    pub seen_version: RwSignal<Option<u64>>,
    /// The tool whose panel is open under the toolbar.
    pub tool: RwSignal<Option<Tool>>,
}

/// A tool of the board, opened as a panel under the toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// The team around the citizen.
    Team,
    /// Meetings planned.
    Meetings,
    /// The theme rows (the lead only).
    Rows,
    /// Who has access, invitations, consent.
    Access,
    /// Focus, filters, text size, wall view, printing.
    View,
}

impl Tool {
    /// The id of the tool's button; its panel is labelled by it.
    pub fn button_id(self) -> &'static str {
        match self {
            Tool::Team => "tool-team",
            Tool::Meetings => "tool-meetings",
            Tool::Rows => "tool-rows",
            Tool::Access => "tool-access",
            Tool::View => "tool-view",
        }
    }
}

/// What the cards compare their last change with, worked out once for the whole board
/// (not once per card): the version the meeting going on started at, and the version
/// chosen in "Marker endringer".
#[derive(Debug, Clone, Copy)]
pub struct ChangeMarks {
    /// The start of the meeting going on.
    pub meeting_started: Memo<Option<u64>>,
    /// Cards changed after this version are marked "Endret".
    pub since: Memo<Option<u64>>,
}

impl ChangeMarks {
    /// The marks for `store` as `ui` chooses them.
    pub fn new(store: super::BoardStore, ui: BoardUi) -> Self {
        ChangeMarks {
            meeting_started: Memo::new(move |_| {
                store
                    .session
                    .with(|s| s.as_ref().map(|s| s.started_version))
            }),
            since: Memo::new(move |_| match ui.highlight.get() {
                Highlight::Off => None,
                Highlight::SinceMeeting => {
                    store.minutes.track();
                    store.with_board(model::Board::last_meeting_version)
                }
                Highlight::SinceSeen => ui.seen_version.get(),
            }),
        }
    }
}

/// Which changes the board marks ("Endret siden sist møte", "Endret siden du så sist").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Highlight {
    /// None.
    #[default]
    Off,
    /// What changed since the last meeting ended.
    SinceMeeting,
    /// What changed since the viewer last opened the board.
    SinceSeen,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl BoardUi {
    /// Fresh view state; the text size is remembered in this browser.
    pub fn new() -> Self {
        let scale = storage()
            .and_then(|s| s.get_item(SCALE_KEY).ok().flatten())
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|i| *i < TEXT_SCALES.len())
            .unwrap_or(0);
        BoardUi {
            details: RwSignal::new(None),
            moving: RwSignal::new(None),
            deleted: RwSignal::new(None),
            wall: RwSignal::new(false),
            hide_done: RwSignal::new(false),
            with_due: RwSignal::new(false),
            proposed: RwSignal::new(false),
            responsible: RwSignal::new(String::new()),
            focus_theme: RwSignal::new(None),
            focus_column: RwSignal::new(None),
            text_scale: RwSignal::new(scale),
            role: RwSignal::new(BoardRole::Support),
            highlight: RwSignal::new(Highlight::Off),
            seen_version: RwSignal::new(None),
            tool: RwSignal::new(None),
        }
    }

    /// Whether the page offers `action` (tracked): what the model's table
    /// ([`model::PERMISSIONS`]) allows this viewer's role on the board as it stands, the
    /// table the server enforces; nothing that changes the board in wall view.
    pub fn offers(&self, action: Action, store: super::BoardStore) -> bool {
        if action.changes_board() && self.wall.get() {
            return false;
        }
        self.role
            .get()
            .may(action, store.header.with(|h| h.citizen_may_add))
    }

    /// Steps the text size up or down and remembers it.
    pub fn step_text(&self, up: bool) {
        let i = self.text_scale.get_untracked();
        let next = if up {
            (i + 1).min(TEXT_SCALES.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        self.text_scale.set(next);
        if let Some(s) = storage() {
            let _ = s.set_item(SCALE_KEY, &next.to_string());
        }
    }

    /// True if any filter hides cards.
    pub fn filtering(&self) -> bool {
        self.hide_done.get()
            || self.with_due.get()
            || self.proposed.get()
            || !self.responsible.with(String::is_empty)
    }

    /// Whether a card passes the filters (tracked).
    pub fn visible(&self, card: RwSignal<Card>) -> bool {
        let (hide_done, with_due, proposed) = (
            self.hide_done.get(),
            self.with_due.get(),
            self.proposed.get(),
        );
        let who = self.responsible.get();
        card.with(|c| {
            let hidden_done = hide_done && c.status == CardStatus::Done;
            let no_due = with_due && c.due.is_none();
            let not_proposed = proposed && c.status != CardStatus::Proposed;
            let someone_else = !who.is_empty() && responsible_key(c.responsible.as_ref()) != who;
            !(hidden_done || no_due || not_proposed || someone_else)
        })
    }
}

impl Default for BoardUi {
    fn default() -> Self {
        Self::new()
    }
}

/// The filter value that picks cards of this responsible.
pub fn responsible_key(r: Option<&Responsible>) -> String {
    match r {
        Some(Responsible::Citizen) => "citizen".into(),
        Some(Responsible::Member { member_id }) => format!("member:{member_id}"),
        Some(Responsible::Outside { name }) => format!("outside:{name}"),
        None => String::new(),
    }
}
