//! Fans changes out to the live connections in this process: accepted events per board,
//! changes of access per board, and ended sessions.
//!
//! Everything here is a hint to re-check or to forward; the database stays the truth.
//! Channels are bounded: a connection that falls behind is told it lagged and catches up
//! from the database instead of slowing the others.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use model::{AccountId, BoardId, Event};
use tokio::sync::broadcast;

/// What happened on a board.
#[derive(Debug, Clone)]
pub enum BoardSignal {
    /// An event was committed.
    Event(Arc<Event>),
    /// Someone's access changed: every connection re-checks its own.
    AccessChanged,
}

/// A session or every session of an account has ended.
#[derive(Debug, Clone)]
pub enum SessionSignal {
    /// One session (sign-out).
    Session(String),
    /// All sessions of an account (password changed, account disabled).
    Account(AccountId),
}

const BOARD_QUEUE: usize = 256;
const SESSION_QUEUE: usize = 256;

/// The fan-out.
#[derive(Debug, Clone)]
pub struct Hub {
    boards: Arc<Mutex<HashMap<BoardId, broadcast::Sender<BoardSignal>>>>,
    sessions: broadcast::Sender<SessionSignal>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            boards: Arc::default(),
            sessions: broadcast::channel(SESSION_QUEUE).0,
        }
    }
}

impl Hub {
    /// Follows a board.
    pub fn subscribe(&self, board: BoardId) -> broadcast::Receiver<BoardSignal> {
        let mut boards = self.boards.lock().unwrap_or_else(|p| p.into_inner());
        boards.retain(|_, tx| tx.receiver_count() > 0);
        boards
            .entry(board)
            .or_insert_with(|| broadcast::channel(BOARD_QUEUE).0)
            .subscribe()
    }

    /// Follows ended sessions.
    pub fn sessions(&self) -> broadcast::Receiver<SessionSignal> {
        self.sessions.subscribe()
    }

    /// Tells a board's connections.
    pub fn publish(&self, board: BoardId, signal: BoardSignal) {
        let boards = self.boards.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(tx) = boards.get(&board) {
            // No receivers is fine: nobody is watching.
            let _ = tx.send(signal);
        }
    }

    /// Tells every connection that a session (or an account's sessions) ended.
    pub fn session_ended(&self, signal: SessionSignal) {
        let _ = self.sessions.send(signal);
    }
}
