//! "Ring meg": the citizen asks to be called; the contact person (or the substitute while
//! they are away) sees the request on their start page, with the deadline of two working
//! days, and says how it went.

use axum::{Json, extract::State, http::StatusCode};
use model::{
    AccountId, Action, ApiErrorCode, AuditAction, BoardRole, CallbackId, CallbackRequest,
    CallbackStatus, CallbackTask, CallbackUpdate, NewCallback, callback_deadline, oslo_today,
};

use crate::{
    AppState,
    auth::{Staff, Viewer, random_uuid},
    authz::OnBoard,
    clock::now,
    error::{ApiError, ApiJson, ApiPath},
    store::{NewCallbackRow, Store, StoreError, StoredCallback},
};

/// `POST /api/boards/{id}/callbacks`: the citizen asks to be called. One open request per
/// board at a time; a second is refused with a message saying the first is on its way.
pub async fn create(
    State(state): State<AppState>,
    on: OnBoard,
    ApiJson(req): ApiJson<NewCallback>,
) -> Result<(StatusCode, Json<CallbackRequest>), ApiError> {
    on.require(Action::RequestCallback)?;
    let clean = req.validate()?;
    let at = now();
    let request = CallbackRequest {
        id: CallbackId(random_uuid()),
        board_id: on.board,
        citizen_name: on.viewer.name.clone(),
        phone: clean.phone,
        note: clean.note,
        good_times: clean.good_times,
        status: CallbackStatus::Received,
        requested_at: at,
        deadline: callback_deadline(at),
        updated_at: at,
        updated_by: None,
    };
    let row = NewCallbackRow {
        request: request.clone(),
        account: on.viewer.account,
    };
    let mut audit = on.audit(AuditAction::RequestCallback);
    audit.at = at;
    if !state.store.insert_callback(&row, &audit).await? {
        return Err(ApiErrorCode::CallbackOpen.into());
    }
    tracing::info!(board = %on.board, "callback requested");
    Ok((StatusCode::CREATED, Json(request)))
}

/// `GET /api/boards/{id}/callbacks`: a board's requests, newest first.
pub async fn list(
    State(state): State<AppState>,
    on: OnBoard,
) -> Result<Json<Vec<CallbackRequest>>, ApiError> {
    on.require(Action::ReadCallbacks)?;
    let list = state.store.board_callbacks(on.board).await?;
    state
        .store
        .audit(&on.audit(AuditAction::ReadCallbacks))
        .await?;
    Ok(Json(list))
}

/// The contact people `account` covers for today: those who name them as substitute and
/// are away. Each with their name.
async fn covering_for(
    store: &Store,
    account: AccountId,
) -> Result<Vec<(AccountId, String)>, StoreError> {
    let today = oslo_today(now());
    let mut out = Vec::new();
    for id in store.substituted_by(account).await? {
        if let Some((row, profile)) = store.contact_profile(id).await?
            && profile.away_on(today).is_some()
        {
            out.push((id, row.name));
        }
    }
    Ok(out)
}

/// `GET /api/callbacks`: open requests for the signed-in member of staff, as contact
/// person or as substitute for one who is away; overdue ones are the client's to flag.
pub async fn mine(
    State(state): State<AppState>,
    Staff(viewer): Staff,
) -> Result<Json<Vec<CallbackTask>>, ApiError> {
    let covering = covering_for(&state.store, viewer.account).await?;
    let mut contacts = vec![viewer.account];
    contacts.extend(covering.iter().map(|(id, _)| *id));
    let open = state.store.open_callbacks_for(&contacts).await?;
    let mut tasks = Vec::with_capacity(open.len());
    let mut boards_read = Vec::new();
    for StoredCallback {
        request,
        board_title,
        contact,
    } in open
    {
        let covering_for = covering
            .iter()
            .find(|(id, _)| Some(*id) == contact && contact != Some(viewer.account))
            .map(|(_, name)| name.clone());
        let on_team = matches!(
            state
                .store
                .board_role(request.board_id, viewer.account)
                .await?,
            Some(BoardRole::Owner | BoardRole::Member)
        );
        if !boards_read.contains(&request.board_id) {
            boards_read.push(request.board_id);
        }
        tasks.push(CallbackTask {
            request,
            board_title,
            covering_for,
            on_team,
        });
    }
    // Each plan whose requests were shown is a read of that plan.
    for board in boards_read {
        state
            .store
            .audit(&viewer.audit(AuditAction::ReadCallbacks, Some(board), "staff"))
            .await?;
    }
    Ok(Json(tasks))
}

/// Whether `viewer` may answer a request: the contact person, someone covering for them,
/// or the board's team.
async fn may_answer(
    store: &Store,
    viewer: &Viewer,
    callback: &StoredCallback,
) -> Result<bool, StoreError> {
    if callback.contact == Some(viewer.account) {
        return Ok(true);
    }
    let role = store
        .board_role(callback.request.board_id, viewer.account)
        .await?;
    if matches!(role, Some(BoardRole::Owner | BoardRole::Member)) {
        return Ok(true);
    }
    let covering = covering_for(store, viewer.account).await?;
    Ok(covering.iter().any(|(id, _)| Some(*id) == callback.contact))
}

/// `PATCH /api/callbacks/{id}`: Ringt, Ikke fått svar – prøver igjen, or Avsluttet. A
/// request the viewer may not answer is "not found", so ids cannot be probed.
pub async fn update(
    State(state): State<AppState>,
    Staff(viewer): Staff,
    ApiPath(id): ApiPath<String>,
    ApiJson(change): ApiJson<CallbackUpdate>,
) -> Result<Json<CallbackRequest>, ApiError> {
    let id = CallbackId::parse(&id).ok_or(ApiErrorCode::UnknownCallback)?;
    let callback = state
        .store
        .callback(id)
        .await?
        .ok_or(ApiErrorCode::UnknownCallback)?;
    if !may_answer(&state.store, &viewer, &callback).await? {
        return Err(ApiErrorCode::UnknownCallback.into());
    }
    let audit = viewer.audit(
        AuditAction::UpdateCallback,
        Some(callback.request.board_id),
        "staff",
    );
    state
        .store
        .update_callback(id, change.status, &viewer.name, &audit)
        .await?;
    let updated = state
        .store
        .callback(id)
        .await?
        .ok_or(ApiErrorCode::UnknownCallback)?;
    Ok(Json(updated.request))
}
