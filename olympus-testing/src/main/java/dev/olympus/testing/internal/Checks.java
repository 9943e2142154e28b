package dev.olympus.testing.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * Argument checks of this module; messages name the offending parameter. Not part of the public
 * API: each Olympus module keeps its own.
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} or throws {@link NullPointerException} naming it. */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " cannot be null");
  }

  /** Returns {@code value} if it is neither null nor blank. */
  public static String notBlank(String value, String name) {
    argument(!notNull(value, name).isBlank(), name + " cannot be blank");
    return value;
  }

  /** Returns {@code value} if it is at least zero. */
  public static int notNegative(int value, String name) {
    argument(value >= 0, name + " must be >= 0 but was " + value);
    return value;
  }

  /** Returns {@code value} if it is neither null nor negative. */
  public static Duration notNegative(Duration value, String name) {
    argument(!notNull(value, name).isNegative(), name + " must be >= 0 but was " + value);
    return value;
  }

  /** Returns {@code values} if neither it nor any element is null. */
  public static <C extends Collection<?>> C noNulls(C values, String name) {
    for (Object value : notNull(values, name)) {
      notNull(value, name + "'s elements");
    }
    return values;
  }

  /** Throws {@link IllegalArgumentException} with {@code message} unless {@code condition}. */
  public static void argument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
