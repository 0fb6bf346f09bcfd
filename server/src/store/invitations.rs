//! Invitations of citizens and støttepersoner to a board: creating, finding, counting wrong
//! codes, withdrawing, and redeeming them (account, access, session and audit line at once).

use model::{AccountId, BoardId, GuestRole, InvitationId, PendingInvitation, Timestamp};

use super::{
    Store, StoreError,
    accounts::{NewAccount, insert_account},
    audit::{AuditEntry, insert_audit},
    board_access::grant,
    sessions::{NewSession, insert_session},
};

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

const INVITATION_COLUMNS: &str = "id, code_hash, board_id, role, name, phone, account_id, \
     invited_by, expires_at, attempts, used_at, withdrawn_at";

impl Store {
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
}
