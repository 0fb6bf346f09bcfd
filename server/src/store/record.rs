//! The record: frozen minutes, the board as created (to replay history from), and the
//! version each viewer last saw.

use model::{AccountId, Board, BoardId, Minutes, Timestamp};
use sqlx::{Any, Transaction};

use super::{Store, StoreError, rows, to_i64};

/// Freezes the minutes the event just applied to `board` made (its last entry), in the
/// event's transaction.
pub(super) async fn insert_minutes(
    tx: &mut Transaction<'_, Any>,
    board: &Board,
) -> Result<(), StoreError> {
    let info = board
        .minutes
        .last()
        .ok_or_else(|| StoreError::Corrupt("minutes event without minutes".into()))?;
    let doc = board.freeze_minutes(info);
    sqlx::query(
        "INSERT INTO minutes (board_id, number, revision, version, created_at, doc) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(board.id.to_string())
    .bind(i64::from(info.number))
    .bind(i64::from(info.revision))
    .bind(to_i64(info.version))
    .bind(info.ended_at.0)
    .bind(rows::to_json(&doc)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Keeps `board` as it stands at its version, to replay history from.
pub(super) async fn insert_checkpoint(
    tx: &mut Transaction<'_, Any>,
    board: &Board,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO board_checkpoints (board_id, version, board) VALUES ($1, $2, $3) \
         ON CONFLICT (board_id, version) DO NOTHING",
    )
    .bind(board.id.to_string())
    .bind(to_i64(board.version))
    .bind(rows::to_json(board)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Boards stored before checkpoints existed get one at the version they have now, so
    /// their history can be told (from there on exactly; before it, against this state).
    pub(super) async fn backfill_checkpoints(&self) -> Result<(), StoreError> {
        let ids: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM boards b WHERE NOT EXISTS \
             (SELECT 1 FROM board_checkpoints c WHERE c.board_id = b.id)",
        )
        .fetch_all(&self.pool)
        .await?;
        for (id,) in ids {
            let Some(id) = BoardId::parse(&id) else {
                continue;
            };
            if let Some(board) = self.load_board(id).await? {
                let mut tx = self.writes.begin().await?;
                insert_checkpoint(&mut tx, &board).await?;
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// The earliest stored state of a board: where its history is replayed from.
    pub async fn first_checkpoint(&self, board: BoardId) -> Result<Option<Board>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT board FROM board_checkpoints WHERE board_id = $1 ORDER BY version LIMIT 1",
        )
        .bind(board.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(json,)| rows::from_json("checkpoint", &json))
            .transpose()
    }

    /// One version of a meeting's minutes, as frozen.
    pub async fn minutes(
        &self,
        board: BoardId,
        number: u32,
        revision: u32,
    ) -> Result<Option<Minutes>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT doc FROM minutes WHERE board_id = $1 AND number = $2 AND revision = $3",
        )
        .bind(board.to_string())
        .bind(i64::from(number))
        .bind(i64::from(revision))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(json,)| rows::from_json("minutes", &json))
            .transpose()
    }

    /// Every version of every meeting's minutes of a board, in the order they were made.
    pub async fn all_minutes(&self, board: BoardId) -> Result<Vec<Minutes>, StoreError> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT doc FROM minutes WHERE board_id = $1 ORDER BY version")
                .bind(board.to_string())
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|(json,)| rows::from_json("minutes", &json))
            .collect()
    }

    /// The version `account` saw when it last opened the board, and from now on `version`.
    /// Read first, then one upsert: a transaction that reads and then writes would, under
    /// SQLite's WAL, fail at once ("database is locked") whenever another connection wrote
    /// in between. Two tabs opening at the same moment may both read the older value,
    /// which only marks a few more cards.
    pub async fn swap_seen(
        &self,
        account: AccountId,
        board: BoardId,
        version: u64,
        at: Timestamp,
    ) -> Result<Option<u64>, StoreError> {
        let before: Option<(i64,)> = sqlx::query_as(
            "SELECT version FROM board_seen WHERE account_id = $1 AND board_id = $2",
        )
        .bind(account.to_string())
        .bind(board.to_string())
        .fetch_optional(&self.pool)
        .await?;
        sqlx::query(
            "INSERT INTO board_seen (account_id, board_id, version, at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (account_id, board_id) DO UPDATE SET version = excluded.version, \
                                                          at = excluded.at",
        )
        .bind(account.to_string())
        .bind(board.to_string())
        .bind(to_i64(version))
        .bind(at.0)
        .execute(&self.writes)
        .await?;
        before.map(|(v,)| rows::version(v)).transpose()
    }
}
