package dev.olympus.plan.internal;

import java.util.regex.Pattern;

/** The rules for step names and capability names. */
public final class Names {
  /** A step name: safe inside a {@code ${step.field}} reference. */
  public static final Pattern STEP = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  /**
   * A capability or scope: dot-separated identifiers such as {@code fs.read} or {@code net.get}.
   */
  public static final Pattern CAPABILITY =
      Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

  private static final int MAX_CAPABILITY = 128;

  private Names() {}

  /** Returns null if {@code name} is a valid step name, otherwise the problem. */
  public static String stepNameProblem(String name) {
    if (name == null || name.isBlank()) {
      return "step name cannot be blank";
    }
    if (!STEP.matcher(name).matches()) {
      return "step name '"
          + name
          + "' must start with a letter and contain only letters, digits, '_' or '-' (at most 64)";
    }
    return null;
  }

  /**
   * Returns {@code name} if it is a valid capability or scope.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it is malformed
   */
  public static String checkCapability(String name, String what) {
    Checks.notNull(name, what);
    Checks.argument(
        name.length() <= MAX_CAPABILITY && CAPABILITY.matcher(name).matches(),
        what + " '" + name + "' must be dot-separated identifiers such as 'fs.read'");
    return name;
  }
}
