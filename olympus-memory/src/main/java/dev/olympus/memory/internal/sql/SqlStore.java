package dev.olympus.memory.internal.sql;

import dev.olympus.memory.CheckpointStore;
import dev.olympus.memory.Counters;
import dev.olympus.memory.DocumentStore;
import dev.olympus.memory.EntityGraph;
import dev.olympus.memory.EventLog;
import dev.olympus.memory.FactStore;
import dev.olympus.memory.ForgetReport;
import dev.olympus.memory.Leases;
import dev.olympus.memory.MemoryCache;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.PruneReport;
import dev.olympus.memory.VectorSearch;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.cache.TieredCache;
import dev.olympus.memory.internal.checkpoints.SqlCheckpoints;
import dev.olympus.memory.internal.checkpoints.SqlLeases;
import dev.olympus.memory.internal.documents.Chunker;
import dev.olympus.memory.internal.documents.SqlDocuments;
import dev.olympus.memory.internal.events.SqlEventLog;
import dev.olympus.memory.internal.facts.SqlCounters;
import dev.olympus.memory.internal.facts.SqlFacts;
import dev.olympus.memory.internal.facts.SqlGraph;
import dev.olympus.memory.internal.sqlite.Db;
import java.time.Instant;

/**
 * A {@link MemoryStore} on SQL: wires the layers onto one {@link Database} (SQLite's {@link Db}, or
 * another database with its {@link Dialect}).
 */
public final class SqlStore implements MemoryStore {
  private final String label;
  private final Database db;
  private final SqlEventLog events;
  private final SqlCheckpoints checkpoints;
  private final TieredCache cache;
  private final SqlFacts facts;
  private final SqlGraph graph;
  private final SqlDocuments documents;
  private final SqlCounters counters;
  private final SqlLeases leases;
  private final Housekeeping housekeeping;

  private SqlStore(String label, Database db, StoreConfig config) {
    this.label = label;
    this.db = db;
    Inputs inputs = new Inputs(config.limits());
    this.events = new SqlEventLog(db, inputs, config.hmacKey());
    events.warnIfBroken(db.name());
    this.checkpoints = new SqlCheckpoints(db, inputs, events);
    this.cache = new TieredCache(db, inputs, config.clock());
    this.facts = new SqlFacts(db, inputs, config.clock());
    this.graph = new SqlGraph(db, inputs, config.clock());
    this.documents =
        new SqlDocuments(
            db,
            inputs,
            config.clock(),
            new Chunker(config.chunker()),
            config.embedder(),
            config.vectorSearch() == VectorSearch.QUANTIZED);
    this.counters = new SqlCounters(db, inputs, config.clock());
    this.leases = new SqlLeases(db, inputs, config.clock());
    this.housekeeping = new Housekeeping(db, inputs, config, events, cache, documents);
  }

  /**
   * A store on {@code db}, whose schema is already migrated; {@code label} names the store's kind
   * in {@link #toString()}. A failure closes {@code db}.
   */
  public static MemoryStore over(String label, Database db, StoreConfig config) {
    try {
      return new SqlStore(label, db, config);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  @Override
  public EventLog events() {
    return events;
  }

  @Override
  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  @Override
  public MemoryCache cache() {
    return cache;
  }

  @Override
  public FactStore facts() {
    return facts;
  }

  @Override
  public EntityGraph graph() {
    return graph;
  }

  @Override
  public DocumentStore documents() {
    return documents;
  }

  @Override
  public Counters counters() {
    return counters;
  }

  @Override
  public Leases leases() {
    return leases;
  }

  @Override
  public ForgetReport forget(String subject) {
    return housekeeping.forget(subject);
  }

  @Override
  public PruneReport prune(Instant now) {
    return housekeeping.prune(now);
  }

  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return label + "[" + db.name() + "]";
  }
}
