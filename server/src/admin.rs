//! Administration: staff accounts and the audit log. Administrators see no board content
//! unless they are on the board's team.

use axum::{Json, extract::State, http::StatusCode};
use model::{
    AccountChange, AccountId, AccountKind, ApiErrorCode, AuditAction, AuditRecord, BoardId, Email,
    IsoDate, IssuedPassword, NewStaffAccount, PersonName, PhoneNumber, ShortText, StaffAccount,
    Timestamp, non_blank,
};
use serde::Deserialize;

use crate::{
    AppState,
    auth::{self, Admin, random_uuid},
    clock::now,
    error::{ApiError, ApiJson, ApiPath, ApiQuery},
    hub::SessionSignal,
    store::{AuditFilter, NewAccount},
};

/// Validated fields of a new staff account.
pub struct StaffFields {
    /// Name.
    pub name: String,
    /// Lower-case e-mail.
    pub email: String,
    /// E.164.
    pub phone: Option<String>,
    /// Office.
    pub office: Option<String>,
}

/// Checks a new staff account's fields.
pub fn validate_staff(req: &NewStaffAccount) -> Result<StaffFields, ApiError> {
    Ok(StaffFields {
        name: PersonName::parse(&req.name)?.to_string(),
        email: Email::parse(&req.email)?.as_str().to_lowercase(),
        phone: non_blank(req.phone.as_deref())
            .map(|p| PhoneNumber::parse(p).map(|p| p.to_string()))
            .transpose()?,
        office: non_blank(req.office.as_deref())
            .map(|o| ShortText::parse_as(model::Field::Service, o).map(|o| o.to_string()))
            .transpose()?,
    })
}

/// Creates a staff account with a password; `None` if the e-mail is taken.
pub async fn create_staff(
    state_store: &crate::store::Store,
    fields: StaffFields,
    role: model::StaffRole,
    password: &str,
    must_change: bool,
) -> Result<Option<StaffAccount>, ApiError> {
    let hash = auth::hash_password(password.to_owned()).await?;
    let id = AccountId(random_uuid());
    let created = state_store
        .create_account(&NewAccount {
            id,
            kind: AccountKind::Staff,
            staff_role: Some(role),
            name: fields.name,
            email: Some(fields.email),
            phone: fields.phone,
            office: fields.office,
            password_hash: Some(hash),
            must_change_password: must_change,
            at: now(),
        })
        .await?;
    if !created {
        return Ok(None);
    }
    staff_view(state_store, id).await.map(Some)
}

/// A staff account as administrators see it, read back after a change.
async fn staff_view(store: &crate::store::Store, id: AccountId) -> Result<StaffAccount, ApiError> {
    let row = store
        .account(id)
        .await?
        .ok_or(ApiErrorCode::UnknownAccount)?;
    Ok(row.to_staff()?)
}

/// `GET /api/admin/accounts`.
pub async fn accounts(
    State(state): State<AppState>,
    Admin(_): Admin,
) -> Result<Json<Vec<StaffAccount>>, ApiError> {
    let rows = state.store.staff_accounts().await?;
    let out = rows
        .iter()
        .map(|r| r.to_staff())
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(out))
}

/// `POST /api/admin/accounts`: a new staff account with a temporary password.
pub async fn create_account(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(req): ApiJson<NewStaffAccount>,
) -> Result<(StatusCode, Json<IssuedPassword>), ApiError> {
    let fields = validate_staff(&req)?;
    let password = auth::temporary_password();
    let account = create_staff(&state.store, fields, req.role, &password, true)
        .await?
        .ok_or(ApiErrorCode::EmailTaken)?;
    state
        .store
        .audit(&admin.audit(AuditAction::CreateAccount, None, "admin"))
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedPassword {
            account,
            temporary_password: password,
        }),
    ))
}

async fn staff_account(state: &AppState, raw: &str) -> Result<AccountId, ApiError> {
    let id = AccountId::parse(raw).ok_or(ApiErrorCode::UnknownAccount)?;
    let row = state
        .store
        .account(id)
        .await?
        .ok_or(ApiErrorCode::UnknownAccount)?;
    if row.account_kind()? != AccountKind::Staff {
        return Err(ApiErrorCode::UnknownAccount.into());
    }
    Ok(id)
}

/// `PATCH /api/admin/accounts/{account}`: disable, enable, or change the role. An
/// administrator cannot disable or demote themselves (someone must be left to undo it).
pub async fn change_account(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiPath(account): ApiPath<String>,
    ApiJson(req): ApiJson<AccountChange>,
) -> Result<Json<StaffAccount>, ApiError> {
    let id = staff_account(&state, &account).await?;
    if req.disabled.is_none() && req.role.is_none() {
        return Err(ApiErrorCode::InvalidRequest.into());
    }
    if id == admin.account {
        return Err(ApiErrorCode::Forbidden.into());
    }
    state
        .store
        .change_account(id, req.disabled, req.role, now())
        .await?;
    if req.disabled == Some(true) {
        state.hub.session_ended(SessionSignal::Account(id));
    }
    state
        .store
        .audit(&admin.audit(AuditAction::ChangeAccount, None, "admin"))
        .await?;
    Ok(Json(staff_view(&state.store, id).await?))
}

/// `POST /api/admin/accounts/{account}/password`: a new temporary password; every
/// session of the account ends.
pub async fn reset_password(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiPath(account): ApiPath<String>,
) -> Result<Json<IssuedPassword>, ApiError> {
    let id = staff_account(&state, &account).await?;
    let password = auth::temporary_password();
    let hash = auth::hash_password(password.clone()).await?;
    state.store.set_password(id, &hash, true, now()).await?;
    state.hub.session_ended(SessionSignal::Account(id));
    state
        .store
        .audit(&admin.audit(AuditAction::ChangeAccount, None, "admin"))
        .await?;
    Ok(Json(IssuedPassword {
        account: staff_view(&state.store, id).await?,
        temporary_password: password,
    }))
}

/// The audit search's query: all parts optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// A board id.
    #[serde(default)]
    board: Option<String>,
    /// An account id.
    #[serde(default)]
    account: Option<String>,
    /// From this date (inclusive, UTC).
    #[serde(default)]
    from: Option<String>,
    /// To this date (inclusive, UTC).
    #[serde(default)]
    to: Option<String>,
}

fn parse_opt<T>(
    raw: &Option<String>,
    f: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, ApiError> {
    match non_blank(raw.as_deref()) {
        None => Ok(None),
        Some(s) => f(s)
            .map(Some)
            .ok_or_else(|| ApiErrorCode::InvalidRequest.into()),
    }
}

/// Most lines one search returns.
pub const AUDIT_LIMIT: i64 = 500;

/// `GET /api/admin/audit?board=&account=&from=&to=`: newest first, at most 500 lines.
pub async fn audit(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditRecord>>, ApiError> {
    const DAY: i64 = 86_400_000;
    let day_start = |d: IsoDate| Timestamp(d.days_since_epoch() * DAY);
    let filter = AuditFilter {
        board: parse_opt(&q.board, BoardId::parse)?,
        account: parse_opt(&q.account, AccountId::parse)?,
        from: parse_opt(&q.from, IsoDate::parse)?.map(day_start),
        until: parse_opt(&q.to, IsoDate::parse)?.map(|d| Timestamp(day_start(d).0 + DAY)),
        limit: AUDIT_LIMIT,
    };
    let records = state.store.search_audit(&filter).await?;
    state
        .store
        .audit(&admin.audit(AuditAction::SearchAudit, filter.board, "admin"))
        .await?;
    Ok(Json(records))
}
