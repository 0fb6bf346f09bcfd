//! Boards and operations: the happy paths, idempotency and concurrency.

use model::{
    BoardSummary, CardStatus, IsoDate, OpRequest, Operation, Patch, Placement, Responsible,
};
use reqwest::StatusCode;

use crate::helpers::{expect_error, spawn_app, spawn_app_with};

#[tokio::test]
async fn health_answers_ok_when_the_database_works() {
    let app = spawn_app().await;
    let res = app.get("/api/health").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
}

#[tokio::test]
async fn a_new_board_is_listed_and_has_the_whole_paper_template() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    assert_eq!(board.title.as_str(), "Planen til Kari Nordmann");
    assert_eq!(board.version, 0);
    assert_eq!(
        (
            board.template.columns.len(),
            board.template.themes.len(),
            board.template.zones.len()
        ),
        (4, 9, 4)
    );
    let list: Vec<BoardSummary> = app.get("/api/boards").await.json().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, board.id);
    assert_eq!(list[0].citizen_name, "Kari Nordmann");
    assert_eq!(app.board(board.id).await, board);
}

#[tokio::test]
async fn a_created_card_is_stored_with_the_next_version_and_survives_a_restart() {
    let mut app = spawn_app().await;
    let board = app.create_board().await;
    let ev = app
        .add_card(&board, "okonomi", "na", "  Søke bostøtte ")
        .await;
    assert_eq!(ev.version, 1);
    assert_eq!(ev.actor, app.name, "the signed-in caseworker");

    app.restart(|_| {}).await;
    let stored = app.board(board.id).await;
    assert_eq!(stored.version, 1);
    let cards = stored.cards_at(&Placement::cell("okonomi", "na").unwrap());
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].text.as_str(), "Søke bostøtte");
    assert_eq!(app.event_count(board.id).await, 1);
}

#[tokio::test]
async fn every_field_of_a_card_can_be_edited_and_read_back() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let ev = app.add_card(&board, "jobb", "na", "Arbeidstrening").await;
    let card_id = ev.op.card_id().unwrap();
    let edit = Operation::EditCard {
        card_id,
        text: Some("Arbeidstrening i barnehage".into()),
        responsible: Patch::Set(Responsible::Outside {
            name: "Ola (NAV)".into(),
        }),
        due: Patch::Set(IsoDate::parse("2027-02-01").unwrap()),
        status: Some(CardStatus::Postponed {
            until: IsoDate::parse("2027-03-01").unwrap(),
        }),
        note: Patch::Set("Spør om oppstart i mars".into()),
    };
    app.apply(board.id, 1, edit).await;
    let card = app.board(board.id).await.cards[&card_id].clone();
    assert_eq!(card.text.as_str(), "Arbeidstrening i barnehage");
    assert_eq!(
        card.responsible,
        Some(Responsible::Outside {
            name: "Ola (NAV)".into()
        })
    );
    assert_eq!(card.due.unwrap().to_string(), "2027-02-01");
    assert_eq!(
        card.status,
        CardStatus::Postponed {
            until: IsoDate::parse("2027-03-01").unwrap()
        }
    );
    assert_eq!(card.note.unwrap().as_str(), "Spør om oppstart i mars");
}

#[tokio::test]
async fn moving_and_deleting_a_card_are_stored() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let card_id = app
        .add_card(&board, "jobb", "na", "a")
        .await
        .op
        .card_id()
        .unwrap();
    let to = Placement::zone("drommer").unwrap();
    app.apply(
        board.id,
        1,
        Operation::MoveCard {
            card_id,
            placement: to.clone(),
            order: "a0".into(),
        },
    )
    .await;
    let moved = app.board(board.id).await;
    assert_eq!(moved.cards[&card_id].placement, to);
    app.apply(board.id, 2, Operation::DeleteCard { card_id })
        .await;
    let deleted = app.board(board.id).await;
    assert!(
        deleted.cards[&card_id].deleted,
        "deleted cards stay for history"
    );
    assert!(deleted.cards_at(&to).is_empty());
    let list: Vec<BoardSummary> = app.get("/api/boards").await.json().await.unwrap();
    assert_eq!(list[0].card_count, 0);
}

#[tokio::test]
async fn the_same_client_op_id_sent_twice_is_applied_once() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let placement = Placement::cell("rus", "na").unwrap();
    let req = OpRequest {
        client_op_id: model::ClientOpId(uuid::Uuid::new_v4()),
        base_version: 0,
        op: Operation::CreateCard {
            card_id: model::CardId(uuid::Uuid::new_v4()),
            placement,
            order: "a0".into(),
            text: "Samtale med ruskonsulent".into(),
        },
    };
    let path = format!("/api/boards/{}/ops", board.id);
    let first: model::Event = app.post_json(&path, &req).await.json().await.unwrap();
    let again = app.post_json(&path, &req).await;
    assert_eq!(again.status(), StatusCode::OK);
    let second: model::Event = again.json().await.unwrap();
    assert_eq!(first, second, "a resend answers with the original event");
    assert_eq!(app.board(board.id).await.version, 1);
    assert_eq!(app.event_count(board.id).await, 1);
}

#[tokio::test]
async fn a_client_op_id_reused_for_another_change_is_refused() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let ev = app.add_card(&board, "jobb", "na", "a").await;
    let reuse = OpRequest {
        client_op_id: ev.client_op_id,
        base_version: 1,
        op: Operation::DeleteCard {
            card_id: ev.op.card_id().unwrap(),
        },
    };
    let before = app.fingerprint().await;
    let res = app
        .post_json(&format!("/api/boards/{}/ops", board.id), &reuse)
        .await;
    expect_error(res, StatusCode::CONFLICT, "client_op_id_reused").await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn an_operation_based_on_an_older_version_still_applies_when_it_can() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    // Two people add cards having both seen version 0.
    app.add_card(&board, "jobb", "na", "first").await;
    let second = app.add_card(&board, "jobb", "na", "second").await;
    assert_eq!(second.version, 2);
    assert_eq!(
        app.board(board.id)
            .await
            .cards_at(&Placement::cell("jobb", "na").unwrap())
            .len(),
        2
    );
}

#[tokio::test]
async fn concurrent_operations_on_one_board_get_consecutive_versions() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let sends = (0..20).map(|i| {
        let (app, board) = (&app, &board);
        async move {
            app.add_card(board, "okonomi", "dagens-situasjon", &format!("kort {i}"))
                .await
        }
    });
    let events = futures_join_all(sends).await;
    let mut versions: Vec<u64> = events.iter().map(|e| e.version).collect();
    versions.sort_unstable();
    assert_eq!(versions, (1..=20).collect::<Vec<_>>());
    let stored = app.board(board.id).await;
    assert_eq!(stored.version, 20);
    assert_eq!(stored.cards.len(), 20);
    assert_eq!(app.event_count(board.id).await, 20);
}

/// Runs futures concurrently on this task (no extra dependency for one test).
async fn futures_join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut out: Vec<Option<F::Output>> = (0..set.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in set.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter()
        .map(|o| o.expect("every future finished"))
        .collect()
}

#[tokio::test]
async fn the_demo_board_is_seeded_once_with_cards_in_several_themes() {
    let mut app = spawn_app_with(|c| c.seed_demo = true).await;
    let mut ola = app.anonymous();
    ola.sign_in("ola@duk.test", server::seed::DEMO_PASSWORD)
        .await;
    let list: Vec<BoardSummary> = ola.get("/api/boards").await.json().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title, "Planen til Kari Nordmann");
    let demo = ola.board(list[0].id).await;
    let themes: std::collections::BTreeSet<_> = demo
        .cards
        .values()
        .filter_map(|c| match &c.placement {
            Placement::Cell { theme, .. } => Some(theme.clone()),
            Placement::Zone { .. } => None,
        })
        .collect();
    assert!(themes.len() >= 4, "cards in several themes: {themes:?}");
    assert!(
        demo.cards
            .values()
            .any(|c| matches!(c.placement, Placement::Zone { .. }))
    );
    assert_eq!(app.event_count(demo.id).await, demo.version as i64);

    app.restart(|c| c.seed_demo = true).await;
    ola.base = app.base().to_owned();
    let again: Vec<BoardSummary> = ola.get("/api/boards").await.json().await.unwrap();
    assert_eq!(again.len(), 1, "seeded once");
    assert_eq!(ola.board(demo.id).await, demo);
    let accounts: Vec<(String,)> =
        sqlx::query_as("SELECT email FROM accounts WHERE kind = 'staff'")
            .fetch_all(app.store.pool())
            .await
            .unwrap();
    assert_eq!(
        accounts.len(),
        server::seed::DEMO_STAFF.len() + 1,
        "demo staff seeded once"
    );
}

#[tokio::test]
async fn the_event_log_cannot_be_rewritten() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    app.add_card(&board, "jobb", "na", "a").await;
    let res = sqlx::query("UPDATE board_events SET actor = 'someone else'")
        .execute(app.store.pool())
        .await;
    assert!(res.is_err(), "board_events is append-only");
}

/// Holds the database's write lock from another connection, as a long backup or a stuck
/// disk would, until dropped with [`Stall::release`].
struct Stall(sqlx::AnyConnection);

impl Stall {
    async fn start(url: &str) -> Stall {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
        let lock = if url.starts_with("postgres") {
            "BEGIN; LOCK TABLE boards IN EXCLUSIVE MODE"
        } else {
            "BEGIN IMMEDIATE"
        };
        sqlx::raw_sql(lock).execute(&mut conn).await.unwrap();
        Stall(conn)
    }

    async fn release(mut self) {
        sqlx::raw_sql("COMMIT").execute(&mut self.0).await.unwrap();
    }
}

#[tokio::test]
async fn a_writer_that_is_behind_tells_http_to_come_back_and_makes_live_clients_wait() {
    use server::writer::MAX_PER_BOARD;
    let app = spawn_app().await;
    let board = app.create_board().await;
    let mut live = app.live(board.id).await.unwrap();
    live.hello(Some(board.version)).await;
    let stall = Stall::start(&app.database_url).await;

    // Far more changes to one board than it takes at once, all at the same time.
    let n = MAX_PER_BOARD + 40;
    let (tx, mut answers) = tokio::sync::mpsc::unbounded_channel();
    for i in 0..n {
        let (c, tx) = (app.client.clone(), tx.clone());
        tokio::spawn(async move {
            let res = c
                .send(
                    board.id,
                    0,
                    crate::helpers::create_card_op(&format!("Kort {i}")),
                )
                .await;
            let retry = res
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_owned());
            let status = res.status();
            let code = res
                .json::<serde_json::Value>()
                .await
                .ok()
                .map(|b| b["code"].clone());
            let _ = tx.send((status, retry, code));
        });
    }
    // The ones it has no room for are answered at once: 503, come back in a second.
    let mut refused = 0;
    let wait = std::time::Duration::from_secs(20);
    while refused < n - MAX_PER_BOARD {
        let (status, retry, code) = tokio::time::timeout(wait, answers.recv())
            .await
            .expect("the excess is refused at once, not queued")
            .unwrap();
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(retry.as_deref(), Some("1"));
        assert_eq!(code, Some(serde_json::json!("busy")));
        refused += 1;
    }
    // A live client's change meanwhile waits for room instead of being refused.
    let mine = live
        .send_op(
            0,
            crate::helpers::create_card_op("Fra den levende tilkoblingen"),
        )
        .await;
    stall.release().await;
    let mut accepted = 0;
    for _ in 0..MAX_PER_BOARD {
        let (status, _, _) = tokio::time::timeout(wait, answers.recv())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(status, StatusCode::OK, "everything taken on is committed");
        accepted += 1;
    }
    loop {
        match live.next_msg().await {
            model::ServerMsg::Event { event } if event.client_op_id == mine => break,
            model::ServerMsg::Event { .. } | model::ServerMsg::Presence { .. } => {}
            other => panic!("the live change waits and goes through, got {other:?}"),
        }
    }
    let stored = app.board(board.id).await;
    assert_eq!(stored.cards.len(), accepted + 1);
    assert_eq!(stored.version, (accepted + 1) as u64);
}
