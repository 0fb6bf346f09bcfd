//! Staff sign-in with e-mail and password; sign-out; the current account; new password.

use std::time::Duration;

use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use model::{AccountKind, ApiErrorCode, AuditAction, ChangePassword, LoginRequest, Me, Timestamp};

use crate::{
    AppState,
    auth::{self, SignedIn},
    clock::now,
    error::{ApiError, ApiJson},
    hub::SessionSignal,
    security::ClientIp,
    store::AuditEntry,
};

/// Wrong passwords in a row before an account is locked.
pub const LOCK_AFTER: i64 = 5;
/// How long it stays locked.
pub const LOCK_FOR: Duration = Duration::from_secs(15 * 60);
/// The window for the per-address limit (`Config::rate_limit_per_ip`).
pub const IP_WINDOW: Duration = Duration::from_secs(15 * 60);

/// `POST /api/auth/login`.
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let ip = ip.to_string();
    if !state
        .limiter
        .allowed("signin", &ip, state.config.rate_limit_per_ip, IP_WINDOW)
    {
        return Err(ApiErrorCode::TooManyAttempts.into());
    }
    let email = body.email.trim().to_lowercase();
    let account = state.store.staff_by_email(&email).await?;
    let at = now();
    let failed = |account_id, name: &str| AuditEntry {
        at,
        account_id,
        actor_name: name.to_owned(),
        actor_role: "anonymous".into(),
        session_id: None,
        board_id: None,
        action: AuditAction::SignInFailed,
        version: None,
    };
    let Some(account) = account else {
        // Same work, same answer as a wrong password, so addresses cannot be probed.
        auth::verify_password(None, body.password).await;
        state.limiter.hit("signin", &ip, IP_WINDOW);
        state.store.audit(&failed(None, "(ukjent konto)")).await?;
        return Err(ApiErrorCode::WrongCredentials.into());
    };
    let id = account.account_id()?;
    if account.locked_until.is_some_and(|t| t > at.0) {
        state.limiter.hit("signin", &ip, IP_WINDOW);
        return Err(ApiErrorCode::TooManyAttempts.into());
    }
    let ok = auth::verify_password(account.password_hash.clone(), body.password).await;
    if !ok || account.disabled_at.is_some() {
        state.limiter.hit("signin", &ip, IP_WINDOW);
        if !ok {
            let lock_until = Timestamp(at.0 + LOCK_FOR.as_millis() as i64);
            state
                .store
                .record_failed_login(id, LOCK_AFTER, lock_until)
                .await?;
        }
        state.store.audit(&failed(Some(id), &account.name)).await?;
        return Err(ApiErrorCode::WrongCredentials.into());
    }
    state.store.reset_failed_logins(id).await?;
    let (session, cookie) = auth::start_session(&state, id, AccountKind::Staff).await?;
    let me = Me {
        id,
        name: account.name.clone(),
        kind: AccountKind::Staff,
        staff_role: account.role(),
        office: account.office.clone(),
        email: account.email.clone(),
        must_change_password: account.must_change_password != 0,
    };
    let signed_in = SignedIn {
        session_id: session.id,
        account: id,
        name: me.name.clone(),
        kind: me.kind,
        staff_role: me.staff_role,
        office: me.office.clone(),
        email: me.email.clone(),
        must_change_password: me.must_change_password,
    };
    state
        .store
        .audit(&signed_in.audit(AuditAction::SignIn, None, signed_in.account_role()))
        .await?;
    Ok(([(header::SET_COOKIE, cookie)], Json(me)).into_response())
}

/// `POST /api/auth/logout`: ends this session on the server (every tab and live
/// connection that uses it) and clears the cookie.
pub async fn logout(State(state): State<AppState>, who: SignedIn) -> Result<Response, ApiError> {
    state
        .store
        .end_session(&who.session_id, now(), "sign_out")
        .await?;
    state
        .store
        .audit(&who.audit(AuditAction::SignOut, None, who.account_role()))
        .await?;
    state
        .hub
        .session_ended(SessionSignal::Session(who.session_id.clone()));
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, auth::clear_cookie(&state))],
    )
        .into_response())
}

/// `GET /api/auth/me`: who is signed in (401 if nobody).
pub async fn me(who: SignedIn) -> Json<Me> {
    Json(who.me())
}

/// `POST /api/auth/password`: checks the current password, sets the new one, ends every
/// session of the account (other devices included) and starts a fresh one here.
pub async fn change_password(
    State(state): State<AppState>,
    who: SignedIn,
    ApiJson(body): ApiJson<ChangePassword>,
) -> Result<Response, ApiError> {
    if who.kind != AccountKind::Staff {
        return Err(ApiErrorCode::Forbidden.into());
    }
    let account = state
        .store
        .account(who.account)
        .await?
        .ok_or(ApiErrorCode::NotSignedIn)?;
    if !auth::verify_password(account.password_hash.clone(), body.current).await {
        return Err(ApiErrorCode::WrongCredentials.into());
    }
    auth::check_password(&body.new, account.email.as_deref())?;
    let hash = auth::hash_password(body.new).await?;
    state
        .store
        .set_password(who.account, &hash, false, now())
        .await?;
    state.hub.session_ended(SessionSignal::Account(who.account));
    state
        .store
        .audit(&who.audit(AuditAction::ChangePassword, None, who.account_role()))
        .await?;
    let (_, cookie) = auth::start_session(&state, who.account, AccountKind::Staff).await?;
    let me = Me {
        must_change_password: false,
        ..who.me()
    };
    Ok(([(header::SET_COOKIE, cookie)], Json(me)).into_response())
}
