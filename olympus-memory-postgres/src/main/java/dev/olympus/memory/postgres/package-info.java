/** The Olympus memory on PostgreSQL: {@link dev.olympus.memory.postgres.PostgresMemoryStore}. */
package dev.olympus.memory.postgres;
