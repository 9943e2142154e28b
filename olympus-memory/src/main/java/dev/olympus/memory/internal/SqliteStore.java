package dev.olympus.memory.internal;

import dev.olympus.memory.CacheEntry;
import dev.olympus.memory.CheckpointStore;
import dev.olympus.memory.Counters;
import dev.olympus.memory.DocumentStore;
import dev.olympus.memory.EntityGraph;
import dev.olympus.memory.EventLog;
import dev.olympus.memory.FactStore;
import dev.olympus.memory.ForgetReport;
import dev.olympus.memory.MemoryCache;
import dev.olympus.memory.MemoryException;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.PruneReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The SQLite-backed {@link MemoryStore}: wires the layers onto one {@link Db}. */
public final class SqliteStore implements MemoryStore {
  private final Db db;
  private final SqlEventLog events;

  private SqliteStore(Db db, StoreConfig config) {
    this.db = db;
    Inputs inputs = new Inputs(config.limits());
    this.events = new SqlEventLog(db, inputs, config.hmacKey());
  }

  /** Opens the store {@code config} describes. */
  public static MemoryStore open(StoreConfig config) {
    boolean temporary = config.path().isEmpty();
    Path file = config.path().orElseGet(SqliteStore::temporaryFile);
    Db db = Db.open(file, temporary, config.durability(), config.readers());
    return new SqliteStore(db, config);
  }

  private static Path temporaryFile() {
    try {
      return Files.createTempFile("olympus-memory-", ".db");
    } catch (IOException e) {
      throw new MemoryException.Storage("cannot create a temporary database file: " + e, e);
    }
  }

  @Override
  public EventLog events() {
    return events;
  }

  @Override
  public CheckpointStore checkpoints() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public MemoryCache cache() {
    throw new UnsupportedOperationException("not yet " + CacheEntry.class);
  }

  @Override
  public FactStore facts() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public EntityGraph graph() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public DocumentStore documents() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Counters counters() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public ForgetReport forget(String subject) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public PruneReport prune(Instant now) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {
    db.close();
  }
}
