//! Signing in: password hashing, session tokens, the session cookie, and the [`Viewer`]
//! extractor that every authenticated handler starts from.
//!
//! Sign-in methods (password here, invitation codes in `invitations`) end in
//! [`start_session`]; a later OIDC login (ID-porten, Entra ID) only needs to do the same.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, HeaderValue, header, request::Parts},
};
use base64::Engine;
use model::{AccountId, AccountKind, ApiErrorCode, AuditAction, BoardId, Me, StaffRole, Timestamp};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{
    AppState,
    clock::now,
    error::ApiError,
    store::{AccountRow, AuditEntry, NewSession, StoreError},
};

/// Hashes a password with argon2id (the crate's defaults: 19 MiB, 2 passes), off the async
/// threads.
pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| ApiError::from(ApiErrorCode::Internal))?
    .map_err(|_| ApiErrorCode::Internal.into())
}

/// Checks a password against a stored hash, off the async threads. With no hash (unknown
/// account) it checks against a fixed one, so the answer takes as long either way.
pub async fn verify_password(hash: Option<String>, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| DUMMY_HASH.to_owned());
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// argon2id of a random password nobody knows, with the default parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Vbi8y1w6FqQYG1CMYzVVsA3qcVoN8p4Oxr2PzH2Qkds";

/// 32 random bytes, URL-safe base64: a session token or an invitation secret.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 in hex: what is stored instead of a token.
pub fn sha256_hex(input: &str) -> String {
    Sha256::digest(input.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two strings in time that does not depend on where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A random UUID (v4) from the OS.
pub fn random_uuid() -> uuid::Uuid {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// How long sessions last.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// Ends after this long without a request.
    pub idle_ms: i64,
    /// Ends this long after sign-in, however active.
    pub absolute_ms: i64,
}

impl SessionLimits {
    /// Staff: a working day, ended by an hour away from the keyboard (a tablet left on a
    /// meeting table). Citizens and støttepersoner sign in with a code that staff must
    /// give them, so their sessions last longer: 30 days idle, 180 days at most.
    pub fn for_kind(state: &AppState, kind: AccountKind) -> Self {
        let c = &state.config;
        match kind {
            AccountKind::Staff => SessionLimits {
                idle_ms: i64::from(c.staff_idle_minutes) * 60_000,
                absolute_ms: i64::from(c.staff_session_hours) * 3_600_000,
            },
            AccountKind::Citizen | AccountKind::Support => SessionLimits {
                idle_ms: i64::from(c.citizen_idle_days) * 86_400_000,
                absolute_ms: i64::from(c.citizen_session_days) * 86_400_000,
            },
        }
    }
}

/// A new session for an account: the row to store and the token for the cookie.
pub fn new_session(
    account: AccountId,
    limits: SessionLimits,
    at: Timestamp,
) -> (NewSession, String) {
    let token = random_token();
    let session = NewSession {
        id: random_uuid().to_string(),
        token_hash: sha256_hex(&token),
        account_id: account,
        at,
        idle_ms: limits.idle_ms,
        expires_at: Timestamp(at.0 + limits.absolute_ms),
    };
    (session, token)
}

/// Stores a new session and returns the `Set-Cookie` header for it.
pub async fn start_session(
    state: &AppState,
    account: AccountId,
    kind: AccountKind,
) -> Result<(NewSession, HeaderValue), ApiError> {
    let limits = SessionLimits::for_kind(state, kind);
    let (session, token) = new_session(account, limits, now());
    state.store.create_session(&session).await?;
    let cookie = session_cookie(state, &token, limits.absolute_ms / 1000);
    Ok((session, cookie))
}

/// The cookie's name: with the `__Host-` prefix over TLS, which browsers only accept when
/// it is `Secure`, for the whole site, and not shared with subdomains.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.config.is_https() {
        "__Host-duk_session"
    } else {
        "duk_session"
    }
}

/// `Set-Cookie` for a session token (`HttpOnly`, `SameSite=Lax`, `Secure` over TLS).
pub fn session_cookie(state: &AppState, token: &str, max_age_s: i64) -> HeaderValue {
    let secure = if state.config.is_https() {
        "; Secure"
    } else {
        ""
    };
    let value = format!(
        "{}={token}; Path=/; Max-Age={max_age_s}; HttpOnly; SameSite=Lax{secure}",
        cookie_name(state)
    );
    HeaderValue::from_str(&value).expect("a token is URL-safe base64")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(state: &AppState) -> HeaderValue {
    session_cookie(state, "", 0)
}

/// The session token from the request's cookies.
pub fn session_token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    let name = cookie_name(state);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// The signed-in account behind a request, even one that must change its password first.
/// Only the sign-in routes use this directly; everything else takes a [`Viewer`].
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The session's id (for the audit log; not the secret token).
    pub session_id: String,
    /// The account.
    pub account: AccountId,
    /// Display name.
    pub name: String,
    /// Staff, citizen or støtteperson.
    pub kind: AccountKind,
    /// For staff.
    pub staff_role: Option<StaffRole>,
    /// For staff.
    pub office: Option<String>,
    /// For staff.
    pub email: Option<String>,
    /// A temporary password that must be changed.
    pub must_change_password: bool,
}

impl SignedIn {
    fn from_row(session_id: String, row: &AccountRow) -> Result<Self, StoreError> {
        Ok(SignedIn {
            session_id,
            account: row.account_id()?,
            name: row.name.clone(),
            kind: row.account_kind()?,
            staff_role: row.role(),
            office: row.office.clone(),
            email: row.email.clone(),
            must_change_password: row.must_change_password != 0,
        })
    }

    /// As the app sees it.
    pub fn me(&self) -> Me {
        Me {
            id: self.account,
            name: self.name.clone(),
            kind: self.kind,
            staff_role: self.staff_role,
            office: self.office.clone(),
            email: self.email.clone(),
            must_change_password: self.must_change_password,
        }
    }

    /// The role named in audit lines that are not about a board.
    pub fn account_role(&self) -> &'static str {
        match (self.kind, self.staff_role) {
            (AccountKind::Staff, Some(StaffRole::Admin)) => "admin",
            (AccountKind::Staff, _) => "staff",
            (AccountKind::Citizen, _) => "citizen",
            (AccountKind::Support, _) => "support",
        }
    }

    /// An audit line for something this person did.
    pub fn audit(&self, action: AuditAction, board: Option<BoardId>, role: &str) -> AuditEntry {
        AuditEntry {
            at: now(),
            account_id: Some(self.account),
            actor_name: self.name.clone(),
            actor_role: role.to_owned(),
            session_id: Some(self.session_id.clone()),
            board_id: board,
            action,
            version: None,
        }
    }
}

/// Requests are counted as activity at most this often, so that reads do not all write.
const TOUCH_EVERY_MS: i64 = 60_000;

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(cached) = parts.extensions.get::<SignedIn>() {
            return Ok(cached.clone());
        }
        let token = session_token(state, &parts.headers).ok_or(ApiErrorCode::NotSignedIn)?;
        let at = now();
        let (session, account) = state
            .store
            .session_by_token(&sha256_hex(&token), at)
            .await?
            .ok_or(ApiErrorCode::NotSignedIn)?;
        if at.0 - session.last_seen_at > TOUCH_EVERY_MS {
            state.store.touch_session(&session.id, at).await?;
        }
        let signed_in = SignedIn::from_row(session.id, &account)?;
        parts.extensions.insert(signed_in.clone());
        Ok(signed_in)
    }
}

/// A signed-in account that may use the API: one with a temporary password must change it
/// before anything else.
#[derive(Debug, Clone)]
pub struct Viewer(pub SignedIn);

impl std::ops::Deref for Viewer {
    type Target = SignedIn;
    fn deref(&self) -> &SignedIn {
        &self.0
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        if signed_in.must_change_password {
            return Err(ApiErrorCode::PasswordChangeRequired.into());
        }
        Ok(Viewer(signed_in))
    }
}

/// A member of staff (administrator or caseworker).
#[derive(Debug, Clone)]
pub struct Staff(pub Viewer);

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        if viewer.kind != AccountKind::Staff {
            return Err(ApiErrorCode::Forbidden.into());
        }
        Ok(Staff(viewer))
    }
}

/// An administrator.
#[derive(Debug, Clone)]
pub struct Admin(pub Viewer);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        if viewer.staff_role != Some(StaffRole::Admin) {
            return Err(ApiErrorCode::Forbidden.into());
        }
        Ok(Admin(viewer))
    }
}

/// Checks a new password: 12–256 characters, not the e-mail address.
pub fn check_password(password: &str, email: Option<&str>) -> Result<(), ApiError> {
    let len = password.chars().count();
    let is_email = email.is_some_and(|e| password.trim().eq_ignore_ascii_case(e));
    if !(model::PASSWORD_MIN..=model::PASSWORD_MAX).contains(&len) || is_email {
        return Err(ApiErrorCode::WeakPassword.into());
    }
    Ok(())
}

/// A readable one-time password for a new or reset account: 4 groups of 4 letters and
/// digits without look-alikes (about 80 bits).
pub fn temporary_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..4)
        .map(|_| {
            (0..4)
                .map(|_| {
                    let i = (rng.next_u32() as usize) % ALPHABET.len();
                    ALPHABET[i] as char
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("riktig hest batteri".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(Some(hash.clone()), "riktig hest batteri".into()).await);
        assert!(!verify_password(Some(hash), "feil hest batteri".into()).await);
        assert!(!verify_password(None, "anything".into()).await);
    }

    #[test]
    fn the_dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 43);
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(constant_time_eq("123456", "123456"));
        assert!(!constant_time_eq("123456", "123457"));
        assert!(!constant_time_eq("12345", "123456"));
    }

    #[test]
    fn temporary_passwords_pass_the_password_rules() {
        let p = temporary_password();
        assert_eq!(p.len(), 19);
        assert!(check_password(&p, Some("ola@nav.no")).is_ok());
        assert!(check_password("kort", None).is_err());
        assert!(check_password("ola.nordmann@nav.no", Some("ola.nordmann@nav.no")).is_err());
    }
}
