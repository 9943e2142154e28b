package dev.olympus.memory;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Named 64-bit counters, persisted and updated atomically: ledgers such as tokens or micro-dollars
 * spent per day. Every method is one transaction, so concurrent callers (threads or processes)
 * never lose an update or overshoot a limit.
 *
 * <pre>{@code
 * String key = "llm.spend.usd-micros." + LocalDate.now(clock);
 * if (memory.counters().addIfWithin(key, costMicros, 1_000_000).isEmpty()) {
 *   throw new BudgetExceededException(...);
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface Counters {

  /**
   * The value of {@code key}, 0 if it was never set.
   *
   * @throws NullPointerException if {@code key} is null
   */
  long get(String key);

  /**
   * Adds {@code delta} (which may be negative) and returns the new value.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if the key is blank or the sum overflows
   * @throws LimitExceededException if the key is too long
   */
  long add(String key, long delta);

  /**
   * Adds {@code delta} only if the new value would be at most {@code limit}; returns the new value,
   * or empty (and changes nothing) if it would exceed the limit.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if the key is blank or the sum overflows
   * @throws LimitExceededException if the key is too long
   */
  OptionalLong addIfWithin(String key, long delta, long limit);

  /**
   * Every counter whose key starts with {@code prefix}, sorted by key.
   *
   * @throws NullPointerException if {@code prefix} is null
   */
  Map<String, Long> withPrefix(String prefix);

  /**
   * Removes the counter; returns true if it existed.
   *
   * @throws NullPointerException if {@code key} is null
   */
  boolean remove(String key);
}
