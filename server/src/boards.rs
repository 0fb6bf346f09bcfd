//! Boards over HTTP: list, create, read, and change by operations.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use model::{ApiErrorCode, Board, BoardId, BoardSummary, CreateBoard, Event, OpRequest};

use crate::{AppState, error::ApiError, error::ApiJson, writer};

/// Who is recorded as making changes until accounts exist (the accounts issue replaces
/// this with the signed-in user).
pub const ANONYMOUS_ACTOR: &str = "Anonym";

/// The routes of this module.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/boards", get(list).post(create))
        .route("/api/boards/{id}", get(show))
        .route("/api/boards/{id}/ops", post(submit))
}

/// Unknown and malformed ids answer the same 404, so ids cannot be probed.
fn board_id(raw: &str) -> Result<BoardId, ApiError> {
    BoardId::parse(raw).ok_or_else(|| ApiErrorCode::UnknownBoard.into())
}

async fn list(State(state): State<AppState>) -> Result<Json<Vec<BoardSummary>>, ApiError> {
    Ok(Json(state.store.list_boards().await?))
}

async fn create(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<CreateBoard>,
) -> Result<(StatusCode, Json<Board>), ApiError> {
    let board = req.into_board(BoardId(uuid::Uuid::new_v4()), writer::now())?;
    state.store.insert_board(&board, ANONYMOUS_ACTOR).await?;
    tracing::info!(board = %board.id, "board created");
    Ok((StatusCode::CREATED, Json(board)))
}

async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Board>, ApiError> {
    let board = state
        .store
        .load_board(board_id(&id)?)
        .await?
        .ok_or(ApiErrorCode::UnknownBoard)?;
    Ok(Json(board))
}

async fn submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<OpRequest>,
) -> Result<Json<Event>, ApiError> {
    let id = board_id(&id)?;
    let event = state
        .writer
        .submit(&state.store, id, &req, ANONYMOUS_ACTOR)
        .await?;
    Ok(Json(event))
}
