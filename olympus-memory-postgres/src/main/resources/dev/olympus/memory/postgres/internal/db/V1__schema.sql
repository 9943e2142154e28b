-- The SQLite store's schema (olympus-memory's V1 to V5) in PostgreSQL. Event payloads are the
-- events' canonical JSON; plan_id and kind are derived from them, so they can never disagree with
-- what is hashed. A redacted payload is {"redacted":true}.
CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  ts_ms BIGINT NOT NULL,
  payload TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  redacted INTEGER NOT NULL DEFAULT 0,
  plan_id TEXT GENERATED ALWAYS AS ((payload::jsonb) ->> 'planId') STORED,
  kind TEXT GENERATED ALWAYS AS ((payload::jsonb) ->> 'kind') STORED
);
CREATE INDEX events_by_plan ON events(plan_id, seq);

-- The chain's head and base (the link before the oldest kept event), one row. Sequence numbers
-- come from head_seq under the store's write lock, so they have no gaps (a SEQUENCE would leave
-- one behind every rolled-back append).
CREATE TABLE chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  head_seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  base_seq BIGINT NOT NULL,
  base_hash TEXT NOT NULL,
  signature TEXT
);
INSERT INTO chain VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
  0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);

CREATE TABLE checkpoints (
  plan_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  updated_ms BIGINT NOT NULL,
  snapshot TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX checkpoints_by_state ON checkpoints(state, updated_ms);

CREATE TABLE checkpoint_steps (
  plan_id TEXT NOT NULL REFERENCES checkpoints(plan_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  status TEXT,
  PRIMARY KEY (plan_id, name)
);

CREATE TABLE cache (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
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
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  value TEXT NOT NULL,
  source TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  created_ms BIGINT NOT NULL,
  created_nanos BIGINT NOT NULL,
  valid_until_ms BIGINT,
  UNIQUE (subject, predicate, value)
);
CREATE INDEX facts_by_predicate ON facts(predicate);
CREATE INDEX facts_by_source ON facts(source);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  properties TEXT NOT NULL,
  updated_ms BIGINT NOT NULL
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
  value BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);

-- Documents: chunks with offsets, optional float32 vectors (little-endian bytes, scored in the
-- application) and a generated tsvector ('simple': lower-cased words, no stemming, as SQLite's
-- unicode61 tokenizer) under a GIN index.
CREATE TABLE documents (
  source_id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  metadata TEXT NOT NULL,
  ingested_ms BIGINT NOT NULL
);

CREATE TABLE chunks (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES documents(source_id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  embedding BYTEA,
  fts TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
  UNIQUE (source_id, idx)
);
CREATE INDEX chunks_by_hash ON chunks(text_hash);
CREATE INDEX chunks_fts ON chunks USING GIN (fts);

-- Fenced leases on named resources (plans, chat sessions). A released lease keeps its row with no
-- owner, so a resource's token only ever grows: every claim stores the old token + 1.
CREATE TABLE leases (
  resource TEXT PRIMARY KEY,
  owner TEXT,
  token BIGINT NOT NULL,
  expires_ms BIGINT
);
CREATE INDEX leases_by_owner ON leases(owner);
