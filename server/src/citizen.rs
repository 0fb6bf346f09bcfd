//! The citizen's view of a board. Her first screen (`GET /api/boards/{id}/citizen/overview`)
//! is one small answer with only what it shows: "Min kontaktperson" with the substitute
//! first while the contact person is away, the next meetings, the latest minutes, the
//! deadlines, her open "Ring meg" request and whether a calendar subscription is active.
//! "Min plan" and "Ring meg" load the whole board (`GET /api/boards/{id}/citizen`). And the
//! staff profile page behind "Min kontaktperson" (`/api/profile`).

use axum::{Json, extract::State};
use model::{
    AccountId, AccountKind, Action, ApiErrorCode, AuditAction, Board, BoardRole, CitizenOverview,
    CitizenView, ContactCard, ContactPerson, ContactProfileFields, IsoDate, MyProfile, oslo_today,
};

use crate::{
    AppState,
    auth::Staff,
    authz::OnBoard,
    clock::now,
    error::{ApiError, ApiJson},
    store::{Store, StoreError},
};

/// `GET /api/boards/{id}/citizen`: the board as the citizen's "Min plan" and "Ring meg"
/// read it, with her contact person, the callback requests and her calendar subscription.
pub async fn view(
    State(state): State<AppState>,
    on: OnBoard,
) -> Result<Json<CitizenView>, ApiError> {
    let view = citizen_view(&state, &on).await?;
    state.store.audit(&on.audit(AuditAction::OpenBoard)).await?;
    Ok(Json(view))
}

/// `GET /api/boards/{id}/citizen/overview`: only what the citizen's first screen shows.
pub async fn overview(
    State(state): State<AppState>,
    on: OnBoard,
) -> Result<Json<CitizenOverview>, ApiError> {
    let view = citizen_view(&state, &on).await?;
    let latest = match view.board.latest_minutes().first() {
        Some(info) => {
            state
                .store
                .minutes(on.board, info.number, info.revision)
                .await?
        }
        None => None,
    };
    state.store.audit(&on.audit(AuditAction::OpenBoard)).await?;
    Ok(Json(CitizenOverview::of(&view, now(), latest.as_ref())))
}

/// The board as `on`'s viewer may read it in the citizen's view (not audited: the caller
/// audits what it answers).
async fn citizen_view(state: &AppState, on: &OnBoard) -> Result<CitizenView, ApiError> {
    on.require(Action::Read)?;
    let board = state
        .store
        .load_board(on.board)
        .await?
        .ok_or(ApiErrorCode::UnknownBoard)?;
    let contact = contact_card(&state.store, &board, oslo_today(now())).await?;
    let callbacks = if crate::authz::allows(on.role, Action::ReadCallbacks) {
        state.store.board_callbacks(on.board).await?
    } else {
        Vec::new()
    };
    let calendar_feed = if on.role == BoardRole::Citizen {
        state
            .store
            .calendar_feed(on.board, on.viewer.account)
            .await?
    } else {
        None
    };
    Ok(CitizenView {
        board,
        my_role: on.role,
        contact,
        callbacks,
        calendar_feed,
    })
}

/// "Min kontaktperson" on `board` as of `today`: the member the board names (or the
/// investeringsleder) with the details from their own profile, their substitute, and
/// whether they are away.
pub async fn contact_card(
    store: &Store,
    board: &Board,
    today: IsoDate,
) -> Result<Option<ContactCard>, StoreError> {
    let Some(member) = board.contact_member() else {
        return Ok(None);
    };
    let mut contact = ContactPerson {
        name: member.name.to_string(),
        role: member.role.as_ref().map(ToString::to_string),
        office: member.service.as_ref().map(ToString::to_string),
        phone: member.phone.clone(),
        hours: Vec::new(),
    };
    let Some(account) = member.account else {
        return Ok(Some(ContactCard {
            contact,
            away: None,
            substitute: None,
        }));
    };
    let Some((row, profile)) = store.contact_profile(account).await? else {
        return Ok(Some(ContactCard {
            contact,
            away: None,
            substitute: None,
        }));
    };
    // The profile is where the person keeps their number current; the board's copy is from
    // when they joined the team.
    contact.phone = profile.phone.clone().or(contact.phone);
    contact.office = contact.office.or(row.office);
    contact.hours = profile.hours.clone();
    let substitute = match profile.substitute {
        Some(id) => substitute_person(store, id).await?,
        None => None,
    };
    Ok(Some(ContactCard {
        contact,
        away: profile.away_on(today),
        substitute,
    }))
}

/// A substitute as the citizen sees them, if their account is still in use.
async fn substitute_person(
    store: &Store,
    id: AccountId,
) -> Result<Option<ContactPerson>, StoreError> {
    let Some((row, profile)) = store.contact_profile(id).await? else {
        return Ok(None);
    };
    if row.disabled_at.is_some() {
        return Ok(None);
    }
    Ok(Some(ContactPerson {
        name: row.name,
        role: None,
        office: row.office,
        phone: profile.phone,
        hours: profile.hours,
    }))
}

/// `GET /api/profile`: the signed-in member of staff's own contact details.
pub async fn my_profile(
    State(state): State<AppState>,
    Staff(viewer): Staff,
) -> Result<Json<MyProfile>, ApiError> {
    Ok(Json(profile_of(&state.store, viewer.account).await?))
}

async fn profile_of(store: &Store, account: AccountId) -> Result<MyProfile, ApiError> {
    let (_, profile) = store
        .contact_profile(account)
        .await?
        .ok_or(ApiErrorCode::NotSignedIn)?;
    let substitute_name = match profile.substitute {
        Some(id) => store.account(id).await?.map(|a| a.name),
        None => None,
    };
    Ok(MyProfile {
        profile,
        substitute_name,
    })
}

/// `PUT /api/profile`: saves the direct number, hours, substitute and absences. The
/// substitute must be an active colleague.
pub async fn save_profile(
    State(state): State<AppState>,
    Staff(viewer): Staff,
    ApiJson(fields): ApiJson<ContactProfileFields>,
) -> Result<Json<MyProfile>, ApiError> {
    let profile = fields.validate(viewer.account)?;
    if let Some(id) = profile.substitute {
        let usable = state.store.account(id).await?.is_some_and(|a| {
            a.disabled_at.is_none() && a.account_kind().ok() == Some(AccountKind::Staff)
        });
        if !usable {
            return Err(ApiErrorCode::UnknownAccount.into());
        }
    }
    let audit = viewer.audit(AuditAction::ChangeProfile, None, viewer.account_role());
    state
        .store
        .save_contact_profile(viewer.account, &profile, &audit)
        .await?;
    Ok(Json(profile_of(&state.store, viewer.account).await?))
}
