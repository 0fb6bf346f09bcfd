//! Who may do what on a board: the one place the server decides.
//!
//! Every board route takes an [`OnBoard`], which resolves the signed-in account's role on
//! the board in the path, or answers 404: a board that does not exist and one the viewer
//! may not see look the same, so ids cannot be probed. Handlers then ask
//! [`OnBoard::require`] for a [`Capability`]; changes go through [`may_apply`], which the
//! writer calls for every operation, whether it came over HTTP or the live socket.

use axum::{
    extract::{FromRequestParts, Path},
    http::request::Parts,
};
use model::{ApiErrorCode, AuditAction, Board, BoardId, BoardRole, GuestRole, Operation};
use serde::Deserialize;

use crate::{AppState, auth::Viewer, error::ApiError, store::AuditEntry};

/// Something a role may or may not do on a board (besides changing it: see [`may_apply`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// Read the board and follow it live.
    Read,
    /// See who has access and which invitations are open.
    ReadAccess,
    /// See "Hvem har sett planen min".
    ReadViews,
    /// Invite a citizen or a støtteperson (or withdraw such an invitation).
    Invite(GuestRole),
    /// End a citizen's or støtteperson's access.
    Revoke(GuestRole),
    /// End someone's access or withdraw an invitation, of any kind this role may (checked
    /// before looking the target up, so that others learn nothing about it).
    ManageGuests,
    /// Ask the contact person to call ("Ring meg").
    RequestCallback,
    /// See a board's callback requests.
    ReadCallbacks,
    /// Make, see or turn off one's own private calendar address.
    CalendarFeed,
    /// Download the board with its whole history (innsyn for the citizen, archiving for
    /// the investeringsleder).
    Export,
}

/// The rule table.
pub fn allows(role: BoardRole, cap: Capability) -> bool {
    use BoardRole::*;
    match cap {
        Capability::Read => true,
        Capability::ReadAccess => role != Support,
        Capability::ReadViews => matches!(role, Owner | Citizen),
        Capability::Invite(GuestRole::Citizen) | Capability::Revoke(GuestRole::Citizen) => {
            role == Owner
        }
        // The citizen chooses their støtteperson; the investeringsleder may end the access
        // (say, at the citizen's request by phone) but not give it.
        Capability::Invite(GuestRole::Support) => role == Citizen,
        Capability::Revoke(GuestRole::Support) => matches!(role, Owner | Citizen),
        Capability::ManageGuests => matches!(role, Owner | Citizen),
        // The citizen's own requests; the team answers them. A støtteperson reads the plan,
        // not the citizen's calls.
        Capability::RequestCallback | Capability::CalendarFeed => role == Citizen,
        Capability::ReadCallbacks => role != Support,
        Capability::Export => matches!(role, Owner | Citizen),
    }
}

/// Whether `role` may apply `op` to `board` (the rule lives in the model, so that the app
/// offers exactly what the server accepts).
pub fn may_apply(role: BoardRole, op: &Operation, board: &Board) -> bool {
    role.may_apply(op, board)
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
    pub fn require(&self, cap: Capability) -> Result<(), ApiError> {
        if allows(self.role, cap) {
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
