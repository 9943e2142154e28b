/**
 * The multi-layer memory of an Olympus assistant. {@link dev.olympus.memory.MemoryStore} is the
 * entry point; {@link dev.olympus.memory.SqliteMemoryStore} opens one backed by a SQLite file.
 */
package dev.olympus.memory;
