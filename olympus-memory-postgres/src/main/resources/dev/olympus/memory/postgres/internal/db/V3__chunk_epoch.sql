-- olympus-memory's V9: a count of the committed transactions that changed the chunks, so that a
-- store whose vectors are ranked in memory (no pgvector) loads them again once another process
-- wrote, removed or forgot documents.
CREATE TABLE chunk_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n BIGINT NOT NULL
);
INSERT INTO chunk_epoch(id, n) VALUES (1, 0);
