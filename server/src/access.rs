//! Who has access to a board, ending access, "Hvem har sett planen min", and the staff
//! directory used to add someone to a team.

use axum::{Json, extract::State, http::StatusCode};
use model::{
    AccountId, Action, ApiErrorCode, AuditAction, BoardAccessList, BoardRole, GuestRole, PlanView,
    StaffEntry,
};
use serde::Deserialize;

use crate::{
    AppState,
    auth::Staff,
    authz::OnBoard,
    clock::now,
    error::{ApiError, ApiPath, ApiQuery},
    invitations::MAX_ATTEMPTS,
};

/// `GET /api/boards/{id}/access`: everyone with access, and open invitations (only those
/// the viewer could withdraw).
pub async fn list(
    State(state): State<AppState>,
    on: OnBoard,
) -> Result<Json<BoardAccessList>, ApiError> {
    on.require(Action::ReadAccess)?;
    let people = state.store.access_list(on.board).await?;
    let invitations = state
        .store
        .pending_invitations(on.board, now(), MAX_ATTEMPTS)
        .await?
        .into_iter()
        .map(|(inv, _)| inv)
        .filter(|inv| crate::authz::allows(on.role, Action::invite(inv.role)))
        .collect();
    state
        .store
        .audit(&on.audit(AuditAction::ReadAccess))
        .await?;
    Ok(Json(BoardAccessList {
        my_role: on.role,
        people,
        invitations,
    }))
}

/// `DELETE /api/boards/{id}/access/{account}`: ends a citizen's or støtteperson's access
/// at once, live connections included. Team members leave through the team instead.
pub async fn revoke(
    State(state): State<AppState>,
    on: OnBoard,
    ApiPath((_, account)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    on.require(Action::ManageGuests)?;
    let account = AccountId::parse(&account).ok_or(ApiErrorCode::UnknownAccount)?;
    let role = state
        .store
        .board_role(on.board, account)
        .await?
        .ok_or(ApiErrorCode::UnknownAccount)?;
    let guest = match role {
        BoardRole::Citizen => GuestRole::Citizen,
        BoardRole::Support => GuestRole::Support,
        BoardRole::Owner | BoardRole::Member => return Err(ApiErrorCode::Forbidden.into()),
    };
    on.require(Action::revoke(guest))?;
    if !state.store.revoke_guest(on.board, account, now()).await? {
        return Err(ApiErrorCode::UnknownAccount.into());
    }
    state
        .store
        .audit(&on.audit(AuditAction::RevokeAccess))
        .await?;
    state.hub.access_changed(on.board);
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/boards/{id}/views`: staff who opened the plan, newest first.
pub async fn views(
    State(state): State<AppState>,
    on: OnBoard,
) -> Result<Json<Vec<PlanView>>, ApiError> {
    on.require(Action::ReadViews)?;
    let views = state.store.plan_views(on.board).await?;
    state.store.audit(&on.audit(AuditAction::ReadViews)).await?;
    Ok(Json(views))
}

/// The query of the staff directory.
#[derive(Debug, Deserialize)]
pub struct StaffQuery {
    /// Part of a name, e-mail or office.
    #[serde(default)]
    q: String,
}

/// `GET /api/staff?q=…`: active staff matching a search, for adding to a team.
pub async fn staff(
    State(state): State<AppState>,
    Staff(_): Staff,
    ApiQuery(query): ApiQuery<StaffQuery>,
) -> Result<Json<Vec<StaffEntry>>, ApiError> {
    let q = query.q.trim();
    if q.chars().count() > 100 {
        return Err(ApiErrorCode::InvalidRequest.into());
    }
    let rows = state.store.search_staff(q).await?;
    let out = rows
        .into_iter()
        .map(|a| {
            Ok(StaffEntry {
                id: a.account_id()?,
                name: a.name,
                office: a.office,
                email: a.email.unwrap_or_default(),
                phone: a.phone,
            })
        })
        .collect::<Result<Vec<_>, crate::store::StoreError>>()?;
    Ok(Json(out))
}
