//! What the citizen's view needs besides the board: the contact person's profile, callback
//! requests, and private calendar subscriptions.

use model::{
    AccountId, BoardId, CallbackId, CallbackRequest, CallbackStatus, ContactProfile, IsoDate,
    PhoneNumber, Timestamp,
};

use super::{Store, StoreError, audit::insert_audit, rows};
use crate::store::{AccountRow, AuditEntry};

/// A callback request as stored, with the board's title and its contact person now.
#[derive(Debug, Clone, sqlx::FromRow)]
struct CallbackRow {
    id: String,
    board_id: String,
    citizen_name: String,
    phone: String,
    note: Option<String>,
    good_times: Option<String>,
    status: String,
    requested_at: i64,
    deadline: String,
    updated_at: i64,
    updated_by: Option<String>,
    board_title: String,
    contact_account: Option<String>,
}

impl CallbackRow {
    fn into_request(self) -> Result<(CallbackRequest, String, Option<AccountId>), StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("callback {what}"));
        let request = CallbackRequest {
            id: CallbackId::parse(&self.id).ok_or_else(|| corrupt("id"))?,
            board_id: BoardId::parse(&self.board_id).ok_or_else(|| corrupt("board"))?,
            citizen_name: self.citizen_name,
            phone: PhoneNumber::parse(&self.phone).map_err(|_| corrupt("phone"))?,
            note: self.note,
            good_times: self.good_times,
            status: CallbackStatus::parse(&self.status).ok_or_else(|| corrupt("status"))?,
            requested_at: Timestamp(self.requested_at),
            deadline: IsoDate::parse(&self.deadline).ok_or_else(|| corrupt("deadline"))?,
            updated_at: Timestamp(self.updated_at),
            updated_by: self.updated_by,
        };
        let contact = self.contact_account.as_deref().and_then(AccountId::parse);
        Ok((request, self.board_title, contact))
    }
}

const CALLBACK_SELECT: &str = "SELECT r.id, r.board_id, r.citizen_name, r.phone, r.note, \
     r.good_times, r.status, r.requested_at, r.deadline, r.updated_at, r.updated_by, \
     b.title AS board_title, b.contact_account \
     FROM callback_requests r JOIN boards b ON b.id = r.board_id";

/// A callback request with where it came from.
#[derive(Debug, Clone)]
pub struct StoredCallback {
    /// The request.
    pub request: CallbackRequest,
    /// The board's title.
    pub board_title: String,
    /// The board's contact person now.
    pub contact: Option<AccountId>,
}

fn stored(rows: Vec<CallbackRow>) -> Result<Vec<StoredCallback>, StoreError> {
    rows.into_iter()
        .map(|r| {
            let (request, board_title, contact) = r.into_request()?;
            Ok(StoredCallback {
                request,
                board_title,
                contact,
            })
        })
        .collect()
}

/// A new callback request.
#[derive(Debug, Clone)]
pub struct NewCallbackRow {
    /// The request, status `received`.
    pub request: CallbackRequest,
    /// The citizen who asked.
    pub account: AccountId,
}

impl Store {
    /// An account with its contact profile: the direct number from the account, the rest
    /// from `contact_profiles` (empty if never saved).
    pub async fn contact_profile(
        &self,
        account: AccountId,
    ) -> Result<Option<(AccountRow, ContactProfile)>, StoreError> {
        let Some(row) = self.account(account).await? else {
            return Ok(None);
        };
        let saved: Option<(String, Option<String>, String)> = sqlx::query_as(
            "SELECT hours, substitute_id, absences FROM contact_profiles WHERE account_id = $1",
        )
        .bind(account.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let phone = row
            .phone
            .as_deref()
            .map(|p| PhoneNumber::parse(p).map_err(|_| StoreError::Corrupt("phone".into())))
            .transpose()?;
        let mut profile = ContactProfile {
            phone,
            ..ContactProfile::default()
        };
        if let Some((hours, substitute, absences)) = saved {
            profile.hours = rows::from_json("hours", &hours)?;
            profile.substitute = substitute.as_deref().and_then(AccountId::parse);
            profile.absences = rows::from_json("absences", &absences)?;
        }
        Ok(Some((row, profile)))
    }

    /// Saves a contact profile (number on the account, the rest in `contact_profiles`) with
    /// its audit line, in one transaction.
    pub async fn save_contact_profile(
        &self,
        account: AccountId,
        profile: &ContactProfile,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        sqlx::query("UPDATE accounts SET phone = $2 WHERE id = $1")
            .bind(account.to_string())
            .bind(profile.phone.as_ref().map(|p| p.as_str().to_owned()))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO contact_profiles (account_id, hours, substitute_id, absences, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (account_id) DO UPDATE SET hours = excluded.hours, \
                substitute_id = excluded.substitute_id, absences = excluded.absences, \
                updated_at = excluded.updated_at",
        )
        .bind(account.to_string())
        .bind(rows::to_json(&profile.hours)?)
        .bind(profile.substitute.map(|s| s.to_string()))
        .bind(rows::to_json(&profile.absences)?)
        .bind(audit.at.0)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The people who name `account` as their substitute.
    pub async fn substituted_by(&self, account: AccountId) -> Result<Vec<AccountId>, StoreError> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT account_id FROM contact_profiles WHERE substitute_id = $1")
                .bind(account.to_string())
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id,)| AccountId::parse(&id))
            .collect())
    }

    /// Stores a new callback request with its audit line, unless the board has an open
    /// one already (`false` then).
    pub async fn insert_callback(
        &self,
        new: &NewCallbackRow,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let r = &new.request;
        let mut tx = self.writes.begin().await?;
        let open: Option<(String,)> = sqlx::query_as(
            "SELECT id FROM callback_requests \
             WHERE board_id = $1 AND status IN ('received', 'no_answer')",
        )
        .bind(r.board_id.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        if open.is_some() {
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO callback_requests (id, board_id, account_id, citizen_name, phone, note, \
                 good_times, status, requested_at, deadline, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(r.id.to_string())
        .bind(r.board_id.to_string())
        .bind(new.account.to_string())
        .bind(&r.citizen_name)
        .bind(r.phone.as_str())
        .bind(&r.note)
        .bind(&r.good_times)
        .bind(r.status.as_str())
        .bind(r.requested_at.0)
        .bind(r.deadline.to_string())
        .bind(r.updated_at.0)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A board's callback requests, newest first.
    pub async fn board_callbacks(
        &self,
        board: BoardId,
    ) -> Result<Vec<CallbackRequest>, StoreError> {
        let rows: Vec<CallbackRow> = sqlx::query_as(&format!(
            "{CALLBACK_SELECT} WHERE r.board_id = $1 ORDER BY r.requested_at DESC, r.id LIMIT 50"
        ))
        .bind(board.to_string())
        .fetch_all(&self.pool)
        .await?;
        Ok(stored(rows)?.into_iter().map(|s| s.request).collect())
    }

    /// One callback request.
    pub async fn callback(&self, id: CallbackId) -> Result<Option<StoredCallback>, StoreError> {
        let row: Option<CallbackRow> =
            sqlx::query_as(&format!("{CALLBACK_SELECT} WHERE r.id = $1"))
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        Ok(stored(row.into_iter().collect())?.into_iter().next())
    }

    /// Open requests on boards whose contact person is one of `contacts`, soonest deadline
    /// first.
    pub async fn open_callbacks_for(
        &self,
        contacts: &[AccountId],
    ) -> Result<Vec<StoredCallback>, StoreError> {
        if contacts.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=contacts.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "{CALLBACK_SELECT} WHERE r.status IN ('received', 'no_answer') \
               AND b.contact_account IN ({}) ORDER BY r.deadline, r.requested_at, r.id",
            placeholders.join(", ")
        );
        let mut query = sqlx::query_as::<_, CallbackRow>(&sql);
        for c in contacts {
            query = query.bind(c.to_string());
        }
        stored(query.fetch_all(&self.pool).await?)
    }

    /// Sets a request's status with its audit line, in one transaction.
    pub async fn update_callback(
        &self,
        id: CallbackId,
        status: CallbackStatus,
        by: &str,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut tx = self.writes.begin().await?;
        sqlx::query(
            "UPDATE callback_requests SET status = $2, updated_at = $3, updated_by = $4 \
             WHERE id = $1",
        )
        .bind(id.to_string())
        .bind(status.as_str())
        .bind(audit.at.0)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// When the citizen's active calendar subscription on a board was made, if there is one.
    pub async fn calendar_feed(
        &self,
        board: BoardId,
        account: AccountId,
    ) -> Result<Option<Timestamp>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT created_at FROM calendar_feeds \
             WHERE board_id = $1 AND account_id = $2 AND revoked_at IS NULL",
        )
        .bind(board.to_string())
        .bind(account.to_string())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(at,)| Timestamp(at)))
    }

    /// Replaces the citizen's calendar subscription on a board (the old address stops
    /// working) or, with no new token hash, only revokes it; with the audit line, in one
    /// transaction.
    pub async fn replace_calendar_feed(
        &self,
        board: BoardId,
        account: AccountId,
        new: Option<(&str, &str)>,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let mut tx = self.writes.begin().await?;
        let revoked = sqlx::query(
            "UPDATE calendar_feeds SET revoked_at = $3 \
             WHERE board_id = $1 AND account_id = $2 AND revoked_at IS NULL",
        )
        .bind(board.to_string())
        .bind(account.to_string())
        .bind(audit.at.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if let Some((id, token_hash)) = new {
            sqlx::query(
                "INSERT INTO calendar_feeds (id, token_hash, board_id, account_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(token_hash)
            .bind(board.to_string())
            .bind(account.to_string())
            .bind(audit.at.0)
            .execute(&mut *tx)
            .await?;
        }
        insert_audit(&mut tx, audit).await?;
        tx.commit().await?;
        Ok(revoked > 0)
    }

    /// The board and citizen of an active calendar subscription, by its token's hash.
    pub async fn calendar_feed_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<(BoardId, AccountId)>, StoreError> {
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT board_id, account_id FROM calendar_feeds \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(b, a)| Some((BoardId::parse(&b)?, AccountId::parse(&a)?))))
    }
}
