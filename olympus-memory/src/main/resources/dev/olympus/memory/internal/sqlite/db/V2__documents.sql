-- Documents for retrieval: chunks with offsets, optional float32 vectors, and an FTS5 index whose
-- rowid is the chunk id.
CREATE TABLE documents (
  source_id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  metadata TEXT NOT NULL,
  ingested_ms INTEGER NOT NULL
);

CREATE TABLE chunks (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES documents(source_id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  embedding BLOB,
  UNIQUE (source_id, idx)
);
CREATE INDEX chunks_by_hash ON chunks(text_hash);

CREATE VIRTUAL TABLE chunks_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
