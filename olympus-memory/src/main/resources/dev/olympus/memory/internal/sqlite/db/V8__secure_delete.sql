-- Forgotten text leaves the keyword index at once: with FTS5's secure-delete option a removed
-- chunk's terms are taken out of the index's segments instead of being masked by a delete marker
-- until the next merge. (The writer connection also runs with PRAGMA secure_delete, which zeroes
-- the freed space of every table and index.)
INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('secure-delete', 1);
