package dev.olympus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text that a model or a file wrote safe to print: ANSI escape sequences (CSI, OSC and
 * two-character escapes) are removed, and every character that could move the cursor, rewrite a
 * line or disguise what a consent prompt says is shown as a visible {@code \\uXXXX}: control,
 * format (bidirectional overrides, zero-width) and C1 characters, combining marks, spaces other
 * than the plain one, invisible letters (Hangul fillers, the blank Braille pattern), look-alike
 * slashes and dots, private-use, unassigned and lone surrogate code points. Every message the CLI
 * prints goes through it. Stateless.
 */
final class Terminal {
  private static final Pattern ANSI =
      Pattern.compile(
          "\u001B\\[[0-?]*[ -/]*[@-~]" // CSI: colours, cursor moves, erase line
              + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?" // OSC: titles, hyperlinks
              + "|\u001B[@-Z\\\\-_]" // two-character escapes
              + "|\u009B[0-?]*[ -/]*[@-~]"); // 8-bit CSI

  // Letters and symbols that render as nothing, or as a path separator or dot they are not.
  private static final Set<Integer> DISGUISES =
      Set.of(
          0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, // invisible letters
          0x2215, 0x2044, 0xFF0F, 0x29F8, 0x2571, 0xFE68, 0xFF3C, 0x2216, 0x29F5, 0x29F9, // slashes
          0x2024, 0xFF0E, 0xFE52); // dots

  private static final Set<Integer> ESCAPED_TYPES =
      Set.of(
          (int) Character.CONTROL,
          (int) Character.FORMAT,
          (int) Character.LINE_SEPARATOR,
          (int) Character.PARAGRAPH_SEPARATOR,
          (int) Character.SPACE_SEPARATOR,
          (int) Character.NON_SPACING_MARK,
          (int) Character.ENCLOSING_MARK,
          (int) Character.COMBINING_SPACING_MARK,
          (int) Character.PRIVATE_USE,
          (int) Character.SURROGATE,
          (int) Character.UNASSIGNED);

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
  static String cleanLines(String text, String indent) {
    StringBuilder out = new StringBuilder(text.length());
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(i == 0 ? "" : "\n" + indent).append(clean(lines[i]));
    }
    return out.toString();
  }

  /**
   * Returns {@code text} on one line with escapes removed and disguising characters made visible.
   */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    shown(text).forEach(out::append);
    return out.toString();
  }

  /**
   * Like {@link #clean}, but at most {@code max} characters long: a longer text ends with a note
   * saying how many of its characters are not shown, never cut silently.
   */
  static String cleanCapped(String text, int max) {
    List<String> pieces = shown(text);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pieces.size() && out.length() + pieces.get(i).length() <= max) {
      out.append(pieces.get(i++));
    }
    return i == pieces.size()
        ? out.toString()
        : out + " … (" + (pieces.size() - i) + " more characters)";
  }

  /**
   * {@code text} cleaned and cut into lines of at most {@code width} characters (at least 12: the
   * longest escape, a surrogate pair's), never inside an escape.
   */
  static List<String> cleanWrapped(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String piece : shown(text)) {
      if (line.length() + piece.length() > width && line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(piece);
    }
    if (line.length() > 0 || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  // One piece per code point left after the escape sequences are removed: itself or its escape.
  private static List<String> shown(String text) {
    String stripped = ANSI.matcher(text).replaceAll("");
    List<String> pieces = new ArrayList<>(stripped.length());
    stripped.codePoints().forEach(c -> pieces.add(shown(c)));
    return pieces;
  }

  /** Returns true if {@code c} is shown as an escape rather than as itself. */
  static boolean escaped(int c) {
    return c != ' ' && (ESCAPED_TYPES.contains(Character.getType(c)) || DISGUISES.contains(c));
  }

  private static String shown(int c) {
    if (c == '\n') {
      return "\\n";
    }
    if (!escaped(c)) {
      return Character.toString(c);
    }
    StringBuilder escaped = new StringBuilder();
    for (char unit : Character.toChars(c)) {
      escaped.append(String.format("\\u%04X", (int) unit));
    }
    return escaped.toString();
  }
}
