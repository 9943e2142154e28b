package dev.olympus.temporal.internal;

import java.util.Collection;
import java.util.Objects;

/**
 * Argument checks of this module. Messages name the offending parameter.
 *
 * <p>Not part of the public API; each Olympus module keeps its own copy so that none exports its
 * internals.
 */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code value} or throws {@link NullPointerException} naming it.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " cannot be null");
  }

  /**
   * Returns {@code value} if it is neither null nor blank.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " cannot be blank");
    }
    return value;
  }

  /**
   * Returns {@code values} if neither it nor any element is null.
   *
   * @throws NullPointerException if {@code values} or one of its elements is null
   */
  public static <C extends Collection<?>> C noNulls(C values, String name) {
    notNull(values, name);
    for (Object value : values) {
      if (value == null) {
        throw new NullPointerException(name + " cannot contain null");
      }
    }
    return values;
  }

  /**
   * Throws {@link IllegalArgumentException} with {@code message} unless {@code condition} holds.
   *
   * @throws IllegalArgumentException if {@code condition} is false
   */
  public static void argument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Throws {@link IllegalStateException} with {@code message} unless {@code condition} holds.
   *
   * @throws IllegalStateException if {@code condition} is false
   */
  public static void state(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
