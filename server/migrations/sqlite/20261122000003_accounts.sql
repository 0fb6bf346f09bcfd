-- Accounts, sessions, access to boards, invitations and the audit log (SQLite).
-- Keep in step with ../postgres/20261122000003_accounts.sql.

-- Whether the citizen may add cards (0/1), and the citizen's consent to share between the
-- services (model::Consent as JSON, or NULL). Their history is in board_events.
ALTER TABLE boards ADD COLUMN citizen_may_add INTEGER NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN consent TEXT;

-- Staff (e-mail + password), citizens and støttepersoner (invitation + code).
CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('staff', 'citizen', 'support')),
    -- Staff only: 'admin' or 'caseworker'.
    staff_role    TEXT CHECK (staff_role IN ('admin', 'caseworker')),
    name          TEXT NOT NULL,
    -- Staff login, stored lower-case. NULL for citizens.
    email         TEXT UNIQUE,
    -- E.164.
    phone         TEXT,
    office        TEXT,
    -- argon2id PHC string; NULL for citizens, who have no password.
    password_hash TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    -- Wrong passwords in a row; reset by a good one. Locks the account for a while.
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER,
    CHECK ((kind = 'staff') = (staff_role IS NOT NULL))
);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, so a
-- copy of this table cannot be used to sign in.
CREATE TABLE sessions (
    -- Named in the audit log (not secret).
    id            TEXT PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    account_id    TEXT NOT NULL REFERENCES accounts (id),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    -- Idle limit in milliseconds; the session ends when last_seen_at + idle_ms has passed.
    idle_ms       INTEGER NOT NULL,
    -- Absolute end, however active.
    expires_at    INTEGER NOT NULL,
    ended_at      INTEGER,
    -- 'sign_out', 'password_changed', 'account_disabled'.
    ended_reason  TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Who may open which board, in which role. Team members (owner, member) are written in
-- the same transaction as the event that adds or removes them; citizens and
-- støttepersoner when they redeem an invitation. Revoked rows stay, for the record.
CREATE TABLE board_access (
    board_id    TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    role        TEXT NOT NULL CHECK (role IN ('owner', 'member', 'citizen', 'support')),
    granted_by  TEXT,
    granted_at  INTEGER NOT NULL,
    revoked_at  INTEGER,
    PRIMARY KEY (board_id, account_id)
);
CREATE INDEX board_access_account ON board_access (account_id);

-- An invitation for a citizen or støtteperson: a secret link plus a six-digit code.
-- Only hashes are stored.
CREATE TABLE invitations (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    code_hash   TEXT NOT NULL,
    board_id    TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('citizen', 'support')),
    name        TEXT NOT NULL,
    phone       TEXT,
    -- The account it signs in to; NULL makes a new one.
    account_id  TEXT REFERENCES accounts (id),
    invited_by  TEXT NOT NULL REFERENCES accounts (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    -- Wrong codes so far; at the limit the invitation stops working.
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     INTEGER,
    withdrawn_at INTEGER
);
CREATE INDEX invitations_board ON invitations (board_id);

-- Every read and change of a board, every sign-in and every administration step.
-- Append-only: the triggers below refuse updates and deletes, and the API has neither.
-- No foreign keys, so the record outlives the board and the account it names.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    account_id  TEXT,
    actor_name  TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    session_id  TEXT,
    board_id    TEXT,
    action      TEXT NOT NULL,
    -- For a change: the event version it produced.
    version     INTEGER
);
CREATE INDEX audit_log_board ON audit_log (board_id, at);
CREATE INDEX audit_log_account ON audit_log (account_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
