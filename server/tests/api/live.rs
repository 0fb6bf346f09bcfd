//! The live connection with real WebSocket clients: order, resends, catching up, refusals,
//! access checked on every message, presence, and a slow client that holds nobody up.

use std::collections::BTreeSet;

use model::{
    CATCH_UP_MAX, CardId, ClientMsg, ClientOpId, CloseReason, GuestRole, Operation, Patch,
    ServerMsg, StaffRole,
};
use uuid::Uuid;

use crate::helpers::{Frame, Live, create_card_op, spawn_app};

/// A card op with a text of `len` characters.
fn long_card_op(n: usize, len: usize) -> Operation {
    let mut text = format!("Kort {n} ");
    while text.chars().count() < len {
        text.push('x');
    }
    create_card_op(&text)
}

/// Reads events until `count` have come, checking that they are consecutive from `from + 1`.
async fn events_in_order(live: &mut Live, from: u64, count: u64) -> Vec<model::Event> {
    let mut got = Vec::new();
    while (got.len() as u64) < count {
        match live.next_non_presence().await {
            ServerMsg::Event { event } => {
                assert_eq!(
                    event.version,
                    from + 1 + got.len() as u64,
                    "events come in version order, each once"
                );
                got.push(event);
            }
            other => panic!("expected an event, got {other:?}"),
        }
    }
    got
}

#[tokio::test]
async fn every_connection_gets_every_event_in_the_same_order_once() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let member = app
        .staff("Siri Hansen", "siri@bolig.test", StaffRole::Caseworker)
        .await;
    app.add_to_team(&app, board.id, &member).await;
    let start = app.board(board.id).await.version;

    let mut a = app.live(board.id).await.unwrap();
    let mut b = member.live(board.id).await.unwrap();
    a.hello(Some(start)).await;
    b.hello(Some(start)).await;
    // Both send 30 changes as fast as they can, interleaved.
    let mut mine_a = BTreeSet::new();
    let mut mine_b = BTreeSet::new();
    for i in 0..30 {
        mine_a.insert(a.send_op(start, create_card_op(&format!("A {i}"))).await);
        mine_b.insert(b.send_op(start, create_card_op(&format!("B {i}"))).await);
    }
    let seen_a = events_in_order(&mut a, start, 60).await;
    let seen_b = events_in_order(&mut b, start, 60).await;
    assert_eq!(seen_a, seen_b, "everyone sees the same sequence");
    let ids: BTreeSet<ClientOpId> = seen_a.iter().map(|e| e.client_op_id).collect();
    assert_eq!(ids, &mine_a | &mine_b, "every change once, nothing else");
    // Each sender's own changes keep the order it sent them in.
    let order_a: Vec<_> = seen_a
        .iter()
        .filter(|e| mine_a.contains(&e.client_op_id))
        .map(|e| match &e.op {
            Operation::CreateCard { text, .. } => text.clone(),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        order_a,
        (0..30).map(|i| format!("A {i}")).collect::<Vec<_>>()
    );
    assert_eq!(app.board(board.id).await.version, start + 60);
}

#[tokio::test]
async fn a_resent_change_is_applied_once_and_answered_with_the_original_event() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let mut live = app.live(board.id).await.unwrap();
    live.hello(Some(board.version)).await;
    let client_op_id = ClientOpId(Uuid::new_v4());
    let msg = ClientMsg::Op {
        client_op_id,
        base_version: board.version,
        op: create_card_op("Søke bostøtte"),
    };
    live.send(&msg).await;
    let first = live.next_event().await;
    assert_eq!(first.client_op_id, client_op_id);
    // The answer was lost, say: the client sends it again, on this or a new connection.
    live.send(&msg).await;
    assert_eq!(live.next_event().await, first, "the original event, again");
    drop(live);
    let mut again = app.live(board.id).await.unwrap();
    again.hello(Some(first.version)).await;
    again.send(&msg).await;
    assert_eq!(again.next_event().await, first);
    let stored = app.board(board.id).await;
    assert_eq!(stored.version, first.version, "applied once");
    assert_eq!(stored.cards.len(), 1);
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM board_events WHERE board_id = $1 AND client_op_id = $2",
    )
    .bind(board.id.to_string())
    .bind(client_op_id.to_string())
    .fetch_one(app.store.pool())
    .await
    .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_client_that_comes_back_gets_what_it_missed_or_the_whole_board() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let mut away = app.live(board.id).await.unwrap();
    away.hello(Some(board.version)).await;
    drop(away);
    // While it is away, five changes.
    let mut other = app.live(board.id).await.unwrap();
    other.hello(Some(board.version)).await;
    for i in 0..5 {
        other
            .send_op(board.version, create_card_op(&format!("Mens borte {i}")))
            .await;
    }
    events_in_order(&mut other, board.version, 5).await;
    let mut back = app.live(board.id).await.unwrap();
    let (version, _) = back.hello(Some(board.version)).await;
    assert_eq!(version, board.version + 5);
    let missed = events_in_order(&mut back, board.version, 5).await;
    assert!(matches!(&missed[0].op, Operation::CreateCard { text, .. } if text == "Mens borte 0"));

    // Far behind: more than CATCH_UP_MAX events since → the whole board instead.
    for i in 0..=CATCH_UP_MAX {
        other
            .send_op(0, create_card_op(&format!("Mange {i}")))
            .await;
    }
    let now = version + CATCH_UP_MAX + 1;
    events_in_order(&mut other, version, CATCH_UP_MAX + 1).await;
    let mut late = app.live(board.id).await.unwrap();
    late.hello(Some(board.version)).await;
    match late.next_non_presence().await {
        ServerMsg::Snapshot { board: snap } => {
            assert_eq!(snap.version, now);
            assert_eq!(snap.cards.len() as u64, 5 + CATCH_UP_MAX + 1);
        }
        other => panic!("expected a snapshot, got {other:?}"),
    }
    // And from there it follows event by event.
    other.send_op(now, create_card_op("Etterpå")).await;
    assert_eq!(late.next_event().await.version, now + 1);
}

#[tokio::test]
async fn refused_changes_are_answered_to_the_sender_only_and_change_nothing() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let member = app
        .staff("Siri Hansen", "siri@bolig.test", StaffRole::Caseworker)
        .await;
    app.add_to_team(&app, board.id, &member).await;
    let created = app
        .add_card(&app.board(board.id).await, "jobb", "na", "Søke jobb")
        .await;
    let card_id = created.op.card_id().unwrap();
    let mut a = app.live(board.id).await.unwrap();
    let mut b = member.live(board.id).await.unwrap();
    a.hello(Some(created.version)).await;
    b.hello(Some(created.version)).await;

    // Empty text: refused with the model's message.
    let id = a.send_op(created.version, create_card_op("   ")).await;
    let (client_op_id, code, message) = a.next_rejection().await;
    assert_eq!(client_op_id, id);
    assert_eq!(code, "card_text_empty");
    assert!(!message.is_empty());
    // b deletes the card; a's edit, made before it knew, is refused saying so.
    b.send_op(created.version, Operation::DeleteCard { card_id })
        .await;
    let deleted = b.next_event().await;
    assert_eq!(a.next_event().await, deleted);
    let edit = a
        .send_op(
            created.version,
            Operation::EditCard {
                card_id,
                text: Some("Ny tekst".into()),
                responsible: Patch::Keep,
                due: Patch::Keep,
                status: None,
                note: Patch::Keep,
            },
        )
        .await;
    let (client_op_id, code, message) = a.next_rejection().await;
    assert_eq!(client_op_id, edit);
    assert_eq!(code, "card_deleted");
    assert!(message.contains("slettet"), "{message}");
    // b heard nothing of a's refusals: its next message is its own pong.
    b.send(&ClientMsg::Ping).await;
    assert_eq!(b.next_non_presence().await, ServerMsg::Pong);
    assert_eq!(app.board(board.id).await.version, deleted.version);
}

#[tokio::test]
async fn access_is_checked_on_every_message() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let citizen = app
        .guest(&app, board.id, GuestRole::Citizen, "Kari Nordmann")
        .await;
    let mut live = citizen.live(board.id).await.unwrap();
    live.hello(Some(board.version)).await;
    // Access ends behind the hub's back (straight in the database): the next message
    // finds out.
    assert!(
        app.store
            .revoke_guest(board.id, citizen.account.unwrap(), server::clock::now())
            .await
            .unwrap()
    );
    live.send(&ClientMsg::Ping).await;
    live.expect_closed(CloseReason::AccessRevoked).await;
    assert_eq!(CloseReason::AccessRevoked.close_code(), 4403);
}

#[tokio::test]
async fn unknown_or_outdated_messages_get_an_error_not_a_crash() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let mut live = app.live(board.id).await.unwrap();
    for (text, code) in [
        (r#"{"type":"teleport","to":"mars"}"#, "unknown_message"),
        (r#"{"type":"op","client_op_id":"nope"}"#, "invalid_message"),
        ("not json", "invalid_message"),
        (r#"{"type":"moving","card_id":null}"#, "hello_first"),
    ] {
        live.send_text(text).await;
        match live.next_msg().await {
            ServerMsg::Error { code: got, .. } => assert_eq!(got, code, "{text}"),
            other => panic!("expected an error for {text}, got {other:?}"),
        }
    }
    live.send(&ClientMsg::Ping).await;
    assert_eq!(live.next_msg().await, ServerMsg::Pong, "still open");
    live.send(&ClientMsg::Hello {
        protocol: model::PROTOCOL + 1,
        since: None,
    })
    .await;
    assert!(matches!(
        live.next_msg().await,
        ServerMsg::Error { code, .. } if code == "unsupported_protocol"
    ));
    live.expect_closed(CloseReason::Outdated).await;
    assert_eq!(CloseReason::Outdated.close_code(), 4426);
}

#[tokio::test]
async fn presence_lists_who_is_on_the_board_and_what_they_move() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let member = app
        .staff("Siri Hansen", "siri@bolig.test", StaffRole::Caseworker)
        .await;
    app.add_to_team(&app, board.id, &member).await;
    let mut a = app.live(board.id).await.unwrap();
    let (_, conn_a) = a.hello(None).await;
    let ServerMsg::Presence { people } = a.next_msg().await else {
        panic!("presence after hello");
    };
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].connection, conn_a);
    assert_eq!(people[0].name, app.name);

    let mut b = member.live(board.id).await.unwrap();
    let (_, conn_b) = b.hello(None).await;
    for live in [&mut a, &mut b] {
        let ServerMsg::Presence { people } = live.next_msg().await else {
            panic!("presence when someone comes");
        };
        let names: BTreeSet<_> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, BTreeSet::from([app.name.as_str(), "Siri Hansen"]));
        assert!(people.iter().all(|p| p.role == model::BoardRole::Owner
            || (p.connection == conn_b && p.role == model::BoardRole::Member)));
    }
    let card = CardId(Uuid::new_v4());
    b.send(&ClientMsg::Moving {
        card_id: Some(card),
    })
    .await;
    let ServerMsg::Presence { people } = a.next_msg().await else {
        panic!("presence when someone moves a card");
    };
    assert_eq!(
        people
            .iter()
            .find(|p| p.connection == conn_b)
            .unwrap()
            .moving,
        Some(card)
    );
    drop(b);
    let ServerMsg::Presence { people } = a.next_msg().await else {
        panic!("presence when someone leaves");
    };
    assert_eq!(people.len(), 1);
    // Presence is never stored: no table or audit line names it.
    let (lines,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE '%presen%' OR action LIKE '%moving%'",
    )
    .fetch_one(app.store.pool())
    .await
    .unwrap();
    assert_eq!(lines, 0);
}

#[tokio::test]
async fn a_client_that_does_not_read_holds_nobody_up_and_still_gets_everything() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let mut slow = app.live_slow(board.id).await;
    slow.hello(Some(board.version)).await;
    let mut writer = app.live(board.id).await.unwrap();
    writer.hello(Some(board.version)).await;
    let mut reader = app.live(board.id).await.unwrap();
    reader.hello(Some(board.version)).await;
    // 400 changes of about 500 characters each (~300 KB of events) while the slow client
    // reads nothing at all.
    const N: u64 = 400;
    for i in 0..N {
        writer
            .send_op(board.version, long_card_op(i as usize, 480))
            .await;
    }
    // The others get every event (a hang here, not a timer, is the failure).
    events_in_order(&mut reader, board.version, N).await;
    events_in_order(&mut writer, board.version, N).await;
    // The slow client now reads: everything in order, or, if the server gave up on it,
    // it comes back and catches up from where it was.
    let mut got = 0u64;
    let mut at = board.version;
    loop {
        match slow.next().await {
            Frame::Msg(ServerMsg::Event { event }) => {
                assert_eq!(event.version, at + 1);
                at = event.version;
                got += 1;
            }
            Frame::Msg(ServerMsg::Presence { .. }) => {}
            Frame::Msg(other) => panic!("unexpected {other:?}"),
            Frame::Close(_) | Frame::Ended => {
                println!("the slow client was dropped after {got} events; it catches up");
                slow = app.live(board.id).await.unwrap();
                slow.hello(Some(at)).await;
            }
        }
        if at == board.version + N {
            break;
        }
    }
}

#[tokio::test]
async fn a_database_failure_on_the_live_connection_is_logged_once_and_the_client_told() {
    let (url, _db) = crate::helpers::fresh_database().await;
    let dir = tempfile::tempdir().unwrap();
    let server = crate::helpers::ServerProcess::start(&url, 0, dir.path()).await;
    let ola = crate::helpers::demo_ola(&server.base).await;
    let board = ola.create_board().await;
    let mut live = ola.live(board.id).await.unwrap();
    live.hello(Some(board.version)).await;
    // The table the check before every message reads goes away under the server, as a
    // broken or half-migrated database would have it.
    sqlx::any::install_default_drivers();
    let db = sqlx::AnyPool::connect(&url).await.unwrap();
    sqlx::query("ALTER TABLE board_access RENAME TO board_access_gone")
        .execute(&db)
        .await
        .unwrap();
    live.send(&ClientMsg::Ping).await;
    live.expect_closed(CloseReason::ServerError).await;
    assert_eq!(CloseReason::ServerError.close_code(), 1011);
    // One line, with the cause (the database's own words) on it; no plan content. (It
    // was written before the close was sent, so nothing of this connection follows it.)
    let lines = server.wait_for_log("live connection").await;
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].contains("ERROR"), "{}", lines[0]);
    assert!(
        lines[0].contains("checking the session and access"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("board_access"),
        "the cause is named: {}",
        lines[0]
    );
    db.close().await;
}

fn edit_text(card: CardId, text: &str) -> Operation {
    Operation::EditCard {
        card_id: card,
        text: Some(text.into()),
        responsible: Patch::Keep,
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    }
}

#[tokio::test]
async fn two_people_editing_one_card_at_once_keep_both_texts_and_the_one_replaced_is_told() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let siri = app
        .staff("Siri Hansen", "siri@bolig.test", StaffRole::Caseworker)
        .await;
    app.add_to_team(&app, board.id, &siri).await;
    let board = app.board(board.id).await;
    let created = app
        .add_card(&board, "bosituasjon", "na", "Søke bostøtte")
        .await;
    let card = created.op.card_id().unwrap();
    let seen = created.version;

    let mut ola = app.live(board.id).await.unwrap();
    ola.hello(Some(seen)).await;
    let mut siris = siri.live(board.id).await.unwrap();
    siris.hello(Some(seen)).await;
    // Both saw the card as created; Ola's edit reaches the server first.
    let ola_op = ola
        .send_op(seen, edit_text(card, "Søke bostøtte innen fredag"))
        .await;
    let ola_event = ola.next_event().await;
    assert_eq!(ola_event.client_op_id, ola_op);
    assert!(ola_event.overwrote.is_empty());
    // Siri's, based on the same version, arrives after it and replaces Ola's words.
    siris
        .send_op(seen, edit_text(card, "Søke bostøtte med Siri"))
        .await;
    assert_eq!(siris.next_event().await.version, ola_event.version);
    let siri_event = siris.next_event().await;
    let told = &siri_event.overwrote;
    assert_eq!(told.len(), 1, "{siri_event:?}");
    assert_eq!(told[0].client_op_id, ola_op, "Ola's change is named");
    assert_eq!(told[0].actor, app.name);
    assert_eq!(
        told[0].restore,
        edit_text(card, "Søke bostøtte innen fredag")
    );
    // Ola's connection gets the same event: his browser knows the change as his own.
    assert_eq!(ola.next_event().await, siri_event);
    // The board has Siri's text; the log keeps both, and says what was replaced.
    let now = app.board(board.id).await;
    assert_eq!(now.cards[&card].text.as_str(), "Søke bostøtte med Siri");
    let logged = app.store.events_since(board.id, seen).await.unwrap();
    assert_eq!(logged.len(), 2);
    assert_eq!(logged[1].overwrote, siri_event.overwrote);
    // Ola puts his back with the edit he was given; having seen Siri's, that replaces
    // nothing unseen.
    let restored = app
        .apply(board.id, siri_event.version, told[0].restore.clone())
        .await;
    assert!(restored.overwrote.is_empty());
    assert_eq!(
        app.board(board.id).await.cards[&card].text.as_str(),
        "Søke bostøtte innen fredag"
    );
}

#[tokio::test]
async fn edits_of_different_fields_at_once_merge_and_tell_nobody() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let created = app.add_card(&board, "okonomi", "na", "Søke støtte").await;
    let card = created.op.card_id().unwrap();
    let seen = created.version;
    app.apply(board.id, seen, edit_text(card, "Søke økonomisk støtte"))
        .await;
    let other = Operation::EditCard {
        card_id: card,
        text: None,
        responsible: Patch::Keep,
        due: Patch::Set(model::IsoDate::parse("2027-02-01").unwrap()),
        status: None,
        note: Patch::Set("Ring før fristen".into()),
    };
    let event = app.apply(board.id, seen, other).await;
    assert!(event.overwrote.is_empty());
    let now = app.board(board.id).await;
    assert_eq!(now.cards[&card].text.as_str(), "Søke økonomisk støtte");
    assert_eq!(now.cards[&card].due, model::IsoDate::parse("2027-02-01"));
}
