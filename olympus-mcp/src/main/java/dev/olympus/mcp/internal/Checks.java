package dev.olympus.mcp.internal;

import java.util.Objects;

/** Argument checks with messages that name the argument. */
public final class Checks {
  private Checks() {}

  /** Returns {@code value}, or throws a {@link NullPointerException} naming it. */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " cannot be null");
  }

  /** Returns {@code value} if it is neither null nor blank. */
  public static String notBlank(String value, String name) {
    argument(!notNull(value, name).isBlank(), name + " cannot be blank");
    return value;
  }

  /** Throws an {@link IllegalArgumentException} with {@code message} unless {@code condition}. */
  public static void argument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Throws an {@link IllegalStateException} with {@code message} unless {@code condition}. */
  public static void state(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
