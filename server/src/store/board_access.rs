//! Who may open a board: roles on boards (the team's, kept in step with its members, and
//! guests'), the access list, revoking a guest, and the boards an account may open.

use std::collections::BTreeMap;

use model::{AccessEntry, AccountId, Board, BoardId, BoardRole, BoardSummary, Timestamp};
use sqlx::{Any, Transaction};

use super::{Store, StoreError};

impl Store {
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
}

/// Grants (or re-grants) a role on a board.
pub(super) async fn grant(
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
