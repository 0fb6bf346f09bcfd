//! `/api/health`: answers 200 when the server and its database work.

use axum::{Json, extract::State};
use serde_json::{Value, json};

use crate::{AppState, error::ApiError};

/// `GET /api/health`: open to everyone, says nothing about boards.
pub async fn health(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    state.store.ping().await?;
    Ok(Json(json!({ "status": "ok", "database": "ok" })))
}
