/**
 * The Olympus memory: one SQLite file holding an assistant's audited event log, plan checkpoints,
 * response cache, facts, entity graph and documents with keyword and vector retrieval.
 */
module dev.olympus.memory {
  requires transitive dev.olympus.plan;
  requires java.sql;
  requires org.xerial.sqlitejdbc;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;

  exports dev.olympus.memory;
  // The PostgreSQL store runs the same layers on its own Database and Dialect.
  exports dev.olympus.memory.internal to
      dev.olympus.memory.postgres;
}
