-- The duk as the shared record: the meeting going on, minutes frozen at each meeting's
-- end, where each card last changed, the board as it was created (to replay its history
-- from), and the version each viewer last saw (PostgreSQL).
-- Keep in step with ../sqlite/20261201000005_record.sql.

-- model::MeetingSession as JSON while a meeting is going on, otherwise NULL.
ALTER TABLE boards ADD COLUMN session TEXT;
-- model::MinutesInfo list as JSON: every version of every meeting's minutes with the
-- citizen's answers (small; read and written with the board). The frozen content is in
-- `minutes` below.
ALTER TABLE boards ADD COLUMN minutes TEXT NOT NULL DEFAULT '[]';

-- The board version of the card's last change (model::Card::changed_in), for "changed in
-- the meeting" and "changed since the last meeting". Existing cards take it from the log.
ALTER TABLE cards ADD COLUMN changed_in BIGINT NOT NULL DEFAULT 0;
UPDATE cards SET changed_in = COALESCE((
    SELECT MAX(e.version) FROM board_events e
    WHERE e.board_id = cards.board_id AND e.op LIKE '%"card_id":"' || cards.id || '"%'
), 0);

-- A board as it stood at a version (model::Board as JSON): written when the board is
-- created (version 0), so that its history can be replayed event by event from there.
-- Boards older than this table get one at the version they had when it was added.
CREATE TABLE board_checkpoints (
    board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    version  BIGINT NOT NULL CHECK (version >= 0),
    board    TEXT NOT NULL,
    PRIMARY KEY (board_id, version)
);

-- The minutes of a meeting, frozen when it ended (revision 1) or was corrected (2, 3…):
-- model::Minutes as JSON, written in the same transaction as the event that made it.
-- Never changed: a correction is a new row. Deleted only with its board.
CREATE TABLE minutes (
    board_id   TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    number     BIGINT NOT NULL CHECK (number > 0),
    revision   BIGINT NOT NULL CHECK (revision > 0),
    -- The board version it froze (the event that ended the meeting or corrected it).
    version    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    doc        TEXT NOT NULL,
    PRIMARY KEY (board_id, number, revision)
);

CREATE FUNCTION frozen_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% cannot be changed; a correction is a new version', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER minutes_no_update
BEFORE UPDATE ON minutes
FOR EACH ROW EXECUTE FUNCTION frozen_row();

CREATE TRIGGER board_checkpoints_no_update
BEFORE UPDATE ON board_checkpoints
FOR EACH ROW EXECUTE FUNCTION frozen_row();

-- The board version an account last opened, for "Endret siden du så sist".
CREATE TABLE board_seen (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    board_id   TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    version    BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    PRIMARY KEY (account_id, board_id)
);
