-- A count of the committed transactions that changed the chunks. Each store keeps the vectors in
-- memory; a store that finds the count moved past the changes it applied itself (another process
-- or store wrote, removed or forgot documents) loads them again before it searches.
CREATE TABLE chunk_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO chunk_epoch(id, n) VALUES (1, 0);
