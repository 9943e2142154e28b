package dev.olympus.memory.contract;

import dev.olympus.memory.MemoryStore;
import org.junit.jupiter.api.Nested;

/**
 * The whole {@code MemoryStore} contract in one class: a store implementation's test extends it and
 * says how to open a store with the given options on the test's database (the same database on
 * every call within one test). The lease part is {@link LeasesContract}, which takes a clock only.
 */
public abstract class MemoryStoreContract {
  /** For subclasses. */
  protected MemoryStoreContract() {}

  /** Opens a store with {@code options} on this test's database. */
  protected abstract MemoryStore store(StoreContract.Options options);

  /** The events part of the contract. */
  @Nested
  public class Events extends EventsContract {
    @Override
    protected MemoryStore open(Options options) {
      return store(options);
    }
  }

  /** The layers part of the contract. */
  @Nested
  public class Layers extends LayersContract {
    @Override
    protected MemoryStore open(Options options) {
      return store(options);
    }
  }

  /** The cache part of the contract. */
  @Nested
  public class Cache extends CacheContract {
    @Override
    protected MemoryStore open(Options options) {
      return store(options);
    }
  }

  /** The documents part of the contract. */
  @Nested
  public class Documents extends DocumentsContract {
    @Override
    protected MemoryStore open(Options options) {
      return store(options);
    }
  }

  /** The checkpoints part of the contract. */
  @Nested
  public class Checkpoints extends CheckpointsContract {
    @Override
    protected MemoryStore open(Options options) {
      return store(options);
    }
  }

  /** The concurrency part of the contract. */
  @Nested
  public class Concurrency extends ConcurrencyContract {
    @Override
    protected MemoryStore open(Options options) {
      return store(options);
    }
  }
}
