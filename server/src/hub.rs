//! Fans changes out to the live connections in this process: accepted events per board,
//! changes of access per board, who is on each board, and ended sessions.
//!
//! Everything here is a hint to re-check or to forward; the database stays the truth.
//! Channels are bounded: a connection that falls behind is told it lagged and catches up
//! from the database instead of slowing the others.
//!
//! With several server instances on one PostgreSQL, signals also travel between them
//! (see [`crate::pg_notify`]): each signal made here is handed to [`Hub::remote`] as well,
//! and signals from other instances arrive through [`Hub::from_remote`]. So does
//! presence: each instance tells the others who is on each board through it, again
//! every heartbeat, and forgets another instance's people when it has not heard from it
//! for three heartbeats (an instance that was killed says nothing). Presence is only
//! ever in memory.

use std::{
    collections::{BTreeMap, HashMap},
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use model::{AccountId, BoardId, CardId, Event, PresenceEntry};
use tokio::sync::{broadcast, mpsc};

/// What happened on a board.
#[derive(Debug, Clone)]
pub enum BoardSignal {
    /// An event was committed in this process.
    Event(Arc<Event>),
    /// Another instance committed this version: read the events from the database.
    Committed(u64),
    /// Someone's access changed: every connection re-checks its own.
    AccessChanged,
    /// Who is on the board changed.
    Presence(Arc<Vec<PresenceEntry>>),
}

/// A session or every session of an account has ended.
#[derive(Debug, Clone)]
pub enum SessionSignal {
    /// One session (sign-out).
    Session(String),
    /// All sessions of an account (password changed, account disabled).
    Account(AccountId),
    /// Signals from other instances may have been missed: everyone re-checks.
    Everyone,
}

/// A signal for other instances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteSignal {
    /// A board's access changed.
    Access(BoardId),
    /// A session ended.
    Session(String),
    /// An account's sessions ended.
    Account(AccountId),
    /// Who is on a board through this instance now (sent on every change and every
    /// heartbeat).
    Presence(BoardId, Vec<PresenceEntry>),
}

const BOARD_QUEUE: usize = 256;
const SESSION_QUEUE: usize = 256;

#[derive(Debug, Default)]
struct Boards {
    senders: HashMap<BoardId, broadcast::Sender<BoardSignal>>,
    /// Who is on each board through this instance.
    presence: HashMap<BoardId, BTreeMap<u64, PresenceEntry>>,
    /// Who is on each board through other instances, by instance, with when it was said.
    elsewhere: HashMap<BoardId, HashMap<u64, (Vec<PresenceEntry>, Instant)>>,
}

/// The fan-out.
#[derive(Debug, Clone)]
pub struct Hub {
    boards: Arc<Mutex<Boards>>,
    sessions: broadcast::Sender<SessionSignal>,
    remote: Arc<Mutex<Option<mpsc::UnboundedSender<RemoteSignal>>>>,
    next_connection: Arc<AtomicU64>,
}

impl Default for Hub {
    fn default() -> Self {
        // Connection ids are unique across instances too (they meet in presence lists):
        // a random 20-bit tag above a 32-bit counter, so they stay exact in JavaScript.
        let tag = rand::random::<u64>() & 0xF_FFFF;
        Hub {
            boards: Arc::default(),
            sessions: broadcast::channel(SESSION_QUEUE).0,
            remote: Arc::default(),
            next_connection: Arc::new(AtomicU64::new((tag << 32) | 1)),
        }
    }
}

impl Hub {
    fn boards(&self) -> std::sync::MutexGuard<'_, Boards> {
        self.boards.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Follows a board.
    pub fn subscribe(&self, board: BoardId) -> broadcast::Receiver<BoardSignal> {
        let mut boards = self.boards();
        boards.senders.retain(|_, tx| tx.receiver_count() > 0);
        boards
            .senders
            .entry(board)
            .or_insert_with(|| broadcast::channel(BOARD_QUEUE).0)
            .subscribe()
    }

    /// Follows ended sessions.
    pub fn sessions(&self) -> broadcast::Receiver<SessionSignal> {
        self.sessions.subscribe()
    }

    /// Tells a board's connections in this process.
    pub fn publish(&self, board: BoardId, signal: BoardSignal) {
        let boards = self.boards();
        if let Some(tx) = boards.senders.get(&board) {
            // No receivers is fine: nobody is watching.
            let _ = tx.send(signal);
        }
    }

    /// Tells every board's connections in this process (after signals from other
    /// instances may have been missed).
    pub fn publish_everywhere(&self, signal: &BoardSignal) {
        for tx in self.boards().senders.values() {
            let _ = tx.send(signal.clone());
        }
        let _ = self.sessions.send(SessionSignal::Everyone);
    }

    /// Tells a board's connections, here and on other instances, that access changed.
    pub fn access_changed(&self, board: BoardId) {
        self.publish(board, BoardSignal::AccessChanged);
        self.to_remote(RemoteSignal::Access(board));
    }

    /// Tells every connection, here and on other instances, that a session (or an
    /// account's sessions) ended.
    pub fn session_ended(&self, signal: SessionSignal) {
        match &signal {
            SessionSignal::Session(id) => self.to_remote(RemoteSignal::Session(id.clone())),
            SessionSignal::Account(a) => self.to_remote(RemoteSignal::Account(*a)),
            SessionSignal::Everyone => {}
        }
        let _ = self.sessions.send(signal);
    }

    /// Where signals for other instances go (set once, when PostgreSQL is used).
    pub fn remote(&self, tx: mpsc::UnboundedSender<RemoteSignal>) {
        *self.remote.lock().unwrap_or_else(|p| p.into_inner()) = Some(tx);
    }

    fn to_remote(&self, signal: RemoteSignal) {
        if let Some(tx) = self
            .remote
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            let _ = tx.send(signal);
        }
    }

    /// A signal from instance `from`, told to the connections here only.
    pub fn from_remote(&self, from: u64, signal: RemoteSignal) {
        match signal {
            RemoteSignal::Access(board) => self.publish(board, BoardSignal::AccessChanged),
            RemoteSignal::Session(id) => {
                let _ = self.sessions.send(SessionSignal::Session(id));
            }
            RemoteSignal::Account(a) => {
                let _ = self.sessions.send(SessionSignal::Account(a));
            }
            RemoteSignal::Presence(board, people) => {
                let mut boards = self.boards();
                let known = boards.elsewhere.entry(board).or_default();
                let changed = known.get(&from).is_none_or(|(p, _)| *p != people);
                if people.is_empty() {
                    known.remove(&from);
                } else {
                    known.insert(from, (people, Instant::now()));
                }
                if known.is_empty() {
                    boards.elsewhere.remove(&board);
                }
                if changed {
                    Self::announce(&boards, board);
                }
            }
        }
    }

    /// Who is on each board through this instance, for the heartbeat to the others.
    pub fn local_presence(&self) -> Vec<(BoardId, Vec<PresenceEntry>)> {
        self.boards()
            .presence
            .iter()
            .map(|(b, p)| (*b, p.values().cloned().collect()))
            .collect()
    }

    /// Forgets the people of instances not heard from for `ttl` (stopped or killed), and
    /// tells the boards concerned.
    pub fn forget_silent(&self, ttl: Duration) {
        let mut boards = self.boards();
        let mut changed = Vec::new();
        boards.elsewhere.retain(|board, known| {
            let before = known.len();
            known.retain(|_, (_, at)| at.elapsed() < ttl);
            if known.len() != before {
                changed.push(*board);
            }
            !known.is_empty()
        });
        for board in changed {
            Self::announce(&boards, board);
        }
    }

    /// Tells the other instances who is on `board` through this one now.
    fn presence_to_remote(&self, boards: &Boards, board: BoardId) {
        let people = boards
            .presence
            .get(&board)
            .map(|p| p.values().cloned().collect())
            .unwrap_or_default();
        self.to_remote(RemoteSignal::Presence(board, people));
    }

    /// A new connection's id, unique in this process.
    pub fn connection_id(&self) -> u64 {
        self.next_connection.fetch_add(1, Ordering::Relaxed)
    }

    /// Someone is on a board (or changed what they are moving); everyone there is told.
    pub fn present(&self, board: BoardId, entry: PresenceEntry) {
        let mut boards = self.boards();
        let people = boards.presence.entry(board).or_default();
        if people.get(&entry.connection) == Some(&entry) {
            return;
        }
        people.insert(entry.connection, entry);
        Self::announce(&boards, board);
        self.presence_to_remote(&boards, board);
    }

    /// Someone has left a board.
    pub fn absent(&self, board: BoardId, connection: u64) {
        let mut boards = self.boards();
        let Some(people) = boards.presence.get_mut(&board) else {
            return;
        };
        people.remove(&connection);
        if people.is_empty() {
            boards.presence.remove(&board);
        }
        Self::announce(&boards, board);
        self.presence_to_remote(&boards, board);
    }

    /// Sets the card a connection is moving.
    pub fn moving(&self, board: BoardId, connection: u64, card: Option<CardId>) {
        let mut boards = self.boards();
        let Some(entry) = boards
            .presence
            .get_mut(&board)
            .and_then(|p| p.get_mut(&connection))
        else {
            return;
        };
        if entry.moving == card {
            return;
        }
        entry.moving = card;
        Self::announce(&boards, board);
        self.presence_to_remote(&boards, board);
    }

    /// Who is on a board now, through this instance and the others.
    pub fn people(&self, board: BoardId) -> Vec<PresenceEntry> {
        Self::everyone(&self.boards(), board)
    }

    fn everyone(boards: &Boards, board: BoardId) -> Vec<PresenceEntry> {
        let mut people: Vec<PresenceEntry> = boards
            .presence
            .get(&board)
            .map(|p| p.values().cloned().collect())
            .unwrap_or_default();
        if let Some(known) = boards.elsewhere.get(&board) {
            people.extend(known.values().flat_map(|(p, _)| p.iter().cloned()));
        }
        people.sort_by_key(|p| p.connection);
        people
    }

    fn announce(boards: &Boards, board: BoardId) {
        let people = Self::everyone(boards, board);
        if let Some(tx) = boards.senders.get(&board) {
            let _ = tx.send(BoardSignal::Presence(Arc::new(people)));
        }
    }
}
