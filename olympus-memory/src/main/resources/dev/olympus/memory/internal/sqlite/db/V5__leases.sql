-- Fenced leases on named resources (plans, chat sessions). A released lease keeps its row with no
-- owner, so a resource's token only ever grows: every claim stores the old token + 1.
CREATE TABLE leases (
  resource TEXT PRIMARY KEY,
  owner TEXT,
  token INTEGER NOT NULL,
  expires_ms INTEGER
) WITHOUT ROWID;
CREATE INDEX leases_by_owner ON leases(owner);
