/**
 * The SQL engine the layers run on (Database, Dialect, Session) and SqlStore, which assembles the
 * layers on it; the one package exported, to dev.olympus.memory.postgres only.
 */
package dev.olympus.memory.internal.sql;
