package dev.olympus.tools.internal.registry;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.notNull;

/** The rule for tool ids, checked where tools are built and registered. */
public final class ToolIds {
  private ToolIds() {}

  /**
   * Returns {@code id} if it matches {@code [a-zA-Z0-9_.-]{1,64}}.
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if it does not match
   */
  public static String check(String id) {
    notNull(id, "id");
    argument(
        id.matches("[a-zA-Z0-9_.-]{1,64}"),
        "tool id must match [a-zA-Z0-9_.-]{1,64} but was '" + id + "'");
    return id;
  }
}
