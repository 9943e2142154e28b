package dev.olympus.tools.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes secret-looking names and URL query parameters: masks them in logs and error messages
 * ({@link #redactUrl}), marks them, whole, in what a consent prompt shows ({@link #markUrl}).
 */
public final class Redactor {
  static final String MASK = "***redacted***";
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|api[_-]?key|authorization|cookie|credential"
              + "|private[_-]?key|session).*");
  private static final Pattern SECRET_QUERY =
      Pattern.compile(
          "(?i)([?&][^=&#]*(?:password|secret|token|key|auth|sig|session)[^=&#]*=)([^&#\"]*)");

  private Redactor() {}

  /** Returns whether a field called {@code name} looks like it holds a secret. */
  public static boolean secretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** Returns {@code url} with the values of secret-looking query parameters masked, for logs. */
  public static String redactUrl(String url) {
    return SECRET_QUERY.matcher(url).replaceAll("$1" + MASK);
  }

  /** Returns {@code text} with the values of secret-looking query parameters kept but enclosed. */
  public static String markUrl(String text, String open, String close) {
    Matcher matcher = SECRET_QUERY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement =
          matcher.group(2).isEmpty()
              ? matcher.group()
              : matcher.group(1) + open + matcher.group(2) + close;
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return matcher.appendTail(out).toString();
  }
}
