//! The live connection of a board (`/api/boards/{id}/live`): JSON messages over a
//! WebSocket. Every message from a client is checked against the session and the sender's
//! role on the board before anything happens.
//!
//! The protocol is versioned ([`PROTOCOL`]): a client starts with [`ClientMsg::Hello`]
//! naming the version it speaks and the board version it holds; the server answers
//! [`ServerMsg::Welcome`], then every event after that version in order (or a
//! [`ServerMsg::Snapshot`] when the client is too far behind), then each new event as it
//! is committed. Events reach every connection in version order, each exactly once.

use serde::{Deserialize, Serialize};

use crate::{Board, BoardRole, CardId, ClientOpId, Event, OpRequest, Operation};

/// The protocol version this model speaks.
pub const PROTOCOL: u32 = 1;

/// A client further behind than this many events gets the whole board instead.
pub const CATCH_UP_MAX: u64 = 500;

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// The first message: the protocol the client speaks and the board version it holds
    /// (`None` for none: it loaded nothing yet, or wants only what happens from now on).
    Hello {
        /// Must be [`PROTOCOL`].
        protocol: u32,
        /// The version the client holds; every later event is sent.
        #[serde(default)]
        since: Option<u64>,
    },
    /// A change, as `POST /api/boards/{id}/ops` takes it.
    Op {
        /// Chosen by the client; a resend is applied once.
        client_op_id: ClientOpId,
        /// The version the client saw.
        base_version: u64,
        /// The change.
        op: Operation,
    },
    /// Which card the sender is moving now (`None`: none). Shown to the others, never
    /// stored.
    Moving {
        /// The card being dragged or moved with the keyboard.
        #[serde(default)]
        card_id: Option<CardId>,
    },
    /// Keeps the connection open and asks the server to check access again.
    Ping,
}

impl ClientMsg {
    /// The names of every message type, so that tests can prove they cover them all.
    pub const KINDS: [&'static str; 4] = ["hello", "op", "moving", "ping"];

    /// This message's type name.
    pub fn kind(&self) -> &'static str {
        match self {
            ClientMsg::Hello { .. } => "hello",
            ClientMsg::Op { .. } => "op",
            ClientMsg::Moving { .. } => "moving",
            ClientMsg::Ping => "ping",
        }
    }

    /// The operation request inside an `op` message.
    pub fn into_request(self) -> Option<OpRequest> {
        match self {
            ClientMsg::Op {
                client_op_id,
                base_version,
                op,
            } => Some(OpRequest {
                client_op_id,
                base_version,
                op,
            }),
            ClientMsg::Hello { .. } | ClientMsg::Moving { .. } | ClientMsg::Ping => None,
        }
    }
}

/// Someone on the board right now. Kept in the server's memory only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceEntry {
    /// The connection (one person may have the board open twice).
    pub connection: u64,
    /// Their name.
    pub name: String,
    /// Their role on the board.
    pub role: BoardRole,
    /// The card they are moving, if any.
    #[serde(default)]
    pub moving: Option<CardId>,
}

/// Why the server closes a live connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    /// The viewer's access to the board has ended (removed from the team, revoked).
    AccessRevoked,
    /// The session has ended (signed out, password changed, expired, account disabled).
    SessionEnded,
    /// The server is shutting down; reconnect.
    ServerRestart,
    /// Something failed on the server's side (its database); reconnect after a pause.
    ServerError,
    /// The client speaks another protocol version: load the page again.
    Outdated,
}

impl CloseReason {
    /// The WebSocket close code: 4403 for access, 4401 for the session, 1012 for a restart,
    /// 1011 for a failure on the server's side.
    pub fn close_code(self) -> u16 {
        match self {
            CloseReason::AccessRevoked => 4403,
            CloseReason::SessionEnded => 4401,
            CloseReason::ServerRestart => 1012,
            CloseReason::ServerError => 1011,
            CloseReason::Outdated => 4426,
        }
    }

    /// The reason a close code stands for, if it is one of [`close_code`](Self::close_code)'s.
    pub fn from_close_code(code: u16) -> Option<CloseReason> {
        [
            CloseReason::AccessRevoked,
            CloseReason::SessionEnded,
            CloseReason::ServerRestart,
            CloseReason::ServerError,
            CloseReason::Outdated,
        ]
        .into_iter()
        .find(|r| r.close_code() == code)
    }
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// The answer to [`ClientMsg::Hello`].
    Welcome {
        /// The protocol the server speaks.
        protocol: u32,
        /// The board's version now.
        version: u64,
        /// This connection's id in [`ServerMsg::Presence`].
        connection: u64,
    },
    /// The whole board, for a client too far behind to catch up event by event.
    Snapshot {
        /// The board at its current version.
        board: Box<Board>,
    },
    /// Who is on the board now; sent whenever someone comes, goes or starts or stops
    /// moving a card.
    Presence {
        /// Everyone connected, this connection included.
        people: Vec<PresenceEntry>,
    },
    /// An accepted change, from anyone (the sender's own included).
    Event {
        /// The event.
        event: Event,
    },
    /// The sender's change was refused; nothing changed.
    Rejected {
        /// Which change.
        client_op_id: ClientOpId,
        /// Stable code.
        code: String,
        /// Plain-language message.
        message: String,
    },
    /// The message could not be read or is not allowed.
    Error {
        /// Stable code.
        code: String,
        /// Plain-language message.
        message: String,
    },
    /// Answer to a ping.
    Pong,
    /// Sent just before the server closes the connection.
    Closed {
        /// Why.
        reason: CloseReason,
    },
}
