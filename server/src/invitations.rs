//! Invitations for citizens and støttepersoner: a secret link plus a six-digit code.
//!
//! The link's secret travels in the URL fragment (`/invitasjon#…`), which browsers never
//! send to a server, so it appears in no access log; the app posts it in a body. Only
//! hashes are stored. A code is single use, expires, and after [`MAX_ATTEMPTS`] wrong
//! tries the invitation stops working; each address also has a limit per quarter hour.

use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use model::{
    AccountId, AccountKind, Action, ApiErrorCode, AuditAction, GuestRole, InvitationCreated,
    InvitationId, InvitationInfo, InvitationToken, Lang, NewInvitation, PersonName, PhoneNumber,
    RedeemInvitation, Redeemed, Timestamp, catalogue::Key, non_blank,
};
use rand::Rng;

use crate::{
    AppState,
    auth::{self, SessionLimits, constant_time_eq, random_token, random_uuid, sha256_hex},
    authz::OnBoard,
    clock::now,
    error::{ApiError, ApiJson, ApiPath},
    notifier::Message,
    security::ClientIp,
    signin::IP_WINDOW,
    store::{AuditEntry, InvitationRow, NewAccount, NewInvitationRow},
};

/// Wrong codes before an invitation stops working.
pub const MAX_ATTEMPTS: i64 = 5;

fn code_hash(invitation: &str, code: &str) -> String {
    sha256_hex(&format!("{invitation}:{code}"))
}

/// `POST /api/boards/{id}/invitations`: the investeringsleder invites the citizen; the
/// citizen invites a støtteperson.
pub async fn create(
    State(state): State<AppState>,
    on: OnBoard,
    ApiJson(req): ApiJson<NewInvitation>,
) -> Result<(StatusCode, Json<InvitationCreated>), ApiError> {
    on.require(Action::invite(req.role))?;
    let name = PersonName::parse(&req.name)?;
    let phone = non_blank(req.phone.as_deref())
        .map(PhoneNumber::parse)
        .transpose()?;
    // A citizen who has signed in before gets back into the same account.
    let account_id = match req.role {
        GuestRole::Citizen => state.store.citizen_of(on.board).await?,
        GuestRole::Support => None,
    };
    let at = now();
    let id = InvitationId(random_uuid());
    let token = random_token();
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    let expires_at = Timestamp(at.0 + i64::from(state.config.invitation_hours) * 3_600_000);
    state
        .store
        .create_invitation(&NewInvitationRow {
            id,
            token_hash: sha256_hex(&token),
            code_hash: code_hash(&id.to_string(), &code),
            board_id: on.board,
            role: req.role,
            name: name.to_string(),
            phone: phone.as_ref().map(ToString::to_string),
            account_id,
            invited_by: on.viewer.account,
            at,
            expires_at,
        })
        .await?;
    state.store.audit(&on.audit(AuditAction::Invite)).await?;
    let link = format!("/invitasjon#{token}");
    if let Some(phone) = &phone {
        let base = state.config.public_origin().unwrap_or_default();
        // In bokmål: the person invited has not chosen a language yet.
        let text = Key::sms_invitation.fill(
            Lang::Nb,
            &[
                ("name", name.as_str()),
                ("by", on.viewer.name.as_str()),
                ("url", &format!("{base}{link}")),
            ],
        );
        let message = Message {
            to: phone.to_string(),
            text,
            at,
        };
        if let Err(e) = state.notifier.send(&message) {
            tracing::error!(invitation = %id, error = %e, "could not hand the invitation over");
        } else {
            tracing::info!(invitation = %id, "invitation link sent");
        }
    }
    Ok((
        StatusCode::CREATED,
        Json(InvitationCreated {
            id,
            link,
            code,
            expires_at,
            sent_to: phone.map(|p| p.to_string()),
        }),
    ))
}

/// `DELETE /api/boards/{id}/invitations/{invitation}`: withdraws an unused invitation.
pub async fn withdraw(
    State(state): State<AppState>,
    on: OnBoard,
    ApiPath((_, invitation)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    on.require(Action::ManageGuests)?;
    let id = InvitationId::parse(&invitation).ok_or(ApiErrorCode::NotFound)?;
    let inv = state
        .store
        .invitation(on.board, id)
        .await?
        .ok_or(ApiErrorCode::NotFound)?;
    on.require(Action::invite(inv.guest_role()?))?;
    if !state.store.withdraw_invitation(on.board, id, now()).await? {
        return Err(ApiErrorCode::NotFound.into());
    }
    state
        .store
        .audit(&on.audit(AuditAction::WithdrawInvitation))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A usable invitation for a token, or the one answer for every kind of unusable. An
/// address with too many failures is refused before looking; each failure counts.
async fn usable(state: &AppState, ip: &str, token: &str) -> Result<InvitationRow, ApiError> {
    let limit = state.config.rate_limit_per_ip;
    if !state.limiter.allowed("code", ip, limit, IP_WINDOW) {
        return Err(ApiErrorCode::TooManyAttempts.into());
    }
    let found = lookup(state, token).await;
    if found.is_err() {
        state.limiter.hit("code", ip, IP_WINDOW);
    }
    found
}

async fn lookup(state: &AppState, token: &str) -> Result<InvitationRow, ApiError> {
    let inv = state
        .store
        .invitation_by_token(&sha256_hex(token))
        .await?
        .ok_or(ApiErrorCode::InvitationInvalid)?;
    let usable = inv.used_at.is_none()
        && inv.withdrawn_at.is_none()
        && inv.expires_at > now().0
        && inv.attempts < MAX_ATTEMPTS;
    if usable {
        Ok(inv)
    } else {
        Err(ApiErrorCode::InvitationInvalid.into())
    }
}

/// `POST /api/invitations/info`: what the invitation page shows before the code.
pub async fn info(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<InvitationToken>,
) -> Result<Json<InvitationInfo>, ApiError> {
    let ip = ip.to_string();
    let inv = usable(&state, &ip, &req.token).await?;
    let inviter = AccountId::parse(&inv.invited_by).ok_or(ApiErrorCode::Internal)?;
    let inviter = state.store.account(inviter).await?;
    let invited_by = match inviter {
        Some(a) => match a.office {
            Some(office) => format!("{}, {office}", a.name),
            None => a.name,
        },
        None => String::new(),
    };
    Ok(Json(InvitationInfo {
        role: inv.guest_role()?,
        invited_by,
        expires_at: Timestamp(inv.expires_at),
    }))
}

/// `POST /api/invitations/redeem`: the code from the phone call; starts a session.
pub async fn redeem(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<RedeemInvitation>,
) -> Result<Response, ApiError> {
    let ip = ip.to_string();
    let inv = usable(&state, &ip, &req.token).await?;
    let code: String = req.code.chars().filter(|c| !c.is_whitespace()).collect();
    if !constant_time_eq(&code_hash(&inv.id, &code), &inv.code_hash) {
        state.limiter.hit("code", &ip, IP_WINDOW);
        let attempts = state.store.invitation_wrong_code(&inv.id).await?;
        return Err(if attempts >= MAX_ATTEMPTS {
            ApiErrorCode::TooManyAttempts
        } else {
            ApiErrorCode::WrongCode
        }
        .into());
    }
    let role = inv.guest_role()?;
    let kind = match role {
        GuestRole::Citizen => AccountKind::Citizen,
        GuestRole::Support => AccountKind::Support,
    };
    let at = now();
    let existing = inv.account_id.as_deref().and_then(AccountId::parse);
    let account_id = existing.unwrap_or_else(|| AccountId(random_uuid()));
    let new_account = existing.is_none().then(|| NewAccount {
        id: account_id,
        kind,
        staff_role: None,
        name: inv.name.clone(),
        email: None,
        phone: inv.phone.clone(),
        office: None,
        password_hash: None,
        must_change_password: false,
        at,
    });
    let limits = SessionLimits::for_kind(&state, kind);
    let (session, token) = auth::new_session(account_id, limits, at);
    let board = model::BoardId::parse(&inv.board_id).ok_or(ApiErrorCode::Internal)?;
    let audit = AuditEntry {
        at,
        account_id: Some(account_id),
        actor_name: inv.name.clone(),
        actor_role: role.board_role().as_str().into(),
        session_id: Some(session.id.clone()),
        board_id: Some(board),
        action: AuditAction::RedeemInvitation,
        version: None,
    };
    state
        .store
        .redeem_invitation(&inv, new_account.as_ref(), &session, MAX_ATTEMPTS, &audit)
        .await?
        .ok_or(ApiErrorCode::InvitationInvalid)?;
    state.hub.access_changed(board);
    let cookie = auth::session_cookie(&state, &token, limits.absolute_ms / 1000);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(Redeemed { board_id: board }),
    )
        .into_response())
}
