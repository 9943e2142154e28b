package dev.olympus.memory;

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
   * transaction: either every layer forgets or none does.
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
  PruneReport prune(java.time.Instant now);

  /** Closes every connection; a store opened with {@code inMemory()} also deletes its file. */
  @Override
  void close();
}
