package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Turns a host's Ollama option value into JSON: a string, number or boolean, or a list of them. */
public final class OllamaOptionValue {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OllamaOptionValue() {}

  /**
   * {@code value} as JSON.
   *
   * @throws IllegalArgumentException if {@code value} is not a string, number, boolean or a list of
   *     them
   */
  public static JsonNode of(String name, Object value) {
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(scalar(name, item)));
      return array;
    }
    return scalar(name, value);
  }

  private static JsonNode scalar(String name, Object value) {
    if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return NODES.numberNode(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      return NODES.numberNode(((Number) value).doubleValue());
    } else if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    } else if (value instanceof BigInteger i) {
      return NODES.numberNode(i);
    }
    throw new IllegalArgumentException(
        "option "
            + name
            + " must be a string, number or boolean, or a list of them, but was "
            + (value == null ? "null" : value.getClass().getName()));
  }
}
