package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The maximum age of the data in each layer, applied by {@link MemoryStore#prune}. A layer without
 * an entry is kept forever. What "age" means per layer: events by timestamp (only the oldest run is
 * dropped, so the chain stays verifiable from a recorded base); checkpoints of finished plans
 * (DONE, FAILED, CANCELLED) by update time; cache entries by creation; facts by creation (and any
 * fact past its valid-until); entities by last update; documents by ingestion. Immutable.
 *
 * <pre>{@code
 * RetentionPolicy keep = RetentionPolicy.keepAll()
 *     .withMaxAge(Layer.EVENTS, Duration.ofDays(90))
 *     .withMaxAge(Layer.CACHE, Duration.ofDays(7));
 * }</pre>
 *
 * @param maxAge the maximum age per layer
 */
public record RetentionPolicy(Map<Layer, Duration> maxAge) {

  /**
   * Checks and copies the map.
   *
   * @throws NullPointerException if the map is null or contains null
   * @throws IllegalArgumentException if an age is zero or negative
   */
  public RetentionPolicy {
    Checks.notNull(maxAge, "maxAge");
    maxAge.forEach(
        (layer, age) ->
            Checks.argument(
                !Checks.notNull(age, "maxAge of " + layer).isNegative() && !age.isZero(),
                "maxAge of " + layer + " must be positive but was " + age));
    maxAge = Map.copyOf(maxAge);
  }

  /** Keeps everything. */
  public static RetentionPolicy keepAll() {
    return new RetentionPolicy(Map.of());
  }

  /**
   * This policy with {@code layer} kept for at most {@code age}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code age} is not positive
   */
  public RetentionPolicy withMaxAge(Layer layer, Duration age) {
    Map<Layer, Duration> copy = new EnumMap<>(Layer.class);
    copy.putAll(maxAge);
    copy.put(Checks.notNull(layer, "layer"), age);
    return new RetentionPolicy(copy);
  }

  /** The maximum age of {@code layer}, if it has one. */
  public Optional<Duration> maxAge(Layer layer) {
    return Optional.ofNullable(maxAge.get(layer));
  }
}
