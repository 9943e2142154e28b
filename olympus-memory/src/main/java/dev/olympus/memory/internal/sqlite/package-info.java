/**
 * The SQLite database: its connections and write lock, migrations, dialect and background
 * checkpoints.
 */
package dev.olympus.memory.internal.sqlite;
