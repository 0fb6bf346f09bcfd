//! Bad input: every case answers 4xx with a stable code and a message, and the database
//! is exactly as it was.

use model::{CardId, OpRequest, Operation, Patch, Placement};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{TestApp, expect_error, spawn_app};

/// A board with one card, and the fingerprint of the database.
async fn board_with_card(app: &TestApp) -> (model::Board, CardId, String) {
    let board = app.create_board().await;
    let ev = app.add_card(&board, "jobb", "na", "Første kort").await;
    let board = app.board(board.id).await;
    (board, ev.op.card_id().unwrap(), app.fingerprint().await)
}

fn create_op(text: &str) -> Operation {
    Operation::CreateCard {
        card_id: CardId(Uuid::new_v4()),
        placement: Placement::cell("okonomi", "na").unwrap(),
        order: "a5".into(),
        text: text.into(),
    }
}

#[tokio::test]
async fn malformed_json_is_refused() {
    let app = spawn_app().await;
    let (board, _, before) = board_with_card(&app).await;
    let res = app
        .post_raw(
            &format!("/api/boards/{}/ops", board.id),
            "application/json",
            "{\"client_op_id\": ",
        )
        .await;
    expect_error(res, StatusCode::BAD_REQUEST, "malformed_json").await;
    let res = app
        .post_raw("/api/boards", "application/json", "not json")
        .await;
    expect_error(res, StatusCode::BAD_REQUEST, "malformed_json").await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_body_that_is_not_declared_as_json_is_refused() {
    let app = spawn_app().await;
    let (board, _, before) = board_with_card(&app).await;
    let res = app
        .post_raw(&format!("/api/boards/{}/ops", board.id), "text/plain", "{}")
        .await;
    expect_error(
        res,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn unknown_fields_are_refused_at_every_level() {
    let app = spawn_app().await;
    let (board, card, before) = board_with_card(&app).await;
    let path = format!("/api/boards/{}/ops", board.id);
    let top = json!({
        "client_op_id": Uuid::new_v4(), "base_version": 1,
        "op": {"delete_card": {"card_id": card}}, "admin": true
    });
    let body = expect_error(
        app.post_json(&path, &top).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    )
    .await;
    assert!(
        body.detail.unwrap_or_default().contains("admin"),
        "the detail names the field"
    );
    let inner = json!({
        "client_op_id": Uuid::new_v4(), "base_version": 1,
        "op": {"delete_card": {"card_id": card, "force": true}}
    });
    expect_error(
        app.post_json(&path, &inner).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    )
    .await;
    let unknown_type = json!({
        "client_op_id": Uuid::new_v4(), "base_version": 1,
        "op": {"drop_table": {"card_id": card}}
    });
    expect_error(
        app.post_json(&path, &unknown_type).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    )
    .await;
    let board_extra = json!({"citizen_name": "Ola", "owner": "me"});
    expect_error(
        app.post_json("/api/boards", &board_extra).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_request",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn an_empty_card_text_is_refused_in_plain_norwegian() {
    let app = spawn_app().await;
    let (board, card, before) = board_with_card(&app).await;
    let res = app.send(board.id, 1, create_op("   \n ")).await;
    let body = expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "card_text_empty").await;
    assert_eq!(
        body.message,
        "Kortet må ha tekst. Skriv noen ord før du lagrer."
    );
    let edit = Operation::EditCard {
        card_id: card,
        text: Some(String::new()),
        responsible: Patch::Keep,
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    };
    expect_error(
        app.send(board.id, 1, edit).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "card_text_empty",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn errors_come_in_english_when_the_client_asks_for_english() {
    let app = spawn_app().await;
    let (board, _, _) = board_with_card(&app).await;
    let req = OpRequest {
        client_op_id: model::ClientOpId(Uuid::new_v4()),
        base_version: 1,
        op: create_op(""),
    };
    let res = app
        .http
        .post(format!("{}/api/boards/{}/ops", app.base, board.id))
        .header("accept-language", "en-GB,en;q=0.9")
        .json(&req)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-language"], "en");
    let body = expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "card_text_empty").await;
    assert_eq!(
        body.message,
        "The card needs some text. Write a few words before saving."
    );
}

#[tokio::test]
async fn a_card_text_over_500_characters_is_refused() {
    let app = spawn_app().await;
    let (board, _, before) = board_with_card(&app).await;
    let res = app.send(board.id, 1, create_op(&"ø".repeat(501))).await;
    let body = expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "card_text_too_long").await;
    assert!(
        body.message.contains("501") && body.message.contains("500"),
        "{}",
        body.message
    );
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_ten_megabyte_card_text_is_refused_before_it_is_read() {
    let app = spawn_app().await;
    let (board, _, before) = board_with_card(&app).await;
    let res = app
        .send(board.id, 1, create_op(&"x".repeat(10 * 1024 * 1024)))
        .await;
    expect_error(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn unknown_boards_answer_404_whether_or_not_the_id_is_well_formed() {
    let app = spawn_app().await;
    let (_, _, before) = board_with_card(&app).await;
    for id in [Uuid::new_v4().to_string(), "not-a-uuid".into(), "1".into()] {
        expect_error(
            app.get(&format!("/api/boards/{id}")).await,
            StatusCode::NOT_FOUND,
            "unknown_board",
        )
        .await;
        let req = OpRequest {
            client_op_id: model::ClientOpId(Uuid::new_v4()),
            base_version: 0,
            op: create_op("x"),
        };
        let res = app.post_json(&format!("/api/boards/{id}/ops"), &req).await;
        expect_error(res, StatusCode::NOT_FOUND, "unknown_board").await;
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn an_unknown_card_answers_404() {
    let app = spawn_app().await;
    let (board, _, before) = board_with_card(&app).await;
    let op = Operation::DeleteCard {
        card_id: CardId(Uuid::new_v4()),
    };
    expect_error(
        app.send(board.id, 1, op).await,
        StatusCode::NOT_FOUND,
        "unknown_card",
    )
    .await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_move_into_a_cell_that_does_not_exist_is_refused() {
    let app = spawn_app().await;
    let (board, card, before) = board_with_card(&app).await;
    for placement in [
        json!({"cell": {"theme": "hobby", "column": "na"}}),
        json!({"cell": {"theme": "jobb", "column": "i-morgen"}}),
        json!({"zone": {"zone": "kjeller"}}),
    ] {
        let req = json!({
            "client_op_id": Uuid::new_v4(), "base_version": 1,
            "op": {"move_card": {"card_id": card, "placement": placement, "order": "a0"}}
        });
        let res = app
            .post_json(&format!("/api/boards/{}/ops", board.id), &req)
            .await;
        expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "unknown_cell").await;
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_stale_base_version_whose_card_was_deleted_since_is_refused() {
    let app = spawn_app().await;
    let (board, card, _) = board_with_card(&app).await;
    app.apply(board.id, 1, Operation::DeleteCard { card_id: card })
        .await;
    let before = app.fingerprint().await;
    // Someone who still sees version 1 edits the card.
    let edit = Operation::EditCard {
        card_id: card,
        text: Some("Endret".into()),
        responsible: Patch::Keep,
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    };
    let body = expect_error(
        app.send(board.id, 1, edit).await,
        StatusCode::CONFLICT,
        "card_deleted",
    )
    .await;
    assert_eq!(
        body.message,
        "Kortet er slettet, så endringen kunne ikke lagres."
    );
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn a_base_version_the_board_has_not_reached_is_refused() {
    let app = spawn_app().await;
    let (board, _, before) = board_with_card(&app).await;
    let res = app.send(board.id, 7, create_op("x")).await;
    expect_error(res, StatusCode::CONFLICT, "base_version_ahead").await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn invalid_dates_and_boards_without_a_name_are_refused() {
    let app = spawn_app().await;
    let (board, card, before) = board_with_card(&app).await;
    let req = json!({
        "client_op_id": Uuid::new_v4(), "base_version": 1,
        "op": {"edit_card": {"card_id": card, "due": "2027-02-30"}}
    });
    let res = app
        .post_json(&format!("/api/boards/{}/ops", board.id), &req)
        .await;
    expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_request").await;
    let res = app
        .post_json("/api/boards", &json!({"citizen_name": "  "}))
        .await;
    expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "field_empty").await;
    let res = app
        .post_json(
            "/api/boards",
            &json!({"citizen_name": "Ola", "short_term_by": "2030-01-01", "long_term_by": "2029-01-01"}),
        )
        .await;
    expect_error(res, StatusCode::UNPROCESSABLE_ENTITY, "horizon_order").await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn unknown_api_routes_answer_json_404_not_the_app() {
    let app = spawn_app().await;
    expect_error(
        app.get("/api/nothing/here").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_error(app.get("/api").await, StatusCode::NOT_FOUND, "not_found").await;
}
