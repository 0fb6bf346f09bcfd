//! Several server processes on one PostgreSQL database: a change made through one reaches
//! the live connections of the others (`LISTEN/NOTIFY`), and so do a change of access and
//! who is on the board.
//!
//! Runs when `DUK_TEST_DATABASE_URL` names a PostgreSQL server (`cargo xtask test` sets it
//! from `DATABASE_URL`); SQLite is one instance by design, so there it says so and stops.

use std::collections::BTreeSet;

use model::{CloseReason, Operation, PresenceEntry, ServerMsg};

use crate::helpers::{Frame, Live, ServerProcess, create_card_op, demo_ola, fresh_database};

#[tokio::test]
async fn a_change_sent_to_one_instance_reaches_a_client_of_another() {
    let (url, _db) = fresh_database().await;
    if !url.starts_with("postgres") {
        println!("one instance on SQLite: run with DUK_TEST_DATABASE_URL=postgres://… to test two");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = ServerProcess::start(&url, 0, dir.path()).await;
    let b = ServerProcess::start(&url, 0, dir.path()).await;
    assert_ne!(a.port(), b.port());

    // Ola's session lives in the database, so it is good on both.
    let ola_a = demo_ola(&a.base).await;
    let mut ola_b = ola_a.clone();
    ola_b.base = b.base.clone();
    let boards: Vec<model::BoardSummary> = ola_a.get("/api/boards").await.json().await.unwrap();
    let board = ola_a.board(boards[0].id).await;

    let mut on_a = ola_a.live(board.id).await.unwrap();
    let mut on_b = ola_b.live(board.id).await.unwrap();
    on_a.hello(Some(board.version)).await;
    on_b.hello(Some(board.version)).await;

    // Sent to A, seen on B (and the other way round).
    let sent = on_a
        .send_op(board.version, create_card_op("Sendt til A"))
        .await;
    let on_a_event = on_a.next_event().await;
    let on_b_event = on_b.next_event().await;
    assert_eq!(on_a_event.client_op_id, sent);
    assert_eq!(on_b_event, on_a_event);
    let back = on_b
        .send_op(on_a_event.version, create_card_op("Sendt til B"))
        .await;
    let on_b_event = on_b.next_event().await;
    assert_eq!(on_b_event.client_op_id, back);
    assert_eq!(on_a.next_event().await, on_b_event);

    // Siri, on B, is taken off the team through A: her connection on B closes at once.
    let mut siri_b = crate::helpers::Client::anonymous(&b.base);
    siri_b.sign_in("siri@duk.test", "duk-demo-passord").await;
    let mut siri_live = siri_b.live(board.id).await.unwrap();
    siri_live.hello(Some(on_b_event.version)).await;
    let current = ola_a.board(board.id).await;
    let siri = current
        .members
        .iter()
        .find(|m| m.account == siri_b.account)
        .expect("Siri is on the demo team");
    on_a.send_op(
        current.version,
        Operation::RemoveMember { member_id: siri.id },
    )
    .await;
    on_a.next_event().await;
    loop {
        match siri_live.next().await {
            Frame::Msg(ServerMsg::Closed { reason }) => {
                assert_eq!(reason, CloseReason::AccessRevoked);
                break;
            }
            Frame::Msg(_) => continue,
            other => panic!("expected to be told access ended, got {other:?}"),
        }
    }
    assert_eq!(siri_live.next().await, Frame::Close(4403));
    a.kill().await;
    b.kill().await;
}

/// Reads presence lists until one has exactly `connections`.
async fn presence_becomes(live: &mut Live, connections: &BTreeSet<u64>) -> Vec<PresenceEntry> {
    loop {
        if let ServerMsg::Presence { people } = live.next_msg().await {
            let got: BTreeSet<u64> = people.iter().map(|p| p.connection).collect();
            if got == *connections {
                return people;
            }
        }
    }
}

#[tokio::test]
async fn who_is_on_the_board_through_another_instance_shows_and_goes_when_they_leave_or_it_dies() {
    let (url, _db) = fresh_database().await;
    if !url.starts_with("postgres") {
        println!("one instance on SQLite: run with DUK_TEST_DATABASE_URL=postgres://… to test two");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A short heartbeat, so that a killed instance is forgotten within a second.
    let flags = ["--presence-heartbeat-ms", "200"];
    let a = ServerProcess::start_with(&url, 0, dir.path(), &flags).await;
    let b = ServerProcess::start_with(&url, 0, dir.path(), &flags).await;
    let ola_a = demo_ola(&a.base).await;
    let mut siri_b = crate::helpers::Client::anonymous(&b.base);
    siri_b.sign_in("siri@duk.test", "duk-demo-passord").await;
    let boards: Vec<model::BoardSummary> = ola_a.get("/api/boards").await.json().await.unwrap();
    let board = boards[0].id;

    let mut on_a = ola_a.live(board).await.unwrap();
    let (_, ola) = on_a.hello(None).await;
    presence_becomes(&mut on_a, &BTreeSet::from([ola])).await;

    // Siri comes in through B: Ola, on A, sees her; she sees him.
    let mut on_b = siri_b.live(board).await.unwrap();
    let (_, siri) = on_b.hello(None).await;
    assert_ne!(siri, ola, "connection ids are unique across instances");
    let both = BTreeSet::from([ola, siri]);
    let people = presence_becomes(&mut on_a, &both).await;
    let her = people.iter().find(|p| p.connection == siri).unwrap();
    assert_eq!(her.name, "Siri Hansen");
    presence_becomes(&mut on_b, &both).await;
    // What she moves shows too.
    let card = model::CardId(uuid::Uuid::new_v4());
    on_b.send(&model::ClientMsg::Moving {
        card_id: Some(card),
    })
    .await;
    loop {
        let people = presence_becomes(&mut on_a, &both).await;
        if people
            .iter()
            .any(|p| p.connection == siri && p.moving == Some(card))
        {
            break;
        }
    }

    // She leaves: gone from Ola's list at once.
    drop(on_b);
    presence_becomes(&mut on_a, &BTreeSet::from([ola])).await;

    // She comes back, and B is killed under her: gone once B has been silent for three
    // heartbeats.
    let mut on_b = siri_b.live(board).await.unwrap();
    let (_, siri) = on_b.hello(None).await;
    presence_becomes(&mut on_a, &BTreeSet::from([ola, siri])).await;
    b.kill().await;
    presence_becomes(&mut on_a, &BTreeSet::from([ola])).await;
    drop(on_b);
    a.kill().await;
}
