/**
 * The Olympus memory on PostgreSQL: the layers of {@code dev.olympus.memory} in one database that
 * executor processes on many machines share.
 */
module dev.olympus.memory.postgres {
  requires transitive dev.olympus.memory;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.postgresql.jdbc;
  requires org.slf4j;

  exports dev.olympus.memory.postgres;
}
