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
//! The payloads are written and read in `notify_payload.rs`.

use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::mpsc;

use crate::{
    hub::{BoardSignal, Hub, RemoteSignal},
    notify_payload::{CHANNEL, Parsed, parse, payload},
    store::Store,
};

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
