-- Event log: payload is the event's canonical JSON; plan_id and kind are derived from it, so they
-- can never disagree with what is hashed. A redacted payload is {"redacted":true}.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  ts_ms INTEGER NOT NULL,
  payload TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  redacted INTEGER NOT NULL DEFAULT 0,
  plan_id TEXT GENERATED ALWAYS AS (json_extract(payload, '$.planId')) VIRTUAL,
  kind TEXT GENERATED ALWAYS AS (json_extract(payload, '$.kind')) VIRTUAL
);
CREATE INDEX events_by_plan ON events(plan_id, seq);
CREATE INDEX events_by_time ON events(ts_ms);

-- The chain's head and base (the link before the oldest kept event), one row.
CREATE TABLE chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  base_seq INTEGER NOT NULL,
  base_hash TEXT NOT NULL,
  signature TEXT
);
INSERT INTO chain VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
  0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);

CREATE TABLE checkpoints (
  plan_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  snapshot TEXT NOT NULL
);
CREATE INDEX checkpoints_by_state ON checkpoints(state, updated_ms);

CREATE TABLE checkpoint_steps (
  plan_id TEXT NOT NULL REFERENCES checkpoints(plan_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (plan_id, name)
);

CREATE TABLE cache (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  metadata TEXT NOT NULL
);
CREATE INDEX cache_by_expiry ON cache(expires_ms);

CREATE TABLE cache_tags (
  key TEXT NOT NULL REFERENCES cache(key) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (tag, key)
);
CREATE INDEX cache_tags_by_key ON cache_tags(key);

CREATE TABLE facts (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  value TEXT NOT NULL,
  source TEXT NOT NULL,
  confidence REAL NOT NULL,
  created_ms INTEGER NOT NULL,
  created_nanos INTEGER NOT NULL,
  valid_until_ms INTEGER,
  UNIQUE (subject, predicate, value)
);
CREATE INDEX facts_by_predicate ON facts(predicate);
CREATE INDEX facts_by_source ON facts(source);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  properties TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
);
CREATE INDEX entities_by_type ON entities(type);

CREATE TABLE relations (
  src TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  dst TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  properties TEXT NOT NULL,
  PRIMARY KEY (src, type, dst)
);
CREATE INDEX relations_by_dst ON relations(dst);

CREATE TABLE counters (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
);
