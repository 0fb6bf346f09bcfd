//! Who may do what on a board, as the server asks it.
//!
//! Every board route takes an [`OnBoard`], which resolves the signed-in account's role on
//! the board in the path, or answers 404: a board that does not exist and one the viewer
//! may not see look the same, so ids cannot be probed. Handlers then ask
//! [`OnBoard::require`] for a [`model::Action`]. The rules themselves are one table in the
//! model ([`model::PERMISSIONS`]), which the writer, the live socket and the app ask too.

use axum::{
    extract::{FromRequestParts, Path},
    http::request::Parts,
};
use model::{Action, ApiErrorCode, AuditAction, BoardId, BoardRole};
use serde::Deserialize;

use crate::{AppState, auth::Viewer, error::ApiError, store::AuditEntry};

/// Whether `role` may do `action`, whatever the board's settings (the guard's question:
/// what is not a change to the board depends on the role alone).
pub fn allows(role: BoardRole, action: Action) -> bool {
    debug_assert!(
        !action.changes_board(),
        "a change is checked by Board::permits"
    );
    role.may(action, false)
}

#[derive(Deserialize)]
struct BoardPath {
    id: String,
}

/// A signed-in account with a role on the board named by the path's `{id}`.
#[derive(Debug, Clone)]
pub struct OnBoard {
    /// Who.
    pub viewer: Viewer,
    /// Which board.
    pub board: BoardId,
    /// Their role on it.
    pub role: BoardRole,
}

impl OnBoard {
    /// Refuses (403) what this role may not do. The viewer knows the board exists, so a
    /// plain "not allowed" gives nothing away.
    pub fn require(&self, action: Action) -> Result<(), ApiError> {
        if allows(self.role, action) {
            Ok(())
        } else {
            Err(ApiErrorCode::Forbidden.into())
        }
    }

    /// An audit line for something done on this board.
    pub fn audit(&self, action: AuditAction) -> AuditEntry {
        self.viewer
            .audit(action, Some(self.board), self.role.as_str())
    }
}

impl FromRequestParts<AppState> for OnBoard {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let Path(BoardPath { id }) = Path::<BoardPath>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::from(ApiErrorCode::UnknownBoard))?;
        let board = BoardId::parse(&id).ok_or(ApiErrorCode::UnknownBoard)?;
        let role = state
            .store
            .board_role(board, viewer.account)
            .await?
            .ok_or(ApiErrorCode::UnknownBoard)?;
        Ok(OnBoard {
            viewer,
            board,
            role,
        })
    }
}
