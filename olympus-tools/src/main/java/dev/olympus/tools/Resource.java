package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;

import java.util.Locale;

/**
 * Something a tool call touches that a consent grant can be narrowed to: a sandbox-relative path
 * (segments joined by {@code /}) or a host name.
 *
 * @param kind whether {@code value} is a path or a host
 * @param value the path (as the tool resolved it) or the lower-case host
 */
public record Resource(Kind kind, String value) {
  /** The kinds of resource. */
  public enum Kind {
    /** A path relative to a sandbox root. */
    PATH,
    /** A network host name or address. */
    HOST
  }

  /**
   * Checks the fields and lower-cases hosts.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public Resource {
    notNull(kind, "kind");
    notBlank(value, "value");
    if (kind == Kind.HOST) {
      value = value.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Returns a path resource.
   *
   * @throws NullPointerException if {@code path} is null
   * @throws IllegalArgumentException if {@code path} is blank
   */
  public static Resource path(String path) {
    return new Resource(Kind.PATH, path);
  }

  /**
   * Returns a host resource.
   *
   * @throws NullPointerException if {@code host} is null
   * @throws IllegalArgumentException if {@code host} is blank
   */
  public static Resource host(String host) {
    return new Resource(Kind.HOST, host);
  }
}
