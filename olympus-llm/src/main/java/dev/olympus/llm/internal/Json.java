package dev.olympus.llm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.HardException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** JSON helpers on Jackson's tree model. Stateless and thread-safe. */
public final class Json {
  /** Configured once and never changed, so it is safe to share. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A new empty object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new empty array. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /**
   * Parses {@code text}, reporting bad JSON as a {@link HardException} of {@code provider}.
   *
   * @throws HardException if {@code text} is not JSON
   */
  public static JsonNode parse(String provider, String text, String what) {
    return parse(provider, what, () -> MAPPER.readTree(text), () -> text);
  }

  /**
   * Parses UTF-8 {@code bytes} without decoding them to a string first, reporting bad JSON as a
   * {@link HardException} of {@code provider}.
   *
   * @throws HardException if {@code bytes} are not JSON
   */
  public static JsonNode parse(String provider, byte[] bytes, String what) {
    return parse(
        provider,
        what,
        () -> MAPPER.readTree(bytes),
        () -> new String(bytes, StandardCharsets.UTF_8));
  }

  /** Reads one JSON document. */
  private interface Reading {
    JsonNode read() throws IOException;
  }

  private static JsonNode parse(
      String provider, String what, Reading reading, Supplier<String> text) {
    try {
      JsonNode node = reading.read();
      if (node == null || node.isMissingNode()) {
        throw new HardException(provider, 0, what + " is empty", null);
      }
      return node;
    } catch (IOException e) {
      throw new HardException(
          provider, 0, what + " is not valid JSON: " + abbreviate(text.get()), e);
    }
  }

  /** {@code node} as compact UTF-8 JSON, ready to send. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree cannot fail to serialize", e);
    }
  }

  /** {@code node} as compact JSON text. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree cannot fail to serialize", e);
    }
  }

  /** The text of field {@code name}, or {@code fallback} when it is missing or null. */
  public static String text(JsonNode node, String name, String fallback) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? fallback : value.asText();
  }

  /** At most 200 characters of {@code text}, for error messages. */
  public static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
