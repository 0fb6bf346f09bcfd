//! Signals between server instances on one PostgreSQL database, by `LISTEN/NOTIFY` on the
//! channel `duk`.
//!
//! A committed event is announced inside its own transaction (see `Store::append`), so
//! other instances hear of it only once it is committed; the payload is the board and
//! version only, and the receiver reads the events from the table. Access changes and
//! ended sessions are announced after the fact. Each payload starts with the sending
//! instance's id, so an instance ignores its own. When the listening connection is lost,
//! every connection here re-reads what it may have missed.
//!
//! Presence travels the same way, and is never stored: each instance says who is on a
//! board through it whenever that changes and again every heartbeat; the others forget
//! what an instance said when it has been silent for three heartbeats.
//!
//! Payloads: `<instance>|e|<board>|<version>`, `<instance>|a|<board>`,
//! `<instance>|s|<session>`, `<instance>|u|<account>`, `<instance>|p|<board>|<people as
//! JSON>`.

use std::time::Duration;

use model::{AccountId, BoardId, PresenceEntry};
use sqlx::postgres::PgListener;
use tokio::sync::mpsc;

use crate::{
    hub::{BoardSignal, Hub, RemoteSignal},
    store::Store,
};

/// The channel.
pub const CHANNEL: &str = "duk";

/// The payload announcing a committed event.
pub fn event_payload(instance: u64, board: BoardId, version: u64) -> String {
    format!("{instance}|e|{board}|{version}")
}

/// PostgreSQL refuses a payload of 8000 bytes or more.
const PAYLOAD_MAX: usize = 7900;

fn payload(instance: u64, signal: &RemoteSignal) -> String {
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
fn parse(own: u64, payload: &str) -> Option<Parsed> {
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

enum Parsed {
    Event(BoardId, u64),
    Remote(u64, RemoteSignal),
}

/// Starts listening and sending for this instance (PostgreSQL only); presence is said
/// again every `heartbeat`.
pub async fn start(
    url: &str,
    store: Store,
    hub: Hub,
    heartbeat: Duration,
) -> Result<(), sqlx::Error> {
    let own = store.instance();
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    let (tx, mut rx) = mpsc::unbounded_channel::<RemoteSignal>();
    hub.remote(tx.clone());
    // Heartbeat: who is here, again; and forget the instances that fell silent.
    let beating = hub.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(heartbeat);
        loop {
            tick.tick().await;
            for (board, people) in beating.local_presence() {
                if tx.send(RemoteSignal::Presence(board, people)).is_err() {
                    return;
                }
            }
            beating.forget_silent(heartbeat * 3);
        }
    });
    // Sending: one NOTIFY per signal, in order.
    let sender_store = store.clone();
    tokio::spawn(async move {
        while let Some(signal) = rx.recv().await {
            if let Err(e) = sender_store.notify(&payload(own, &signal)).await {
                tracing::warn!(error = %e, "could not tell the other instances");
            }
        }
    });
    // Listening.
    tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                Ok(Some(n)) => match parse(own, n.payload()) {
                    Some(Parsed::Event(board, version)) => {
                        hub.publish(board, BoardSignal::Committed(version));
                    }
                    Some(Parsed::Remote(from, signal)) => hub.from_remote(from, signal),
                    None => {}
                },
                // The connection was lost and is back: anything may have been missed.
                Ok(None) => hub.publish_everywhere(&BoardSignal::Committed(u64::MAX)),
                Err(e) => {
                    tracing::warn!(error = %e, "lost the PostgreSQL notifications; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(())
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
