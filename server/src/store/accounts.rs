//! Accounts: staff, citizens and støttepersoner as stored, creating them, finding staff,
//! passwords and the lock after wrong ones, disabling, and staff roles.

use model::{AccountId, AccountKind, StaffAccount, StaffRole, Timestamp};
use sqlx::{Any, Transaction};

use super::{Store, StoreError};

/// An account as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    /// Its id (UUID text).
    pub id: String,
    /// `staff`, `citizen` or `support`.
    pub kind: String,
    /// `admin` or `caseworker`, for staff.
    pub staff_role: Option<String>,
    /// Display name.
    pub name: String,
    /// Staff login, lower-case.
    pub email: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    /// Office.
    pub office: Option<String>,
    /// argon2id PHC string.
    pub password_hash: Option<String>,
    /// 0 or 1.
    pub must_change_password: i64,
    /// Wrong passwords in a row.
    pub failed_logins: i64,
    /// Locked until (ms), after too many wrong passwords.
    pub locked_until: Option<i64>,
    /// Created (ms).
    pub created_at: i64,
    /// Disabled (ms).
    pub disabled_at: Option<i64>,
}

impl AccountRow {
    /// Its id.
    pub fn account_id(&self) -> Result<AccountId, StoreError> {
        AccountId::parse(&self.id).ok_or_else(|| StoreError::Corrupt("account id".into()))
    }

    /// Staff, citizen or støtteperson.
    pub fn account_kind(&self) -> Result<AccountKind, StoreError> {
        match self.kind.as_str() {
            "staff" => Ok(AccountKind::Staff),
            "citizen" => Ok(AccountKind::Citizen),
            "support" => Ok(AccountKind::Support),
            other => Err(StoreError::Corrupt(format!("account kind {other}"))),
        }
    }

    /// Administrator or caseworker, for staff.
    pub fn role(&self) -> Option<StaffRole> {
        match self.staff_role.as_deref() {
            Some("admin") => Some(StaffRole::Admin),
            Some("caseworker") => Some(StaffRole::Caseworker),
            _ => None,
        }
    }

    /// As administrators see it (staff only).
    pub fn to_staff(&self) -> Result<StaffAccount, StoreError> {
        Ok(StaffAccount {
            id: self.account_id()?,
            name: self.name.clone(),
            email: self.email.clone().unwrap_or_default(),
            phone: self.phone.clone(),
            office: self.office.clone(),
            role: self
                .role()
                .ok_or_else(|| StoreError::Corrupt("staff without role".into()))?,
            disabled: self.disabled_at.is_some(),
            created_at: Timestamp(self.created_at),
        })
    }
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Its id.
    pub id: AccountId,
    /// Staff, citizen or støtteperson.
    pub kind: AccountKind,
    /// For staff.
    pub staff_role: Option<StaffRole>,
    /// Display name.
    pub name: String,
    /// Staff login, lower-case.
    pub email: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    /// Office.
    pub office: Option<String>,
    /// argon2id PHC string.
    pub password_hash: Option<String>,
    /// Whether the password is temporary.
    pub must_change_password: bool,
    /// Now.
    pub at: Timestamp,
}

fn kind_str(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Staff => "staff",
        AccountKind::Citizen => "citizen",
        AccountKind::Support => "support",
    }
}

/// The stored name of a staff role.
pub fn staff_role_str(role: StaffRole) -> &'static str {
    match role {
        StaffRole::Admin => "admin",
        StaffRole::Caseworker => "caseworker",
    }
}

const ACCOUNT_COLUMNS: &str = "id, kind, staff_role, name, email, phone, office, password_hash, \
     must_change_password, failed_logins, locked_until, created_at, disabled_at";

/// [`ACCOUNT_COLUMNS`] of the table aliased `a` (keep the two in step).
pub(super) const ACCOUNT_COLUMNS_A: &str = "a.id, a.kind, a.staff_role, a.name, a.email, \
     a.phone, a.office, a.password_hash, a.must_change_password, a.failed_logins, \
     a.locked_until, a.created_at, a.disabled_at";

impl Store {
    /// Stores a new account; `false` if a staff account has that e-mail already.
    pub async fn create_account(&self, a: &NewAccount) -> Result<bool, StoreError> {
        let mut tx = self.writes.begin().await?;
        let created = insert_account(&mut tx, a).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// An account by id.
    pub async fn account(&self, id: AccountId) -> Result<Option<AccountRow>, StoreError> {
        Ok(sqlx::query_as::<_, AccountRow>(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// A staff account by its (lower-case) e-mail.
    pub async fn staff_by_email(&self, email: &str) -> Result<Option<AccountRow>, StoreError> {
        Ok(sqlx::query_as::<_, AccountRow>(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE email = $1 AND kind = 'staff'"
        ))
        .bind(email)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Every staff account, by name.
    pub async fn staff_accounts(&self) -> Result<Vec<AccountRow>, StoreError> {
        Ok(sqlx::query_as::<_, AccountRow>(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE kind = 'staff' ORDER BY name, id"
        ))
        .fetch_all(&self.pool)
        .await?)
    }

    /// Active staff whose name, e-mail or office contains `q` (any case), at most 20.
    pub async fn search_staff(&self, q: &str) -> Result<Vec<AccountRow>, StoreError> {
        let escaped: String = q
            .to_lowercase()
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let pattern = format!("%{escaped}%");
        Ok(sqlx::query_as::<_, AccountRow>(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts \
             WHERE kind = 'staff' AND disabled_at IS NULL \
               AND (LOWER(name) LIKE $1 ESCAPE '\\' OR email LIKE $1 ESCAPE '\\' \
                    OR LOWER(COALESCE(office, '')) LIKE $1 ESCAPE '\\') \
             ORDER BY name, id LIMIT 20"
        ))
        .bind(pattern)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Counts a wrong password; at `lock_after` in a row the account is locked until
    /// `lock_until` and the count starts again.
    pub async fn record_failed_login(
        &self,
        id: AccountId,
        lock_after: i64,
        lock_until: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE accounts SET \
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END, \
                failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END \
             WHERE id = $1",
        )
        .bind(id.to_string())
        .bind(lock_after)
        .bind(lock_until.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A good password: the count of wrong ones starts again.
    pub async fn reset_failed_logins(&self, id: AccountId) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Sets a new password hash and ends every session of the account, in one transaction.
    pub async fn set_password(
        &self,
        id: AccountId,
        hash: &str,
        must_change: bool,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        sqlx::query(
            "UPDATE accounts SET password_hash = $2, must_change_password = $3, \
                                 failed_logins = 0, locked_until = NULL WHERE id = $1",
        )
        .bind(id.to_string())
        .bind(hash)
        .bind(i64::from(must_change))
        .execute(&mut *tx)
        .await?;
        end_sessions(&mut tx, id, now, "password_changed").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Disables (ending every session) or enables an account, and/or changes its staff role.
    pub async fn change_account(
        &self,
        id: AccountId,
        disabled: Option<bool>,
        role: Option<StaffRole>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        if let Some(disabled) = disabled {
            sqlx::query("UPDATE accounts SET disabled_at = $2 WHERE id = $1")
                .bind(id.to_string())
                .bind(disabled.then_some(now.0))
                .execute(&mut *tx)
                .await?;
            if disabled {
                end_sessions(&mut tx, id, now, "account_disabled").await?;
            }
        }
        if let Some(role) = role {
            sqlx::query("UPDATE accounts SET staff_role = $2 WHERE id = $1 AND kind = 'staff'")
                .bind(id.to_string())
                .bind(staff_role_str(role))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Inserts an account; `false` if the e-mail is taken.
pub(super) async fn insert_account(
    tx: &mut Transaction<'_, Any>,
    a: &NewAccount,
) -> Result<bool, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO accounts (id, kind, staff_role, name, email, phone, office, password_hash, \
                               must_change_password, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(a.id.to_string())
    .bind(kind_str(a.kind))
    .bind(a.staff_role.map(staff_role_str))
    .bind(&a.name)
    .bind(&a.email)
    .bind(&a.phone)
    .bind(&a.office)
    .bind(&a.password_hash)
    .bind(i64::from(a.must_change_password))
    .bind(a.at.0)
    .execute(&mut **tx)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Ends every session of an account (its password changed, or it was disabled).
async fn end_sessions(
    tx: &mut Transaction<'_, Any>,
    account: AccountId,
    now: Timestamp,
    reason: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE sessions SET ended_at = $2, ended_reason = $3 \
         WHERE account_id = $1 AND ended_at IS NULL",
    )
    .bind(account.to_string())
    .bind(now.0)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
