//! Boards over HTTP: list, create, read, and change by operations.

use axum::{Json, extract::State, http::StatusCode};
use model::{
    Action, AuditAction, Board, BoardId, BoardSummary, BoardView, CreateBoard, Event, Member,
    MemberId, OpRequest, PersonName, PhoneNumber, ShortText,
};

use crate::{
    AppState,
    auth::{Staff, Viewer, random_uuid},
    authz::OnBoard,
    error::{ApiError, ApiJson},
    store::AccountRow,
    writer::{Actor, Admission},
};

/// The boards the viewer has a role on.
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Vec<BoardSummary>>, ApiError> {
    let boards = state.store.boards_of(viewer.account).await?;
    state
        .store
        .audit(&viewer.audit(AuditAction::ListBoards, None, viewer.account_role()))
        .await?;
    Ok(Json(boards))
}

/// A new board, with its creator as investeringsleder.
pub async fn create(
    State(state): State<AppState>,
    Staff(viewer): Staff,
    ApiJson(req): ApiJson<CreateBoard>,
) -> Result<(StatusCode, Json<Board>), ApiError> {
    let mut board = req.into_board(BoardId(random_uuid()), crate::clock::now())?;
    let account = state
        .store
        .account(viewer.account)
        .await?
        .ok_or(model::ApiErrorCode::NotSignedIn)?;
    board
        .members
        .push(lead_member(MemberId(random_uuid()), &account)?);
    let audit = viewer.audit(
        AuditAction::CreateBoard,
        Some(board.id),
        model::BoardRole::Owner.as_str(),
    );
    state
        .store
        .insert_board(&board, &viewer.name, &audit)
        .await?;
    tracing::info!(board = %board.id, "board created");
    Ok((StatusCode::CREATED, Json(board)))
}

/// The member a new board starts with: its creator, as investeringsleder.
pub fn lead_member(id: MemberId, account: &AccountRow) -> Result<Member, ApiError> {
    Ok(Member {
        id,
        name: PersonName::parse(&account.name)?,
        service: account
            .office
            .as_deref()
            .and_then(|o| ShortText::parse_as(model::Field::Service, o).ok()),
        role: ShortText::parse_as(model::Field::Role, "Investeringsleder").ok(),
        phone: account
            .phone
            .as_deref()
            .and_then(|p| PhoneNumber::parse(p).ok()),
        email: account
            .email
            .as_deref()
            .and_then(|e| model::Email::parse(e).ok()),
        removed: false,
        account: Some(account.account_id()?),
        lead: true,
    })
}

/// A board, for anyone with a role on it.
pub async fn show(State(state): State<AppState>, on: OnBoard) -> Result<Json<BoardView>, ApiError> {
    on.require(Action::Read)?;
    let board = state
        .store
        .load_board(on.board)
        .await?
        .ok_or(model::ApiErrorCode::UnknownBoard)?;
    state.store.audit(&on.audit(AuditAction::OpenBoard)).await?;
    let seen_version = state
        .store
        .swap_seen(
            on.viewer.account,
            on.board,
            board.version,
            crate::clock::now(),
        )
        .await?;
    Ok(Json(BoardView {
        board,
        my_role: on.role,
        viewer: on.viewer.account,
        seen_version,
    }))
}

/// A change, if the viewer's role allows it.
pub async fn submit(
    State(state): State<AppState>,
    on: OnBoard,
    ApiJson(req): ApiJson<OpRequest>,
) -> Result<Json<Event>, ApiError> {
    let actor = Actor {
        role: on.role,
        audit: on.audit(AuditAction::ChangeBoard),
    };
    // Told to come back (503, `Retry-After`) rather than queued when the writer is full.
    let event = state
        .writer
        .submit(on.board, req, actor, Admission::Refuse)
        .await?;
    Ok(Json(event))
}
