package dev.olympus.tools.internal.schema;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * JDK regular expressions for {@code pattern} and {@code patternProperties} whose matching gives up
 * past a budget of character reads (about a hundred per input character, at least ten million) and
 * on a {@link StackOverflowError} (the JDK's matcher recurses once per repetition of some groups).
 * A schema can come from an untrusted MCP server, and validation runs on the caller's thread
 * outside any tool timeout: a pattern that backtracks catastrophically must not hang the caller.
 * Giving up throws {@link TooCostly}, which {@link SchemaValidator} reports as a problem.
 * Thread-safe.
 */
final class BoundedPatterns implements RegularExpressionFactory {
  static final BoundedPatterns INSTANCE = new BoundedPatterns();
  private static final long BASE_STEPS = 10_000_000;
  private static final long STEPS_PER_CHARACTER = 100;

  /** Thrown when matching {@link #pattern} would cost more than its budget. */
  static final class TooCostly extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pattern;

    TooCostly(String pattern) {
      super("matching the pattern " + pattern + " is too costly", null, false, false);
      this.pattern = pattern;
    }

    String pattern() {
      return pattern;
    }
  }

  private BoundedPatterns() {}

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return value -> {
      try {
        return pattern.matcher(new Budgeted(value, regex)).find();
      } catch (StackOverflowError e) {
        throw new TooCostly(regex);
      }
    };
  }

  /** The text being matched, counting each character read against a budget. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final String pattern;
    private long left;

    Budgeted(String text, String pattern) {
      this.text = text;
      this.pattern = pattern;
      this.left = BASE_STEPS + STEPS_PER_CHARACTER * text.length();
    }

    @Override
    public char charAt(int index) {
      if (--left < 0) {
        throw new TooCostly(pattern);
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
