package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.olympus.tools.internal.Redactor;
import java.util.Map;
import java.util.Set;

/**
 * Renders untrusted text (a model's summary, a file name, a tool input) for a consent prompt so
 * that what the person reads is what will run. Characters that can disguise text are shown escaped
 * as {@code \}{@code uXXXX} (lower-case hex, one escape per UTF-16 unit): control characters,
 * format characters (zero-width, bidirectional controls such as U+202E), combining marks, every
 * space other than U+0020, line and paragraph separators, private-use, unassigned and unpaired
 * surrogate characters, letters that render as nothing (U+115F, U+1160, U+3164, U+FFA0, U+2800,
 * U+17B4, U+17B5) and look-alikes of {@code /}, {@code \} and {@code .} (U+2215, U+2044, U+FF0F,
 * U+29F8, U+2571, U+2216, U+FF3C, U+29F5, U+29F9, U+FE68, U+2024, U+2025, U+FF0E, U+FE52). In plain
 * text a backslash that is followed by {@code u}, a backslash or an escaped character is doubled,
 * so the text reads back unambiguously: {@code \}{@code \} is a backslash, {@code \}{@code uXXXX}
 * an escape this class made. Nothing is cut without saying so. Stateless and thread-safe.
 *
 * <pre>{@code
 * ConsentProvider consent = request -> {
 *   ui.show(request.summary());                          // already escaped and capped by the gate
 *   ui.showFull(ConsentText.render(request.input()));    // everything, secrets marked
 *   ui.show(request.inputSize() + " bytes, SHA-256 " + request.inputDigest());
 *   return ui.decide();
 * };
 * }</pre>
 */
public final class ConsentText {
  /** Put before a value that looks secret in {@link #render}; the value itself is shown. */
  public static final String SECRET_OPEN = "«secret:";

  /** Put after a value that looks secret in {@link #render}. */
  public static final String SECRET_CLOSE = "»";

  private static final Set<Integer> DISGUISES =
      Set.of(
          0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x17B4, 0x17B5, 0x2215, 0x2044, 0xFF0F, 0x29F8,
          0x2571, 0x2216, 0xFF3C, 0x29F5, 0x29F9, 0xFE68, 0x2024, 0x2025, 0xFF0E, 0xFE52);
  private static final int MIN_LINE = 40;

  private ConsentText() {}

  /**
   * Returns {@code text} with every character that can disguise text escaped; never shorter in
   * meaning: each such character becomes its {@code \}{@code uXXXX} form.
   *
   * @throws NullPointerException if {@code text} is null
   */
  public static String escape(String text) {
    notNull(text, "text");
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      out.append(token(text, i, false));
    }
    return out.toString();
  }

  /**
   * Returns {@code text} {@link #escape escaped} on one line of at most {@code max} characters: if
   * it is longer, the line ends with "… (N more characters)" counting what was left out.
   *
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code max} is below 40
   */
  public static String line(String text, int max) {
    notNull(text, "text");
    argument(max >= MIN_LINE, "max must be at least " + MIN_LINE + " but was " + max);
    String escaped = escape(text);
    if (escaped.length() <= max) {
      return escaped;
    }
    int room = max - omitted(text.length()).length();
    StringBuilder out = new StringBuilder(max);
    int i = 0;
    while (i < text.length()) {
      String token = token(text, i, false);
      if (out.length() + token.length() > room) {
        break;
      }
      out.append(token);
      i = text.offsetByCodePoints(i, 1);
    }
    return out.append(omitted(text.length() - i)).toString();
  }

  private static String omitted(int characters) {
    return "… (" + characters + " more characters)";
  }

  /**
   * Returns {@code input} as compact JSON with every character that can disguise text written as a
   * JSON {@code \}{@code uXXXX} escape, and every value that looks secret (a field named like a
   * password, token, key, cookie or session, or such a URL query parameter) shown whole between
   * {@link #SECRET_OPEN} and {@link #SECRET_CLOSE}, so the person sees what will be sent and that
   * it is sensitive. Never shortened.
   *
   * @throws NullPointerException if {@code input} is null
   */
  public static String render(JsonNode input) {
    StringBuilder json = new StringBuilder();
    write(notNull(input, "input"), false, json);
    String text = json.toString();
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      out.append(token(text, i, true));
    }
    return out.toString();
  }

  private static void write(JsonNode node, boolean secret, StringBuilder out) {
    if (node.isObject()) {
      out.append('{');
      String separator = "";
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.append(separator).append(TextNode.valueOf(field.getKey())).append(':');
        write(field.getValue(), secret || Redactor.secretName(field.getKey()), out);
        separator = ",";
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        write(node.get(i), secret, out.append(i == 0 ? "" : ","));
      }
      out.append(']');
    } else if (secret) {
      out.append(SECRET_OPEN).append(node).append(SECRET_CLOSE);
    } else {
      String text = node.toString();
      out.append(node.isTextual() ? Redactor.markUrl(text, SECRET_OPEN, SECRET_CLOSE) : text);
    }
  }

  /** The code point at {@code i} as shown: itself, or escaped. */
  private static String token(String text, int i, boolean json) {
    int c = text.codePointAt(i);
    if (disguises(c)) {
      StringBuilder escaped = new StringBuilder();
      for (char unit : Character.toChars(c)) {
        escaped.append(String.format("\\u%04x", (int) unit));
      }
      return escaped.toString();
    }
    return !json && c == '\\' && beforeEscapeOrU(text, i + 1)
        ? "\\\\"
        : new String(Character.toChars(c));
  }

  /** Whether what is shown from {@code i} on starts with a backslash or a {@code u}. */
  private static boolean beforeEscapeOrU(String text, int i) {
    if (i >= text.length()) {
      return false;
    }
    int next = text.codePointAt(i);
    return next == 'u' || next == '\\' || disguises(next);
  }

  private static boolean disguises(int c) {
    if (c == ' ') {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          true;
      default -> DISGUISES.contains(c);
    };
  }
}
