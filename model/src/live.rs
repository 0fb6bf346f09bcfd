//! The live connection of a board (`/api/boards/{id}/live`): JSON messages over a
//! WebSocket. Every message from a client is checked against the session and the sender's
//! role on the board before anything happens.

use serde::{Deserialize, Serialize};

use crate::{ClientOpId, Event, OpRequest, Operation};

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// A change, as `POST /api/boards/{id}/ops` takes it.
    Op {
        /// Chosen by the client; a resend is applied once.
        client_op_id: ClientOpId,
        /// The version the client saw.
        base_version: u64,
        /// The change.
        op: Operation,
    },
    /// Keeps the connection open and asks the server to check access again.
    Ping,
}

impl ClientMsg {
    /// The names of every message type, so that tests can prove they cover them all.
    pub const KINDS: [&'static str; 2] = ["op", "ping"];

    /// This message's type name.
    pub fn kind(&self) -> &'static str {
        match self {
            ClientMsg::Op { .. } => "op",
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
            ClientMsg::Ping => None,
        }
    }
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
}

impl CloseReason {
    /// The WebSocket close code: 4403 for access, 4401 for the session, 1012 for a restart.
    pub fn close_code(self) -> u16 {
        match self {
            CloseReason::AccessRevoked => 4403,
            CloseReason::SessionEnded => 4401,
            CloseReason::ServerRestart => 1012,
        }
    }
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
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
