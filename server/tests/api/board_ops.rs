//! The board's own operations over HTTP: stage, rows, team, restoring a card. Each is
//! stored (read back from the database) and each refusal changes nothing.

use model::{
    CardStatus, IsoDate, MemberFields, MemberId, Operation, Patch, Placement, Responsible, SlotId,
    Stage,
};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{expect_error, spawn_app};

fn member(name: &str) -> (MemberId, Operation) {
    let id = MemberId(Uuid::new_v4());
    let op = Operation::AddMember {
        member_id: id,
        member: MemberFields {
            name: name.into(),
            service: Some("NAV".into()),
            role: Some("Investeringsleder".into()),
            phone: Some("912 34 567".into()),
            email: Some("ola@nav.no".into()),
            account: None,
        },
    };
    (id, op)
}

fn header_stage(stage: Stage) -> Operation {
    Operation::SetHeader {
        title: None,
        citizen_name: None,
        short_term_by: Patch::Keep,
        long_term_by: Patch::Keep,
        stage: Patch::Set(stage),
        citizen_may_add: None,
    }
}

#[tokio::test]
async fn stage_rows_and_team_are_stored_with_the_board() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    app.apply(board.id, 0, header_stage(Stage::AtRisk)).await;
    app.apply(
        board.id,
        1,
        Operation::AddTheme {
            theme_id: SlotId::parse("egen-familie").unwrap(),
            label: "Familie".into(),
        },
    )
    .await;
    app.apply(
        board.id,
        2,
        Operation::EditTheme {
            theme_id: SlotId::parse("rus").unwrap(),
            label: Patch::Keep,
            hidden: Some(true),
        },
    )
    .await;
    app.apply(
        board.id,
        3,
        Operation::EditTheme {
            theme_id: SlotId::parse("okonomi").unwrap(),
            label: Patch::Set("Penger".into()),
            hidden: None,
        },
    )
    .await;
    let (ola, add) = member("Ola Nordmann");
    app.apply(board.id, 4, add).await;

    let stored = app.board(board.id).await;
    assert_eq!(stored.stage, Some(Stage::AtRisk));
    let themes = &stored.template.themes;
    assert_eq!(themes.last().unwrap().label.as_deref(), Some("Familie"));
    assert!(
        themes
            .iter()
            .find(|t| t.id.as_str() == "rus")
            .unwrap()
            .hidden
    );
    assert_eq!(
        themes
            .iter()
            .find(|t| t.id.as_str() == "okonomi")
            .unwrap()
            .label
            .as_deref(),
        Some("Penger")
    );
    assert_eq!(
        stored.members.len(),
        2,
        "the creator, as lead, and the one added"
    );
    assert!(stored.members[0].lead);
    assert_eq!(stored.members[0].account, app.account);
    assert_eq!(stored.members[1].id, ola);
    assert_eq!(
        stored.members[1].phone.as_ref().unwrap().as_str(),
        "+4791234567"
    );
    assert_eq!(stored.version, 5);

    app.apply(board.id, 5, Operation::RemoveMember { member_id: ola })
        .await;
    let stored = app.board(board.id).await;
    assert!(stored.members[1].removed);
}

#[tokio::test]
async fn the_board_list_shows_stage_and_next_frist() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let a = app.add_card(&board, "jobb", "na", "Søke jobb").await;
    let board = app.board(board.id).await;
    let b = app.add_card(&board, "okonomi", "na", "Søke bostøtte").await;
    let frist = |event: &model::Event, d: &str, status: Option<CardStatus>| Operation::EditCard {
        card_id: event.op.card_id().unwrap(),
        text: None,
        responsible: Patch::Keep,
        due: Patch::Set(IsoDate::parse(d).unwrap()),
        status,
        note: Patch::Keep,
    };
    app.apply(board.id, 2, frist(&a, "2027-01-10", Some(CardStatus::Done)))
        .await;
    app.apply(board.id, 3, frist(&b, "2027-02-20", None)).await;
    app.apply(board.id, 4, header_stage(Stage::Stable)).await;

    let list: serde_json::Value = app.get("/api/boards").await.json().await.unwrap();
    let line = list
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == board.id.to_string())
        .unwrap();
    // The done card's frist does not count.
    assert_eq!(line["next_due"], "2027-02-20");
    assert_eq!(line["stage"], "stable");
    assert_eq!(line["card_count"], 2);
}

#[tokio::test]
async fn moves_to_a_hidden_row_or_of_a_deleted_card_are_refused() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let moving = app.add_card(&board, "jobb", "na", "Flyttes").await;
    let board = app.board(board.id).await;
    let gone = app.add_card(&board, "jobb", "na", "Slettes").await;
    app.apply(
        board.id,
        2,
        Operation::EditTheme {
            theme_id: SlotId::parse("rus").unwrap(),
            label: Patch::Keep,
            hidden: Some(true),
        },
    )
    .await;
    app.apply(
        board.id,
        3,
        Operation::DeleteCard {
            card_id: gone.op.card_id().unwrap(),
        },
    )
    .await;
    let before = app.fingerprint().await;

    let to_hidden = Operation::MoveCard {
        card_id: moving.op.card_id().unwrap(),
        placement: Placement::cell("rus", "na").unwrap(),
        order: "a0".into(),
    };
    let body = expect_error(
        app.send(board.id, 4, to_hidden).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "hidden_row",
    )
    .await;
    assert!(body.message.contains("skjult"), "{}", body.message);

    let deleted = Operation::MoveCard {
        card_id: gone.op.card_id().unwrap(),
        placement: Placement::cell("okonomi", "na").unwrap(),
        order: "a0".into(),
    };
    expect_error(
        app.send(board.id, 4, deleted).await,
        StatusCode::CONFLICT,
        "card_deleted",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_deleted_card_is_restored_by_undo() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let ev = app.add_card(&board, "okonomi", "na", "Søke bostøtte").await;
    let card_id = ev.op.card_id().unwrap();
    app.apply(board.id, 1, Operation::DeleteCard { card_id })
        .await;
    app.apply(board.id, 2, Operation::RestoreCard { card_id })
        .await;
    let stored = app.board(board.id).await;
    assert!(!stored.cards[&card_id].deleted);
    let before = app.fingerprint().await;
    expect_error(
        app.send(board.id, 3, Operation::RestoreCard { card_id })
            .await,
        StatusCode::CONFLICT,
        "card_not_deleted",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn bad_team_members_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let before = app.fingerprint().await;
    for (fields, code) in [
        (json!({"name": "Ola", "phone": "ring meg"}), "invalid_phone"),
        (
            json!({"name": "Ola", "email": "ola.nav.no"}),
            "invalid_email",
        ),
        (json!({"name": "  "}), "field_empty"),
        (
            json!({"name": "Ola", "role": "x".repeat(61)}),
            "field_too_long",
        ),
    ] {
        let req = json!({
            "client_op_id": Uuid::new_v4(), "base_version": 0,
            "op": {"add_member": {"member_id": Uuid::new_v4(), "member": fields}}
        });
        let res = app
            .post_json(&format!("/api/boards/{}/ops", board.id), &req)
            .await;
        expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, code).await;
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_task_for_someone_not_on_the_team_is_refused() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let ev = app
        .add_card(&board, "jobb", "na", "Ringe arbeidsgiver")
        .await;
    let before = app.fingerprint().await;
    let op = Operation::EditCard {
        card_id: ev.op.card_id().unwrap(),
        text: None,
        responsible: Patch::Set(Responsible::Member {
            member_id: MemberId(Uuid::new_v4()),
        }),
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    };
    expect_error(
        app.send(board.id, 1, op).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_member",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn hiding_every_row_is_refused_at_the_last_one() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let ids: Vec<SlotId> = board.template.themes.iter().map(|t| t.id.clone()).collect();
    let (last, rest) = ids.split_last().unwrap();
    for (n, id) in rest.iter().enumerate() {
        let op = Operation::EditTheme {
            theme_id: id.clone(),
            label: Patch::Keep,
            hidden: Some(true),
        };
        app.apply(board.id, n as u64, op).await;
    }
    let before = app.fingerprint().await;
    let op = Operation::EditTheme {
        theme_id: last.clone(),
        label: Patch::Keep,
        hidden: Some(true),
    };
    expect_error(
        app.send(board.id, rest.len() as u64, op).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "last_visible_row",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn text_that_looks_like_html_is_stored_as_it_was_typed() {
    let app = spawn_app().await;
    let board = app.create_board().await;
    let xss = "<img src=x onerror=alert(1)>";
    let ev = app.add_card(&board, "jobb", "na", xss).await;
    let stored = app.board(board.id).await;
    assert_eq!(stored.cards[&ev.op.card_id().unwrap()].text.as_str(), xss);
}
