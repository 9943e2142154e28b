package dev.olympus.memory.internal;

import dev.olympus.memory.LimitExceededException;
import dev.olympus.memory.MemoryLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;

/** Checks input against the store's limits; messages name the parameter and the limit. */
public final class Inputs {
  private final MemoryLimits limits;

  /** Checks against {@code limits}. */
  public Inputs(MemoryLimits limits) {
    this.limits = limits;
  }

  /** The limits. */
  public MemoryLimits limits() {
    return limits;
  }

  /**
   * Returns {@code value} if it is a usable id.
   *
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if it is blank
   * @throws LimitExceededException if it is longer than {@link MemoryLimits#maxIdLength()}
   */
  public String id(String value, String name) {
    Checks.notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " cannot be blank");
    }
    if (value.length() > limits.maxIdLength()) {
      throw new LimitExceededException(
          name
              + " is "
              + value.length()
              + " characters long, more than the limit of "
              + limits.maxIdLength());
    }
    return value;
  }

  /** Returns {@code value} if its UTF-8 form fits {@link MemoryLimits#maxValueBytes()}. */
  public String value(String value, String name) {
    Checks.notNull(value, name);
    if ((long) value.length() * 3 > limits.maxValueBytes()) {
      int bytes = value.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > limits.maxValueBytes()) {
        throw new LimitExceededException(
            name + " is " + bytes + " bytes, more than the limit of " + limits.maxValueBytes());
      }
    }
    return value;
  }

  /** Returns {@code items} if neither it nor an element is null and it fits the batch limit. */
  public <C extends Collection<?>> C batch(C items, String name) {
    Checks.noNulls(items, name);
    if (items.size() > limits.maxBatchSize()) {
      throw new LimitExceededException(
          name
              + " holds "
              + items.size()
              + " items, more than the limit of "
              + limits.maxBatchSize());
    }
    return items;
  }

  /** Returns {@code vector} if it is not empty and every component is finite, else IAE. */
  public static float[] vector(float[] vector, String name) {
    Checks.notNull(vector, name);
    if (vector.length == 0) {
      throw new IllegalArgumentException(name + " is empty");
    }
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is " + vector[i]);
      }
    }
    return vector;
  }

  /** Epoch milliseconds of {@code at}, or IAE if it is out of range. */
  public static long millis(Instant at, String name) {
    try {
      return Checks.notNull(at, name).toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(name + " " + at + " is out of range");
    }
  }
}
