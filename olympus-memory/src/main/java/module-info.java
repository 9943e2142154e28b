/**
 * The Olympus memory: one SQLite file holding an assistant's audited event log, plan checkpoints,
 * response cache, facts, entity graph and documents with keyword and vector retrieval.
 */
// "module": the PostgreSQL module is built after this one, so javac cannot see it here.
@SuppressWarnings("module")
module dev.olympus.memory {
  requires transitive dev.olympus.plan;
  requires java.sql;
  requires org.xerial.sqlitejdbc;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;

  exports dev.olympus.memory;
  // The one qualified export: the SQL engine (Database, Dialect, Session) and the store assembled
  // on it, which the PostgreSQL store runs on its own Database and Dialect. No other module, and no
  // host, can read this package.
  exports dev.olympus.memory.internal.sql to
      dev.olympus.memory.postgres;
}
