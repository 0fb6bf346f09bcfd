//! What the citizen's view loads in one request, and the private calendar address.

use serde::{Deserialize, Serialize};

use crate::{Board, BoardRole, CallbackRequest, ContactCard, Timestamp};

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
