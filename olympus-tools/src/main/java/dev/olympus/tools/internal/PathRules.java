package dev.olympus.tools.internal;

import dev.olympus.tools.ConsentText;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lexical half of the sandbox: turns a path string from a tool input into clean segments, or
 * names why it is refused. Pure and thread-safe; the file system is not consulted.
 */
final class PathRules {
  static final int MAX_LENGTH = 4096;
  static final int MAX_SEGMENT_BYTES = 255;
  static final int MAX_DEPTH = 64;
  private static final Pattern PERCENT = Pattern.compile("%([0-9a-fA-F]{2})");
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

  /** Refuses paths that mean a traversal once Unicode-normalized or percent-decoded. */
  private static void checkDisguises(String path) throws Refused {
    String folded = Normalizer.normalize(path, Normalizer.Form.NFKC);
    if (!folded.equals(path) && (hasTraversal(folded) || count(folded) != count(path))) {
      throw new Refused("Unicode look-alike of a dot or separator in path");
    }
    String decoded = path;
    for (int round = 0; round < 3 && decoded.indexOf('%') >= 0; round++) {
      decoded = percentDecode(decoded);
    }
    if (!decoded.equals(path)
        && (hasTraversal(decoded)
            || decoded.startsWith("/")
            || decoded.indexOf('\\') >= 0
            || decoded.indexOf('\0') >= 0)) {
      throw new Refused("percent-encoded traversal, separator or NUL in path");
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

  private static String percentDecode(String text) {
    Matcher matcher = PERCENT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      char c = (char) Integer.parseInt(matcher.group(1), 16);
      matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(c)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static void checkSegment(String segment) throws Refused {
    if (segment.equals("..")) {
      throw new Refused("'..' would leave the root");
    }
    if (segment.chars().allMatch(c -> c == '.' || c == ' ')) {
      throw new Refused("a name made only of dots and spaces is not allowed");
    }
    if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
      throw new Refused("a name is longer than " + MAX_SEGMENT_BYTES + " bytes");
    }
  }

  /** Returns {@code text} escaped for display, on one line of at most 200 characters. */
  static String display(String text) {
    return ConsentText.line(text, 200);
  }
}
