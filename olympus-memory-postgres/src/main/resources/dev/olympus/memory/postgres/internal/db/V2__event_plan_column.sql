-- olympus-memory's V6: the plan id is written with each event (NULL once redacted) instead of being
-- parsed out of the payload on every insert. The stored values stay as they are.
ALTER TABLE events ALTER COLUMN plan_id DROP EXPRESSION;
