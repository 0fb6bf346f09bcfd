-- Boards, cards and the append-only event log (SQLite).
-- Keep in step with ../postgres/20261122000001_boards.sql: same tables, columns and meaning.
-- Ids are UUIDs as text and times are milliseconds since the Unix epoch, so that one set
-- of queries runs unchanged on both databases through sqlx's Any driver.

-- One row per duk.
CREATE TABLE boards (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    citizen_name  TEXT NOT NULL,
    -- The two horizon dates of the grid, 'YYYY-MM-DD', or NULL when not set yet.
    short_term_by TEXT,
    long_term_by  TEXT,
    -- model::Template as JSON: the board's own rows, columns and zones (templates are data).
    template      TEXT NOT NULL,
    -- Number of accepted operations. Bumped only together with an insert into board_events,
    -- guarded by `WHERE version = <previous>` so two writers can never both take a version.
    version       INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_by    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- The current state of every card: a projection of board_events, written in the same
-- transaction as the event that changed it.
CREATE TABLE cards (
    board_id    TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    -- Chosen by the client; unique within its board only.
    id          TEXT NOT NULL,
    -- model::Placement as JSON ({"cell":{"theme":…,"column":…}} or {"zone":{"zone":…}}).
    placement   TEXT NOT NULL,
    -- Fractional ordering key within the placement (model::OrderKey).
    order_key   TEXT NOT NULL,
    text        TEXT NOT NULL,
    -- model::Responsible as JSON, or NULL.
    responsible TEXT,
    -- The frist, 'YYYY-MM-DD'.
    due_date    TEXT,
    -- model::CardStatus as JSON.
    status      TEXT NOT NULL,
    note        TEXT,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    -- Deleted cards stay (0/1 rather than BOOLEAN, which sqlx's Any driver cannot read from SQLite).
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    PRIMARY KEY (board_id, id)
);

-- Every accepted operation, in order. Never updated; the API has no way to delete rows.
CREATE TABLE board_events (
    board_id     TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    -- The board version this event produced: 1, 2, 3… without gaps.
    version      INTEGER NOT NULL CHECK (version > 0),
    -- Display name of whoever made the change.
    actor        TEXT NOT NULL,
    at           INTEGER NOT NULL,
    -- The client's id for the operation; unique per board so a resend is applied once.
    client_op_id TEXT NOT NULL,
    -- model::Operation as JSON, text already cleaned.
    op           TEXT NOT NULL,
    PRIMARY KEY (board_id, version),
    UNIQUE (board_id, client_op_id)
);

CREATE TRIGGER board_events_append_only
BEFORE UPDATE ON board_events
BEGIN
    SELECT RAISE(ABORT, 'board_events is append-only');
END;
