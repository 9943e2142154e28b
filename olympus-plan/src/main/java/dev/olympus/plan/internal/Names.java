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
    if (!isStepName(name)) {
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
        name.length() <= MAX_CAPABILITY && isCapability(name),
        what + " '" + name + "' must be dot-separated identifiers such as 'fs.read'");
    return name;
  }

  // The two names below are checked for every event and step of every run: by hand, matching
  // STEP and CAPABILITY exactly (a property test holds them together), as regexes cost more.

  /** Whether {@code name} matches {@link #STEP}. */
  static boolean isStepName(String name) {
    int length = name.length();
    if (length == 0 || length > 64 || !isLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < length; i++) {
      if (!isWordChar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} matches {@link #CAPABILITY}. */
  static boolean isCapability(String name) {
    int length = name.length();
    if (length == 0 || !isLetter(name.charAt(0)) || name.charAt(length - 1) == '.') {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = name.charAt(i);
      boolean ok = c == '.' ? name.charAt(i - 1) != '.' : isWordChar(c);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  private static boolean isWordChar(char c) {
    return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '-';
  }
}
