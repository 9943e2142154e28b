package dev.olympus.memory.contract;

import dev.olympus.memory.ChunkerOptions;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.MemoryLimits;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.RetentionPolicy;
import java.time.Clock;
import java.util.Optional;

/**
 * The base of the {@code MemoryStore} contract tests: a store implementation subclasses each {@code
 * *Contract} class and says how to open a store with the given options on the test's database.
 * Every call within one test must reach the same database, as a second process (or a reopened
 * store) would.
 */
public abstract class StoreContract {
  /** For subclasses. */
  protected StoreContract() {}

  /** What a contract test asks of the store it opens; the rest is the store's defaults. */
  public record Options(
      Clock clock,
      MemoryLimits limits,
      RetentionPolicy retention,
      ChunkerOptions chunker,
      Optional<Embedder> embedder,
      Optional<byte[]> hmacKey) {
    /** Gives {@code builder} these options and returns it. */
    public <B extends MemoryStore.Builder<B>> B applyTo(B builder) {
      builder.clock(clock).limits(limits).retention(retention).chunker(chunker);
      embedder.ifPresent(builder::embedder);
      hmacKey.ifPresent(builder::hmacKey);
      return builder;
    }
  }

  /** Opens a store with {@code options} on this test's database. */
  protected abstract MemoryStore open(Options options);

  /** A builder of options whose {@code build()} opens the store. */
  protected final Builder options() {
    return new Builder();
  }

  /** Collects options, then opens the store. */
  protected final class Builder {
    private Clock clock = Clock.systemUTC();
    private MemoryLimits limits = MemoryLimits.defaults();
    private RetentionPolicy retention = RetentionPolicy.keepAll();
    private ChunkerOptions chunker = ChunkerOptions.defaults();
    private Optional<Embedder> embedder = Optional.empty();
    private Optional<byte[]> hmacKey = Optional.empty();

    private Builder() {}

    /** The clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The input limits. */
    public Builder limits(MemoryLimits limits) {
      this.limits = limits;
      return this;
    }

    /** The retention policy. */
    public Builder retention(RetentionPolicy retention) {
      this.retention = retention;
      return this;
    }

    /** How documents are chunked. */
    public Builder chunker(ChunkerOptions chunker) {
      this.chunker = chunker;
      return this;
    }

    /** The embedder. */
    public Builder embedder(Embedder embedder) {
      this.embedder = Optional.of(embedder);
      return this;
    }

    /** The key that signs the chain's head. */
    public Builder hmacKey(byte[] key) {
      this.hmacKey = Optional.of(key);
      return this;
    }

    /** Opens the store on the test's database. */
    public MemoryStore build() {
      return open(new Options(clock, limits, retention, chunker, embedder, hmacKey));
    }
  }
}
