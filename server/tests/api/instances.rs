//! Several server processes on one PostgreSQL database: a change made through one reaches
//! the live connections of the others (`LISTEN/NOTIFY`), and so does a change of access.
//!
//! Runs when `DUK_TEST_DATABASE_URL` names a PostgreSQL server (`cargo xtask test` sets it
//! from `DATABASE_URL`); SQLite is one instance by design, so there it says so and stops.

use model::{CloseReason, Operation, ServerMsg};

use crate::helpers::{Frame, ServerProcess, create_card_op, demo_ola, fresh_database};

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
