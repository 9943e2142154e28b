package dev.olympus.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Pattern;

/** Copies a tool input for a human: secret-looking fields masked, long strings shortened. */
public final class Redactor {
  static final String MASK = "***redacted***";
  static final int MAX_STRING = 200;
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|api[_-]?key|authorization|cookie|credential"
              + "|private[_-]?key|session).*");
  private static final Pattern SECRET_QUERY =
      Pattern.compile(
          "(?i)([?&][^=&#]*(?:password|secret|token|key|auth|sig|session)[^=&#]*=)[^&#]*");

  private Redactor() {}

  /** Returns a redacted deep copy of {@code node}. */
  public static JsonNode redact(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = Json.object();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        boolean secret = SECRET_NAME.matcher(field.getKey()).matches();
        copy.set(field.getKey(), secret ? TextNode.valueOf(MASK) : redact(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      node.forEach(element -> copy.add(redact(element)));
      return copy;
    }
    return node.isTextual() ? TextNode.valueOf(shorten(node.asText())) : node.deepCopy();
  }

  /** Returns {@code url} with the values of secret-looking query parameters masked. */
  public static String redactUrl(String url) {
    return SECRET_QUERY.matcher(url).replaceAll("$1" + MASK);
  }

  private static String shorten(String text) {
    String masked = redactUrl(text);
    if (masked.length() <= MAX_STRING) {
      return masked;
    }
    return masked.substring(0, MAX_STRING) + "… (" + text.length() + " characters)";
  }
}
