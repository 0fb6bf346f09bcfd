-- The citizen's view: meetings and the contact person on the board, staff contact
-- profiles, "Ring meg" requests and private calendar addresses (sqlite).
-- Keep in step with ../postgres/20261201000004_citizen.sql.

-- model::Meeting list as JSON, cancelled and past meetings included; small (at most 200),
-- always read and written with the board. Its history is in board_events.
ALTER TABLE boards ADD COLUMN meetings TEXT NOT NULL DEFAULT '[]';
-- The member the team named contact person (model::MemberId), or NULL for the lead.
ALTER TABLE boards ADD COLUMN contact TEXT;
-- The account of the contact person now (the named member's, or the lead's): derived from
-- the two columns above and written with them, so that a contact person's open callback
-- requests are found without reading every board.
ALTER TABLE boards ADD COLUMN contact_account TEXT;
CREATE INDEX boards_contact_account ON boards (contact_account);

-- What a member of staff shows the citizens they are contact person for. The direct
-- number is accounts.phone.
CREATE TABLE contact_profiles (
    account_id    TEXT PRIMARY KEY REFERENCES accounts (id),
    -- model::OfficeHours list as JSON, by weekday.
    hours         TEXT NOT NULL DEFAULT '[]',
    -- Who covers while they are away.
    substitute_id TEXT REFERENCES accounts (id),
    -- model::Absence list as JSON, by date; the substitute is shown first during one.
    absences      TEXT NOT NULL DEFAULT '[]',
    updated_at    INTEGER NOT NULL
);
CREATE INDEX contact_profiles_substitute ON contact_profiles (substitute_id);

-- "Ring meg": a citizen asks their contact person to call within two working days.
CREATE TABLE callback_requests (
    id           TEXT PRIMARY KEY,
    board_id     TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    -- The citizen who asked.
    account_id   TEXT NOT NULL REFERENCES accounts (id),
    citizen_name TEXT NOT NULL,
    -- E.164.
    phone        TEXT NOT NULL,
    -- At most 500 characters.
    note         TEXT,
    good_times   TEXT,
    status       TEXT NOT NULL CHECK (status IN ('received', 'called', 'no_answer', 'closed')),
    requested_at INTEGER NOT NULL,
    -- The last day the call should come: two Norwegian working days after the request,
    -- 'YYYY-MM-DD'. Fixed when asked, so a later change of holidays cannot move it.
    deadline     TEXT NOT NULL,
    updated_at   INTEGER NOT NULL,
    -- Display name of whoever last changed the status.
    updated_by   TEXT
);
CREATE INDEX callback_requests_board ON callback_requests (board_id, requested_at);
CREATE INDEX callback_requests_status ON callback_requests (status, deadline);

-- A citizen's private calendar address. Only the token's SHA-256 is stored; making a new
-- one or turning it off sets revoked_at, and the old address answers 404 from then on.
CREATE TABLE calendar_feeds (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    board_id    TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX calendar_feeds_board ON calendar_feeds (board_id, account_id);
