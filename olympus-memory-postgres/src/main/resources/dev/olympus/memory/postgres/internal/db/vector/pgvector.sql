-- pgvector, set up at start-up when the server lists the extension in pg_available_extensions:
-- PgVector runs CREATE EXTENSION IF NOT EXISTS vector, reads the schema the extension lives in
-- (${vector} below, quoted), then floats.sql and this script, in the store's write transaction.
-- Each chunk's vector is also kept as a pgvector value in a generated column, computed by the
-- server from the float32 bytes the store writes, so every writer in any process keeps it in step
-- and rows written before are filled when the column is added. Nearest-neighbour search then runs
-- in the database, ordered by cosine distance (see PgDialect.nearestSearch). No approximate index
-- (HNSW needs a fixed dimension): the search is exact, as the application's index is.
ALTER TABLE chunks ADD COLUMN IF NOT EXISTS embedding_vector ${vector}.vector
  GENERATED ALWAYS AS (CAST(olympus_floats(embedding) AS ${vector}.vector)) STORED;
