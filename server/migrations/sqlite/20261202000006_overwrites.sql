-- What an edit replaced that others had written after the version it was based on
-- (model::Overwrite list as JSON), so the person whose words were replaced is told and
-- the history keeps both. NULL for the many events that replaced nothing.
-- Keep in step with ../postgres/20261202000006_overwrites.sql.
ALTER TABLE board_events ADD COLUMN overwrote TEXT;
