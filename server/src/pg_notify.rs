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
//! Payloads: `<instance>|e|<board>|<version>`, `<instance>|a|<board>`,
//! `<instance>|s|<session>`, `<instance>|u|<account>`.

use std::time::Duration;

use model::{AccountId, BoardId};
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

fn payload(instance: u64, signal: &RemoteSignal) -> String {
    match signal {
        RemoteSignal::Access(board) => format!("{instance}|a|{board}"),
        RemoteSignal::Session(id) => format!("{instance}|s|{id}"),
        RemoteSignal::Account(a) => format!("{instance}|u|{a}"),
    }
}

/// What a payload from another instance means for this one; `None` for our own or a
/// payload that cannot be read.
fn parse(own: u64, payload: &str) -> Option<Parsed> {
    let mut parts = payload.split('|');
    let instance: u64 = parts.next()?.parse().ok()?;
    if instance == own {
        return None;
    }
    let kind = parts.next()?;
    let subject = parts.next()?;
    Some(match kind {
        "e" => Parsed::Event(BoardId::parse(subject)?, parts.next()?.parse().ok()?),
        "a" => Parsed::Remote(RemoteSignal::Access(BoardId::parse(subject)?)),
        "s" => Parsed::Remote(RemoteSignal::Session(subject.to_owned())),
        "u" => Parsed::Remote(RemoteSignal::Account(AccountId::parse(subject)?)),
        _ => return None,
    })
}

enum Parsed {
    Event(BoardId, u64),
    Remote(RemoteSignal),
}

/// Starts listening and sending for this instance (PostgreSQL only).
pub async fn start(url: &str, store: Store, hub: Hub) -> Result<(), sqlx::Error> {
    let own = store.instance();
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    let (tx, mut rx) = mpsc::unbounded_channel::<RemoteSignal>();
    hub.remote(tx);
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
                    Some(Parsed::Remote(signal)) => hub.from_remote(signal),
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
            matches!(parse(8, &p), Some(Parsed::Remote(RemoteSignal::Access(b))) if b == board)
        );
        assert!(parse(8, "7|x|y").is_none());
        assert!(parse(8, "garbage").is_none());
    }
}
