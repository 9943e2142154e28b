package dev.olympus.examples.cli;

import java.util.regex.Matcher;
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

  private static final int LONGEST_HELD_ESCAPE = 256;

  private Terminal() {}

  /**
   * Where an escape sequence starts at the end of {@code text} that more text could still extend
   * (such as {@code ESC ]0;tit}), or -1. A printer of streamed text holds that part back, so a
   * sequence split across pieces is removed whole. Sequences longer than 256 characters are not
   * held.
   */
  static int openEscape(String text) {
    int esc = Math.max(text.lastIndexOf('\u001B'), text.lastIndexOf('\u009B'));
    if (esc < 0 || text.length() - esc > LONGEST_HELD_ESCAPE) {
      return -1;
    }
    Matcher matcher = ANSI.matcher(text).region(esc, text.length());
    matcher.lookingAt();
    return matcher.hitEnd() ? esc : -1;
  }

  /**
   * Like {@link #clean}, but keeps line breaks: each line is cleaned and the lines are joined with
   * {@code "\n" + indent}, so text a model wrote never starts a line where Olympus writes its own.
   */
  public static String cleanLines(String text, String indent) {
    StringBuilder out = new StringBuilder(text.length());
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(i == 0 ? "" : "\n" + indent).append(clean(lines[i]));
    }
    return out.toString();
  }

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
