package dev.olympus.tools.internal.fs;

import dev.olympus.tools.ConsentText;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lexical half of the sandbox: turns a path string from a tool input into clean segments, or
 * names why it is refused. Pure and thread-safe; the file system is not consulted.
 */
public final class PathRules {
  static final int MAX_LENGTH = 4096;
  static final int MAX_SEGMENT_BYTES = 255;
  static final int MAX_DEPTH = 64;
  private static final Pattern PERCENT = Pattern.compile("%([0-9a-fA-F]{2}|[uU][0-9a-fA-F]{4})");
  private static final Pattern DOTS_AND_PARAMETER = Pattern.compile("\\.+ *;.*");

  /**
   * The symbols and punctuation that Unicode's confusables list maps to {@code /}, {@code \} or
   * {@code .}, plus the ellipses (which fold to a name made only of dots). Letters and digits on
   * that list (Katakana NO, Arabic-Indic zero, ...) stay allowed: they are real writing in file
   * names.
   */
  private static final Set<Integer> LOOK_ALIKES =
      Set.of(
          // slashes
          0x2215,
          0x2044,
          0xFF0F,
          0x29F8,
          0x2571,
          0x27CB,
          0x1735,
          0x31D3,
          0x1D23A,
          // backslashes
          0x2216,
          0xFF3C,
          0x29F5,
          0x29F9,
          0xFE68,
          0x2572,
          0x27CD,
          0x31D4,
          0x1D20F,
          0x1D23B,
          // dots
          0x2024,
          0x2025,
          0x2026,
          0xFE19,
          0xFF0E,
          0xFE52,
          0xFF61,
          0x3002,
          0x0701,
          0x0702,
          0xA60E,
          0x10A50);

  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private PathRules() {}

  /** Thrown (internally) with the reason a path is refused. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Returns the clean segments of {@code path}, or throws naming why it is refused. */
  static SandboxPath parse(String path) throws Refused {
    if (path.length() > MAX_LENGTH) {
      throw new Refused("path is longer than " + MAX_LENGTH + " characters");
    }
    checkCharacters(path);
    if (path.startsWith("/") || DRIVE.matcher(path).matches()) {
      throw new Refused("absolute paths are not allowed; give a path relative to the root");
    }
    if (path.startsWith("~")) {
      throw new Refused("home-relative paths are not allowed");
    }
    checkDisguises(path);
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      checkSegment(segment);
      segments.add(segment);
    }
    if (segments.size() > MAX_DEPTH) {
      throw new Refused("path is deeper than " + MAX_DEPTH + " directories");
    }
    return new SandboxPath(segments);
  }

  private static void checkCharacters(String path) throws Refused {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == 0) {
        throw new Refused("NUL byte in path");
      }
      if (Character.isISOControl(c)) {
        throw new Refused("control character in path");
      }
      if (c == '\\') {
        throw new Refused("backslash in path; separate directories with /");
      }
      int type = Character.getType(c);
      if (type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.SURROGATE && !validSurrogate(path, i)) {
        throw new Refused("invisible, bidirectional or unpaired character in path");
      }
    }
  }

  private static boolean validSurrogate(String path, int i) {
    char c = path.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(path.charAt(i - 1));
  }

  /**
   * Refuses look-alikes of separators and dots, percent-encodings ({@code %2e}, the overlong {@code
   * %c0%ae}, the IIS-style {@code %uff0e}) and anything that means a traversal once
   * Unicode-normalized: a server or shell downstream might read them as {@code /} or {@code ..}.
   */
  private static void checkDisguises(String path) throws Refused {
    int lookAlike = path.codePoints().filter(LOOK_ALIKES::contains).findFirst().orElse(-1);
    if (lookAlike >= 0) {
      throw new Refused(
          String.format("look-alike of a slash, backslash or dot (U+%04X) in path", lookAlike));
    }
    Matcher percent = PERCENT.matcher(path);
    if (percent.find()) {
      throw new Refused(
          "percent-encoded character '"
              + percent.group()
              + "' in path; write the character itself");
    }
    String folded = Normalizer.normalize(path, Normalizer.Form.NFKC);
    if (!folded.equals(path) && (hasTraversal(folded) || count(folded) != count(path))) {
      throw new Refused("Unicode look-alike of a dot or separator in path");
    }
  }

  private static boolean hasTraversal(String path) {
    for (String segment : path.split("[/\\\\]", -1)) {
      if (segment.strip().equals("..") || segment.strip().equals(".")) {
        return true;
      }
    }
    return path.indexOf('\\') >= 0;
  }

  private static long count(String path) {
    return path.chars().filter(c -> c == '/').count();
  }

  private static void checkSegment(String segment) throws Refused {
    if (segment.equals("..")) {
      throw new Refused("'..' would leave the root");
    }
    if (segment.chars().allMatch(c -> c == '.' || c == ' ')) {
      throw new Refused("a name made only of dots and spaces is not allowed");
    }
    if (DOTS_AND_PARAMETER.matcher(segment).matches()) {
      throw new Refused("dots followed by ';' (a path parameter such as '..;') are not allowed");
    }
    if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
      throw new Refused("a name is longer than " + MAX_SEGMENT_BYTES + " bytes");
    }
  }

  /** Returns {@code text} escaped for display, on one line of at most 200 characters. */
  public static String display(String text) {
    return ConsentText.line(text, 200);
  }
}
