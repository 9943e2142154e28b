package dev.olympus.memory.postgres.internal;

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
