//! What server instances say to each other over PostgreSQL's `LISTEN/NOTIFY`
//! (`pg_notify.rs` listens; `Store::append` announces a committed event inside its own
//! transaction): the channel and the payloads, written and read here.
//!
//! Payloads: `<instance>|e|<board>|<version>`, `<instance>|a|<board>`,
//! `<instance>|s|<session>`, `<instance>|u|<account>`, `<instance>|p|<board>|<people as
//! JSON>`.

use model::{AccountId, BoardId, PresenceEntry};

use crate::hub::RemoteSignal;

/// The channel.
pub const CHANNEL: &str = "duk";

/// The payload announcing a committed event.
pub fn event_payload(instance: u64, board: BoardId, version: u64) -> String {
    format!("{instance}|e|{board}|{version}")
}

/// PostgreSQL refuses a payload of 8000 bytes or more.
const PAYLOAD_MAX: usize = 7900;

pub(crate) fn payload(instance: u64, signal: &RemoteSignal) -> String {
    match signal {
        RemoteSignal::Access(board) => format!("{instance}|a|{board}"),
        RemoteSignal::Session(id) => format!("{instance}|s|{id}"),
        RemoteSignal::Account(a) => format!("{instance}|u|{a}"),
        RemoteSignal::Presence(board, people) => {
            // A crowd too big for one notification is cut short (the list is for showing
            // faces, and hundreds on one board do not fit on a screen either).
            let mut people: &[PresenceEntry] = people;
            loop {
                let json = serde_json::to_string(people).unwrap_or_else(|_| "[]".into());
                let text = format!("{instance}|p|{board}|{json}");
                if text.len() < PAYLOAD_MAX || people.is_empty() {
                    return text;
                }
                people = &people[..people.len() / 2];
            }
        }
    }
}

/// What a payload from another instance means for this one; `None` for our own or a
/// payload that cannot be read.
pub(crate) fn parse(own: u64, payload: &str) -> Option<Parsed> {
    // Names in a presence list may hold `|`: it is the last part, taken whole.
    let mut parts = payload.splitn(4, '|');
    let instance: u64 = parts.next()?.parse().ok()?;
    if instance == own {
        return None;
    }
    let kind = parts.next()?;
    let subject = parts.next()?;
    let signal = match kind {
        "e" => {
            return Some(Parsed::Event(
                BoardId::parse(subject)?,
                parts.next()?.parse().ok()?,
            ));
        }
        "a" => RemoteSignal::Access(BoardId::parse(subject)?),
        "s" => RemoteSignal::Session(subject.to_owned()),
        "u" => RemoteSignal::Account(AccountId::parse(subject)?),
        "p" => RemoteSignal::Presence(
            BoardId::parse(subject)?,
            serde_json::from_str(parts.next()?).ok()?,
        ),
        _ => return None,
    };
    Some(Parsed::Remote(instance, signal))
}

pub(crate) enum Parsed {
    /// Another instance committed this board's event of this version.
    Event(BoardId, u64),
    /// Another instance (by id) signals this.
    Remote(u64, RemoteSignal),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_from_others_are_read_and_our_own_are_ignored() {
        let board = BoardId::from_random_bytes([3; 16]);
        let p = event_payload(7, board, 42);
        assert!(parse(7, &p).is_none());
        assert!(matches!(parse(8, &p), Some(Parsed::Event(b, 42)) if b == board));
        let p = payload(7, &RemoteSignal::Access(board));
        assert!(
            matches!(parse(8, &p), Some(Parsed::Remote(7, RemoteSignal::Access(b))) if b == board)
        );
        let people = vec![PresenceEntry {
            connection: 9,
            name: "Ola | Nordmann".into(),
            role: model::BoardRole::Owner,
            moving: None,
        }];
        let p = payload(7, &RemoteSignal::Presence(board, people.clone()));
        assert!(matches!(
            parse(8, &p),
            Some(Parsed::Remote(7, RemoteSignal::Presence(b, got))) if b == board && got == people
        ));
        assert!(parse(8, "7|x|y").is_none());
        assert!(parse(8, "garbage").is_none());
    }
}
