//! Accounts, sessions, board access, invitations and the audit log.

use std::collections::BTreeMap;

use model::{
    AccessEntry, AccountId, AccountKind, AuditAction, AuditRecord, Board, BoardId, BoardRole,
    BoardSummary, GuestRole, InvitationId, PendingInvitation, PlanView, StaffAccount, StaffRole,
    Timestamp,
};
use sqlx::{Any, Transaction};

use super::{Store, StoreError, to_i64};

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

/// A session as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    /// Its id (UUID text), named in the audit log.
    pub id: String,
    /// The account.
    pub account_id: String,
    /// Last request (ms).
    pub last_seen_at: i64,
}

/// A new session.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Its id.
    pub id: String,
    /// SHA-256 of the cookie's token, hex.
    pub token_hash: String,
    /// Whose.
    pub account_id: AccountId,
    /// Now.
    pub at: Timestamp,
    /// Idle limit.
    pub idle_ms: i64,
    /// Absolute end.
    pub expires_at: Timestamp,
}

/// One line for the audit log.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// When.
    pub at: Timestamp,
    /// Whose account.
    pub account_id: Option<AccountId>,
    /// Their name then.
    pub actor_name: String,
    /// Their role then.
    pub actor_role: String,
    /// Which session.
    pub session_id: Option<String>,
    /// Which board.
    pub board_id: Option<BoardId>,
    /// What.
    pub action: AuditAction,
    /// For a change, the version.
    pub version: Option<u64>,
}

/// What to search the audit log for; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// One board.
    pub board: Option<BoardId>,
    /// One account.
    pub account: Option<AccountId>,
    /// From (ms, inclusive).
    pub from: Option<Timestamp>,
    /// Until (ms, exclusive).
    pub until: Option<Timestamp>,
    /// Most lines.
    pub limit: i64,
}

/// An invitation as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    /// Its id.
    pub id: String,
    /// SHA-256 of the code salted with the id.
    pub code_hash: String,
    /// The board.
    pub board_id: String,
    /// `citizen` or `support`.
    pub role: String,
    /// Who it is for.
    pub name: String,
    /// Their phone.
    pub phone: Option<String>,
    /// The account it signs in to, if it exists already.
    pub account_id: Option<String>,
    /// Who invited.
    pub invited_by: String,
    /// Until (ms).
    pub expires_at: i64,
    /// Wrong codes so far.
    pub attempts: i64,
    /// When used.
    pub used_at: Option<i64>,
    /// When withdrawn.
    pub withdrawn_at: Option<i64>,
}

impl InvitationRow {
    /// Citizen or støtteperson.
    pub fn guest_role(&self) -> Result<GuestRole, StoreError> {
        match self.role.as_str() {
            "citizen" => Ok(GuestRole::Citizen),
            "support" => Ok(GuestRole::Support),
            other => Err(StoreError::Corrupt(format!("invitation role {other}"))),
        }
    }
}

/// A new invitation.
#[derive(Debug, Clone)]
pub struct NewInvitationRow {
    /// Its id.
    pub id: InvitationId,
    /// SHA-256 of the link's token.
    pub token_hash: String,
    /// SHA-256 of the code salted with the id.
    pub code_hash: String,
    /// The board.
    pub board_id: BoardId,
    /// Citizen or støtteperson.
    pub role: GuestRole,
    /// Who it is for.
    pub name: String,
    /// Their phone.
    pub phone: Option<String>,
    /// The account it signs in to, if it exists.
    pub account_id: Option<AccountId>,
    /// Who invited.
    pub invited_by: AccountId,
    /// Now.
    pub at: Timestamp,
    /// Until.
    pub expires_at: Timestamp,
}

fn guest_str(role: GuestRole) -> &'static str {
    match role {
        GuestRole::Citizen => "citizen",
        GuestRole::Support => "support",
    }
}

const ACCOUNT_COLUMNS: &str = "id, kind, staff_role, name, email, phone, office, password_hash, \
     must_change_password, failed_logins, locked_until, created_at, disabled_at";

/// [`ACCOUNT_COLUMNS`] of the table aliased `a` (keep the two in step).
const ACCOUNT_COLUMNS_A: &str = "a.id, a.kind, a.staff_role, a.name, a.email, a.phone, a.office, \
     a.password_hash, a.must_change_password, a.failed_logins, a.locked_until, a.created_at, \
     a.disabled_at";

const INVITATION_COLUMNS: &str = "id, code_hash, board_id, role, name, phone, account_id, \
     invited_by, expires_at, attempts, used_at, withdrawn_at";

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

    /// Stores a new session.
    pub async fn create_session(&self, s: &NewSession) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        insert_session(&mut tx, s).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The live session with this token hash, and its account: not ended, not expired,
    /// not idle too long, and the account not disabled.
    pub async fn session_by_token(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(SessionRow, AccountRow)>, StoreError> {
        self.live_session("s.token_hash = $1", token_hash, now)
            .await
    }

    /// Like [`Store::session_by_token`], by the session's id.
    pub async fn session_by_id(
        &self,
        id: &str,
        now: Timestamp,
    ) -> Result<Option<(SessionRow, AccountRow)>, StoreError> {
        self.live_session("s.id = $1", id, now).await
    }

    async fn live_session(
        &self,
        condition: &str,
        key: &str,
        now: Timestamp,
    ) -> Result<Option<(SessionRow, AccountRow)>, StoreError> {
        // One query per request: the session and its account together.
        let row = sqlx::query_as::<_, LiveSessionRow>(&format!(
            "SELECT s.id AS session_id, s.last_seen_at AS session_last_seen, {ACCOUNT_COLUMNS_A} \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE {condition} AND s.ended_at IS NULL AND s.expires_at > $2 \
               AND s.last_seen_at + s.idle_ms > $2 AND a.disabled_at IS NULL"
        ))
        .bind(key)
        .bind(now.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| {
            let session = SessionRow {
                id: r.session_id,
                account_id: r.account.id.clone(),
                last_seen_at: r.session_last_seen,
            };
            (session, r.account)
        }))
    }

    /// Records activity on a session (keeps it from going idle).
    pub async fn touch_session(&self, id: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND ended_at IS NULL")
            .bind(id)
            .bind(now.0)
            .execute(&self.writes)
            .await?;
        Ok(())
    }

    /// Ends one session.
    pub async fn end_session(
        &self,
        id: &str,
        now: Timestamp,
        reason: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE sessions SET ended_at = $2, ended_reason = $3 \
             WHERE id = $1 AND ended_at IS NULL",
        )
        .bind(id)
        .bind(now.0)
        .bind(reason)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// For a live connection's check before each message, in one query: `None` if the
    /// session has ended (signed out, expired, idle too long, account disabled), else when
    /// it was last seen and the account's role on `board` now (`None`: no access).
    pub async fn live_access(
        &self,
        session: &str,
        board: BoardId,
        now: Timestamp,
    ) -> Result<Option<(i64, Option<BoardRole>)>, StoreError> {
        let row: Option<(i64, Option<String>)> = sqlx::query_as(
            "SELECT s.last_seen_at, \
                    (SELECT x.role FROM board_access x \
                      WHERE x.board_id = $3 AND x.account_id = s.account_id \
                        AND x.revoked_at IS NULL) AS role \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.id = $1 AND s.ended_at IS NULL AND s.expires_at > $2 \
               AND s.last_seen_at + s.idle_ms > $2 AND a.disabled_at IS NULL",
        )
        .bind(session)
        .bind(now.0)
        .bind(board.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(seen, role)| {
            let role = role
                .map(|r| {
                    BoardRole::parse(&r)
                        .ok_or_else(|| StoreError::Corrupt(format!("board role {r}")))
                })
                .transpose()?;
            Ok((seen, role))
        })
        .transpose()
    }

    /// The role an account has on a board now, if any.
    pub async fn board_role(
        &self,
        board: BoardId,
        account: AccountId,
    ) -> Result<Option<BoardRole>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT role FROM board_access \
             WHERE board_id = $1 AND account_id = $2 AND revoked_at IS NULL",
        )
        .bind(board.to_string())
        .bind(account.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(r,)| {
            BoardRole::parse(&r).ok_or_else(|| StoreError::Corrupt(format!("board role {r}")))
        })
        .transpose()
    }

    /// Everyone with access to a board now, team first.
    pub async fn access_list(&self, board: BoardId) -> Result<Vec<AccessEntry>, StoreError> {
        let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
            "SELECT a.id, a.name, x.role, x.granted_at FROM board_access x \
             JOIN accounts a ON a.id = x.account_id \
             WHERE x.board_id = $1 AND x.revoked_at IS NULL ORDER BY a.name, a.id",
        )
        .bind(board.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut out = rows
            .into_iter()
            .map(|(id, name, role, at)| {
                Ok(AccessEntry {
                    account_id: AccountId::parse(&id)
                        .ok_or_else(|| StoreError::Corrupt("account id".into()))?,
                    name,
                    role: BoardRole::parse(&role)
                        .ok_or_else(|| StoreError::Corrupt(format!("board role {role}")))?,
                    granted_at: Timestamp(at),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        out.sort_by_key(|e| e.role);
        Ok(out)
    }

    /// The account that is the citizen on a board now, if one has signed in.
    pub async fn citizen_of(&self, board: BoardId) -> Result<Option<AccountId>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT account_id FROM board_access \
             WHERE board_id = $1 AND role = 'citizen' AND revoked_at IS NULL",
        )
        .bind(board.to_string())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(id,)| AccountId::parse(&id)))
    }

    /// Ends a citizen's or støtteperson's access; `false` if they had none (team members
    /// leave through the team).
    pub async fn revoke_guest(
        &self,
        board: BoardId,
        account: AccountId,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE board_access SET revoked_at = $3 \
             WHERE board_id = $1 AND account_id = $2 AND revoked_at IS NULL \
               AND role IN ('citizen', 'support')",
        )
        .bind(board.to_string())
        .bind(account.to_string())
        .bind(now.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The boards an account may open, most recently changed first.
    pub async fn boards_of(&self, account: AccountId) -> Result<Vec<BoardSummary>, StoreError> {
        self.list_boards_where(
            "b.id IN (SELECT board_id FROM board_access \
                      WHERE account_id = $1 AND revoked_at IS NULL)",
            &account.to_string(),
        )
        .await
    }

    /// Grants a role on a board directly (the demo seed; people get access through the
    /// team or an invitation).
    pub async fn grant_access(
        &self,
        board: BoardId,
        account: AccountId,
        role: BoardRole,
        by: AccountId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        let by = by.to_string();
        grant(
            &mut tx,
            &board.to_string(),
            &account.to_string(),
            role,
            Some(&by),
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes a demo invitation usable again (creating it the first time).
    pub async fn reset_demo_invitation(&self, i: &NewInvitationRow) -> Result<(), StoreError> {
        let updated = sqlx::query(
            "UPDATE invitations SET used_at = NULL, withdrawn_at = NULL, attempts = 0, \
                                    expires_at = $2, code_hash = $3 WHERE id = $1",
        )
        .bind(i.id.to_string())
        .bind(i.expires_at.0)
        .bind(&i.code_hash)
        .execute(&self.pool)
        .await?;
        if updated.rows_affected() == 0 {
            self.create_invitation(i).await?;
        }
        Ok(())
    }

    /// Stores an invitation.
    pub async fn create_invitation(&self, i: &NewInvitationRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO invitations (id, token_hash, code_hash, board_id, role, name, phone, \
                                      account_id, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(i.id.to_string())
        .bind(&i.token_hash)
        .bind(&i.code_hash)
        .bind(i.board_id.to_string())
        .bind(guest_str(i.role))
        .bind(&i.name)
        .bind(&i.phone)
        .bind(i.account_id.map(|a| a.to_string()))
        .bind(i.invited_by.to_string())
        .bind(i.at.0)
        .bind(i.expires_at.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// An invitation by the hash of its link's token, whatever its state.
    pub async fn invitation_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<InvitationRow>, StoreError> {
        Ok(sqlx::query_as::<_, InvitationRow>(&format!(
            "SELECT {INVITATION_COLUMNS} FROM invitations WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Counts a wrong code; returns the attempts so far.
    pub async fn invitation_wrong_code(&self, id: &str) -> Result<i64, StoreError> {
        sqlx::query("UPDATE invitations SET attempts = attempts + 1 WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        let (n,): (i64,) = sqlx::query_as("SELECT attempts FROM invitations WHERE id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    /// Takes an invitation into use, in one transaction: marks it used (only if it still
    /// is unused, unexpired and under the attempt limit), creates the account if needed,
    /// grants access, starts the session and writes the audit line. `None` if it was
    /// used or locked meanwhile.
    pub async fn redeem_invitation(
        &self,
        inv: &InvitationRow,
        new_account: Option<&NewAccount>,
        session: &NewSession,
        max_attempts: i64,
        audit: &AuditEntry,
    ) -> Result<Option<()>, StoreError> {
        let mut tx = self.writes.begin().await?;
        let marked = sqlx::query(
            "UPDATE invitations SET used_at = $2 \
             WHERE id = $1 AND used_at IS NULL AND withdrawn_at IS NULL \
               AND expires_at > $2 AND attempts < $3",
        )
        .bind(&inv.id)
        .bind(session.at.0)
        .bind(max_attempts)
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        if let Some(a) = new_account {
            insert_account(&mut tx, a).await?;
        }
        let role = inv.guest_role()?.board_role();
        grant(
            &mut tx,
            &inv.board_id,
            &session.account_id.to_string(),
            role,
            Some(&inv.invited_by),
            session.at,
        )
        .await?;
        insert_session(&mut tx, session).await?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(Some(()))
    }

    /// Invitations on a board that can still be used.
    pub async fn pending_invitations(
        &self,
        board: BoardId,
        now: Timestamp,
        max_attempts: i64,
    ) -> Result<Vec<(PendingInvitation, String)>, StoreError> {
        let rows = sqlx::query_as::<_, InvitationRow>(&format!(
            "SELECT {INVITATION_COLUMNS} FROM invitations \
             WHERE board_id = $1 AND used_at IS NULL AND withdrawn_at IS NULL \
               AND expires_at > $2 AND attempts < $3 ORDER BY created_at"
        ))
        .bind(board.to_string())
        .bind(now.0)
        .bind(max_attempts)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok((
                    PendingInvitation {
                        id: InvitationId::parse(&r.id)
                            .ok_or_else(|| StoreError::Corrupt("invitation id".into()))?,
                        role: r.guest_role()?,
                        name: r.name.clone(),
                        expires_at: Timestamp(r.expires_at),
                    },
                    r.invited_by,
                ))
            })
            .collect()
    }

    /// Withdraws an unused invitation of a board; `false` if there is none.
    pub async fn withdraw_invitation(
        &self,
        board: BoardId,
        id: InvitationId,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE invitations SET withdrawn_at = $3 \
             WHERE board_id = $1 AND id = $2 AND used_at IS NULL AND withdrawn_at IS NULL",
        )
        .bind(board.to_string())
        .bind(id.to_string())
        .bind(now.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// An invitation of a board by id (any state).
    pub async fn invitation(
        &self,
        board: BoardId,
        id: InvitationId,
    ) -> Result<Option<InvitationRow>, StoreError> {
        Ok(sqlx::query_as::<_, InvitationRow>(&format!(
            "SELECT {INVITATION_COLUMNS} FROM invitations WHERE board_id = $1 AND id = $2"
        ))
        .bind(board.to_string())
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Writes one audit line.
    pub async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        insert_audit(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Searches the audit log, newest first.
    pub async fn search_audit(&self, f: &AuditFilter) -> Result<Vec<AuditRecord>, StoreError> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT id, at, account_id, actor_name, actor_role, session_id, board_id, action, version \
             FROM audit_log \
             WHERE ($1 IS NULL OR board_id = $1) AND ($2 IS NULL OR account_id = $2) \
               AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4) \
             ORDER BY id DESC LIMIT $5",
        )
        .bind(f.board.map(|b| b.to_string()))
        .bind(f.account.map(|a| a.to_string()))
        .bind(f.from.map(|t| t.0))
        .bind(f.until.map(|t| t.0))
        .bind(f.limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AuditRow::into_record).collect()
    }

    /// Staff who opened a board, newest first; repeated opens by the same person within an
    /// hour count once.
    pub async fn plan_views(&self, board: BoardId) -> Result<Vec<PlanView>, StoreError> {
        let rows: Vec<ViewRow> = sqlx::query_as(
            "SELECT l.account_id, l.actor_name, l.actor_role, l.at, a.office FROM audit_log l \
             LEFT JOIN accounts a ON a.id = l.account_id \
             WHERE l.board_id = $1 AND l.action = $2 AND l.actor_role IN ('owner', 'member') \
             ORDER BY l.id DESC LIMIT 2000",
        )
        .bind(board.to_string())
        .bind(AuditAction::OpenBoard.as_str())
        .fetch_all(&self.pool)
        .await?;
        let mut last_kept: BTreeMap<Option<String>, i64> = BTreeMap::new();
        let mut out = Vec::new();
        for ViewRow {
            account_id: account,
            actor_name: name,
            actor_role: role,
            at,
            office,
        } in rows
        {
            const HOUR: i64 = 3_600_000;
            if last_kept.get(&account).is_some_and(|kept| kept - at < HOUR) {
                continue;
            }
            last_kept.insert(account, at);
            out.push(PlanView {
                name,
                role: BoardRole::parse(&role).unwrap_or(BoardRole::Member),
                office,
                at: Timestamp(at),
            });
        }
        Ok(out)
    }
}

#[derive(sqlx::FromRow)]
struct LiveSessionRow {
    session_id: String,
    session_last_seen: i64,
    #[sqlx(flatten)]
    account: AccountRow,
}

#[derive(sqlx::FromRow)]
struct ViewRow {
    account_id: Option<String>,
    actor_name: String,
    actor_role: String,
    at: i64,
    office: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    account_id: Option<String>,
    actor_name: String,
    actor_role: String,
    session_id: Option<String>,
    board_id: Option<String>,
    action: String,
    version: Option<i64>,
}

impl AuditRow {
    fn into_record(self) -> Result<AuditRecord, StoreError> {
        Ok(AuditRecord {
            id: self.id,
            at: Timestamp(self.at),
            account_id: self.account_id.as_deref().and_then(AccountId::parse),
            actor_name: self.actor_name,
            actor_role: self.actor_role,
            session_id: self.session_id,
            board_id: self.board_id.as_deref().and_then(BoardId::parse),
            action: AuditAction::parse(&self.action)
                .ok_or_else(|| StoreError::Corrupt(format!("audit action {}", self.action)))?,
            version: self.version.and_then(|v| u64::try_from(v).ok()),
        })
    }
}

/// Inserts an account; `false` if the e-mail is taken.
async fn insert_account(tx: &mut Transaction<'_, Any>, a: &NewAccount) -> Result<bool, StoreError> {
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

async fn insert_session(tx: &mut Transaction<'_, Any>, s: &NewSession) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (id, token_hash, account_id, created_at, last_seen_at, idle_ms, expires_at) \
         VALUES ($1, $2, $3, $4, $4, $5, $6)",
    )
    .bind(&s.id)
    .bind(&s.token_hash)
    .bind(s.account_id.to_string())
    .bind(s.at.0)
    .bind(s.idle_ms)
    .bind(s.expires_at.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

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

/// Grants (or re-grants) a role on a board.
async fn grant(
    tx: &mut Transaction<'_, Any>,
    board: &str,
    account: &str,
    role: BoardRole,
    by: Option<&str>,
    at: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO board_access (board_id, account_id, role, granted_by, granted_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (board_id, account_id) DO UPDATE SET \
            role = excluded.role, granted_by = excluded.granted_by, \
            granted_at = excluded.granted_at, revoked_at = NULL",
    )
    .bind(board)
    .bind(account)
    .bind(role.as_str())
    .bind(by)
    .bind(at.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Brings the team's rows of `board_access` in line with the board's members: the lead is
/// owner, other members with an account are members, removed members lose access.
pub(super) async fn sync_team_access(
    tx: &mut Transaction<'_, Any>,
    board: &Board,
    by: Option<AccountId>,
    at: Timestamp,
) -> Result<(), StoreError> {
    let mut wanted: BTreeMap<AccountId, Option<BoardRole>> = BTreeMap::new();
    for m in &board.members {
        let Some(account) = m.account else { continue };
        let role = (!m.removed).then_some(if m.lead {
            BoardRole::Owner
        } else {
            BoardRole::Member
        });
        // The same account may be on the list twice (removed, then added again).
        let entry = wanted.entry(account).or_insert(None);
        if let Some(r) = role {
            *entry = Some(entry.map_or(r, |e| e.min(r)));
        }
    }
    let board_id = board.id.to_string();
    for (account, role) in wanted {
        let current: Option<(String, Option<i64>)> = sqlx::query_as(
            "SELECT role, revoked_at FROM board_access WHERE board_id = $1 AND account_id = $2",
        )
        .bind(&board_id)
        .bind(account.to_string())
        .fetch_optional(&mut **tx)
        .await?;
        let same = match (&current, role) {
            (Some((r, None)), Some(role)) => r == role.as_str(),
            (Some((_, Some(_))), None) | (None, None) => true,
            _ => false,
        };
        if same {
            continue;
        }
        match role {
            Some(role) => {
                let by = by.map(|b| b.to_string());
                grant(tx, &board_id, &account.to_string(), role, by.as_deref(), at).await?;
            }
            None => {
                sqlx::query(
                    "UPDATE board_access SET revoked_at = $3 \
                     WHERE board_id = $1 AND account_id = $2 AND revoked_at IS NULL",
                )
                .bind(&board_id)
                .bind(account.to_string())
                .bind(at.0)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

/// Writes an audit line inside a transaction.
pub(super) async fn insert_audit(
    tx: &mut Transaction<'_, Any>,
    e: &AuditEntry,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, account_id, actor_name, actor_role, session_id, board_id, action, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.at.0)
    .bind(e.account_id.map(|a| a.to_string()))
    .bind(&e.actor_name)
    .bind(&e.actor_role)
    .bind(&e.session_id)
    .bind(e.board_id.map(|b| b.to_string()))
    .bind(e.action.as_str())
    .bind(e.version.map(to_i64))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
