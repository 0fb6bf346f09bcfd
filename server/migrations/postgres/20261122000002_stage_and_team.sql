-- The plan stage and the team on the board (postgres).
-- Keep in step with ../sqlite/20261122000002_stage_and_team.sql.

-- model::Stage as JSON ('"untenable"', '"at_risk"', '"stable"', '"sustainable"'), or NULL
-- while the team has not set it. Its history is in board_events (set_header).
ALTER TABLE boards ADD COLUMN stage TEXT;

-- The team: a JSON list of model::Member, removed members included so that cards and
-- history can still name them. Small (at most 50), always read and written with the board.
ALTER TABLE boards ADD COLUMN members TEXT NOT NULL DEFAULT '[]';
