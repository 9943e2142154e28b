package dev.olympus.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** This module's JSON helpers. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** {@code text} parsed, or an empty object when it is blank. */
  public static JsonNode parse(String text) throws IOException {
    return text.isBlank() ? object() : MAPPER.readTree(text);
  }

  /** {@code text} parsed, or {@code text} as a JSON string when it does not parse. */
  public static JsonNode parseOrText(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null ? MAPPER.getNodeFactory().textNode(text) : node;
    } catch (IOException e) {
      return MAPPER.getNodeFactory().textNode(text);
    }
  }

  /** {@code vector} as a JSON array. */
  public static ArrayNode array(float[] vector) {
    ArrayNode array = MAPPER.createArrayNode();
    for (float x : vector) {
      array.add(x);
    }
    return array;
  }
}
