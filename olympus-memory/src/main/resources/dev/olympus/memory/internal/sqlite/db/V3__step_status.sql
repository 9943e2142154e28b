-- Incremental checkpoints: each step row carries its full status (JSON), and the plan row its
-- exact update instant, so a transition rewrites one row instead of the whole snapshot.
ALTER TABLE checkpoint_steps ADD COLUMN status TEXT;
ALTER TABLE checkpoints ADD COLUMN updated_at TEXT;
