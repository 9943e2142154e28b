-- Bulk ingest writes less per chunk.
-- 1. The text-hash index, which finds a stored vector to reuse for a chunk of the same text, holds
--    only the chunks the embedder embedded: a vector the host computed (ingestEmbedded) may come
--    from another model and is not the embedder's to reuse. Such chunks' hashes carry the prefix
--    'vector:' (as their documents' content hashes already do) and stay out of the index, whose
--    random-order entries were about half of a bulk ingest's commit.
-- 2. The keyword index reads the chunk text from the chunks table (FTS5 external content) instead
--    of keeping a second copy; it is rebuilt from the chunks once.
DROP INDEX chunks_by_hash;
UPDATE chunks SET text_hash = 'vector:' || text_hash
  WHERE source_id IN (SELECT source_id FROM documents WHERE content_hash LIKE 'vector:%');
CREATE INDEX chunks_by_hash ON chunks(text_hash) WHERE text_hash NOT LIKE 'vector:%';
DROP TABLE chunks_fts;
CREATE VIRTUAL TABLE chunks_fts USING fts5(text, content = 'chunks', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild');
