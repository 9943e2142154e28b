package dev.olympus.tools.internal.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a response body into text by its content type: HTML stripped, other text decoded. */
public final class TextExtraction {
  private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");
  private static final Pattern HIDDEN =
      Pattern.compile("(?is)<(script|style|noscript|template)\\b.*?</\\1\\s*>|<!--.*?-->");
  private static final Pattern BREAK =
      Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6]|/title|/section|/article)\\b[^>]*>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");
  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

  private TextExtraction() {}

  /** Adds {@code contentType} and either {@code text} (and {@code title}) or {@code base64}. */
  public static void describe(ObjectNode result, String contentType, byte[] body) {
    String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    result.put("contentType", contentType);
    if (!isText(mime)) {
      result.put("base64", Base64.getEncoder().encodeToString(body));
      return;
    }
    String text = new String(body, charset(contentType));
    if (mime.equals("text/html") || mime.equals("application/xhtml+xml")) {
      Matcher title = TITLE.matcher(text);
      if (title.find()) {
        result.put("title", collapse(entities(TAG.matcher(title.group(1)).replaceAll(""))));
      }
      text = html(text);
    }
    result.put("text", text);
  }

  static boolean isText(String mime) {
    return mime.startsWith("text/")
        || mime.endsWith("+json")
        || mime.endsWith("+xml")
        || mime.equals("application/json")
        || mime.equals("application/xml")
        || mime.equals("application/javascript")
        || mime.equals("application/x-www-form-urlencoded");
  }

  private static Charset charset(String contentType) {
    Matcher matcher = CHARSET.matcher(contentType);
    if (matcher.find()) {
      try {
        return Charset.forName(matcher.group(1));
      } catch (IllegalArgumentException unsupported) {
        return StandardCharsets.UTF_8;
      }
    }
    return StandardCharsets.UTF_8;
  }

  /** Returns the visible text of an HTML document, one line per block. */
  static String html(String html) {
    String text = HIDDEN.matcher(html).replaceAll(" ");
    text = BREAK.matcher(text).replaceAll("\n");
    text = entities(TAG.matcher(text).replaceAll(" "));
    return collapse(text);
  }

  /** Collapses runs of whitespace in each line and drops empty lines. */
  static String collapse(String text) {
    return text.lines()
        .map(line -> line.replaceAll("[\\s\\u00a0]+", " ").strip())
        .filter(line -> !line.isEmpty())
        .reduce((a, b) -> a + "\n" + b)
        .orElse("");
  }

  private static String entities(String text) {
    Matcher matcher = NUMERIC_ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      int code = Integer.parseInt(matcher.group(2), matcher.group(1).isEmpty() ? 10 : 16);
      String replacement = Character.isValidCodePoint(code) ? Character.toString(code) : "\ufffd";
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString()
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}
