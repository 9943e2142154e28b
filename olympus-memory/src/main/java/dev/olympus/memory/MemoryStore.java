package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * An assistant's memory: every layer (audit log, checkpoints, cache, facts, entity graph,
 * documents, counters, leases) in one store, with {@link #forget(String)} and {@link
 * #prune(java.time.Instant)} acting across all of them.
 *
 * <pre>{@code
 * try (MemoryStore memory = SqliteMemoryStore.open(Path.of("olympus.db"))) {
 *   memory.events().append(PlanEvent.of("plan-1", "plan.created", Instant.now()));
 *   memory.documents().ingest("notes.md", text, Map.of("kind", "notes"));
 *   List<SearchHit> hits = memory.documents().search("quarterly revenue", 5);
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe: readers never block the writer, and writes never interleave
 * half a transaction.
 *
 * <p>Besides what each method lists, every method of the store and its layers may throw {@link
 * StorageException} when the database cannot be read or written (the transaction rolled back), and
 * {@link IllegalStateException} once the store is closed. All of the store's own exceptions are
 * {@link MemoryException}s.
 */
public interface MemoryStore extends AutoCloseable {

  /** The append-only, hash-chained audit log. */
  EventLog events();

  /** Saved plan snapshots, for resuming after a crash. */
  CheckpointStore checkpoints();

  /** The response cache (cache-augmented generation). */
  MemoryCache cache();

  /** Long-term facts. */
  FactStore facts();

  /** Entities and the relations between them. */
  EntityGraph graph();

  /** Ingested documents, chunked and indexed for keyword and vector retrieval. */
  DocumentStore documents();

  /** Named atomic counters, for ledgers such as an LLM spend budget. */
  Counters counters();

  /** Fenced, time-limited ownership of plans and sessions, shared by every process on the store. */
  Leases leases();

  /**
   * Removes {@code subject} from every layer and appends a {@code memory.forget} tombstone event
   * that carries the SHA-256 of the subject (never the subject itself). What is removed is
   * described on each layer ({@link EventLog}, {@link DocumentStore#remove(String)}, …). One
   * transaction: either every layer forgets or none does. The SQLite store also leaves none of the
   * removed text in its files (see {@link SqliteMemoryStore}).
   *
   * @throws NullPointerException if {@code subject} is null
   * @throws IllegalArgumentException if {@code subject} is blank
   * @throws LimitExceededException if {@code subject} is longer than the store's id limit
   * @throws ChainBrokenException if the event chain's head does not check out (nothing was
   *     forgotten)
   */
  ForgetReport forget(String subject);

  /**
   * Applies the store's {@link RetentionPolicy} as of {@code now} and drops expired cache entries.
   *
   * @throws NullPointerException if {@code now} is null
   * @throws ChainBrokenException if events are to be dropped but the event chain's head does not
   *     check out (nothing was pruned)
   */
  PruneReport prune(Instant now);

  /** Closes every connection; a store opened with {@code inMemory()} also deletes its file. */
  @Override
  void close();

  /**
   * The settings every store's builder shares: limits, embedder, HMAC key, clock, retention and
   * chunking. Obtain a builder from {@code SqliteMemoryStore.builder()} or {@code
   * PostgresMemoryStore.builder()}; each adds the settings of its own database. Each setter checks
   * its argument; for a setting given twice, the last call wins. {@link #build()} opens a new store
   * and can be called again. Not thread-safe.
   *
   * @param <B> the store's own builder, which every setter returns
   */
  abstract class Builder<B extends Builder<B>> {
    private MemoryLimits limits = MemoryLimits.defaults();
    private Optional<Embedder> embedder = Optional.empty();
    private Optional<byte[]> hmacKey = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private RetentionPolicy retention = RetentionPolicy.keepAll();
    private ChunkerOptions chunker = ChunkerOptions.defaults();
    private VectorSearch vectorSearch = VectorSearch.QUANTIZED;

    /** For the builders of the stores Olympus ships. */
    protected Builder() {}

    /**
     * Input size limits; {@link MemoryLimits#defaults()} by default.
     *
     * @throws NullPointerException if {@code limits} is null
     */
    public final B limits(MemoryLimits limits) {
      this.limits = Checks.notNull(limits, "limits");
      return self();
    }

    /**
     * The embedder that turns on vector and hybrid retrieval; none by default.
     *
     * @throws NullPointerException if {@code embedder} is null
     */
    public final B embedder(Embedder embedder) {
      this.embedder = Optional.of(Checks.notNull(embedder, "embedder"));
      return self();
    }

    /**
     * The key that signs the event chain's head with HMAC-SHA256 (copied); none by default.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is shorter than 16 bytes
     */
    public final B hmacKey(byte[] key) {
      Checks.notNull(key, "key");
      Checks.argument(key.length >= 16, "hmacKey must be at least 16 bytes but was " + key.length);
      this.hmacKey = Optional.of(key.clone());
      return self();
    }

    /**
     * The clock for cache and lease expiry and record timestamps; the system UTC clock by default.
     * Processes sharing a database must agree on the time to within a small part of a lease.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public final B clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return self();
    }

    /**
     * What {@link MemoryStore#prune} removes; {@link RetentionPolicy#keepAll()} by default.
     *
     * @throws NullPointerException if {@code retention} is null
     */
    public final B retention(RetentionPolicy retention) {
      this.retention = Checks.notNull(retention, "retention");
      return self();
    }

    /**
     * How documents are chunked; {@link ChunkerOptions#defaults()} by default.
     *
     * @throws NullPointerException if {@code chunker} is null
     */
    public final B chunker(ChunkerOptions chunker) {
      this.chunker = Checks.notNull(chunker, "chunker");
      return self();
    }

    /**
     * How vectors scored in the application are searched; {@link VectorSearch#QUANTIZED} by
     * default. {@link VectorSearch#EXACT} saves a third of the vector index's memory.
     *
     * @throws NullPointerException if {@code vectorSearch} is null
     */
    public final B vectorSearch(VectorSearch vectorSearch) {
      this.vectorSearch = Checks.notNull(vectorSearch, "vectorSearch");
      return self();
    }

    /**
     * Opens the store with these settings.
     *
     * @throws IllegalStateException if the settings do not fit together (the message names them)
     * @throws SchemaTooNewException if a newer library wrote the database
     * @throws StorageException if the database cannot be opened, reached or migrated
     */
    public abstract MemoryStore build();

    /** The limits set, for the store's own builder. */
    protected final MemoryLimits limits() {
      return limits;
    }

    /** The embedder set, for the store's own builder. */
    protected final Optional<Embedder> embedder() {
      return embedder;
    }

    /** A copy of the HMAC key set, for the store's own builder. */
    protected final Optional<byte[]> hmacKey() {
      return hmacKey.map(byte[]::clone);
    }

    /** The clock set, for the store's own builder. */
    protected final Clock clock() {
      return clock;
    }

    /** The retention policy set, for the store's own builder. */
    protected final RetentionPolicy retention() {
      return retention;
    }

    /** The chunking set, for the store's own builder. */
    protected final ChunkerOptions chunker() {
      return chunker;
    }

    /** The vector search set, for the store's own builder. */
    protected final VectorSearch vectorSearch() {
      return vectorSearch;
    }

    // Every subclass is declared as Builder<itself>.
    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }
  }
}
