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

  /** {@code text} parsed, or {@code text} as a JSON string when it does not parse. */
  public static JsonNode parseOrText(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      // Blank text reads as a missing node (never null), which would be written as null.
      return node.isMissingNode() ? MAPPER.getNodeFactory().textNode(text) : node;
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
