package dev.olympus.examples.cli;

import java.util.regex.Pattern;

/**
 * Makes text that a model or a file wrote safe to print: ANSI escape sequences (CSI, OSC and
 * two-character escapes) are removed, and every other control, format (bidirectional overrides,
 * zero-width) or C1 character is shown as a visible {@code \\uXXXX} so it cannot move the cursor,
 * rewrite a line, or disguise what a consent prompt says. Stateless.
 */
public final class Terminal {
  private static final Pattern ANSI =
      Pattern.compile(
          "\u001B\\[[0-?]*[ -/]*[@-~]" // CSI: colours, cursor moves, erase line
              + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?" // OSC: titles, hyperlinks
              + "|\u001B[@-Z\\\\-_]" // two-character escapes
              + "|\u009B[0-?]*[ -/]*[@-~]"); // 8-bit CSI

  private Terminal() {}

  /** Returns {@code text} on one line with escapes removed and control characters made visible. */
  public static String clean(String text) {
    String stripped = ANSI.matcher(text).replaceAll("");
    StringBuilder out = new StringBuilder(stripped.length());
    stripped
        .codePoints()
        .forEach(
            c -> {
              int type = Character.getType(c);
              if (c == '\n') {
                out.append("\\n");
              } else if (type == Character.CONTROL
                  || type == Character.FORMAT
                  || type == Character.LINE_SEPARATOR
                  || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
