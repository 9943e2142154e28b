package dev.olympus.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolValidationException;
import java.util.List;

/** The module's Jackson mapper (configured once, never mutated) and small JSON helpers. */
public final class Json {
  /** Shared mapper; configured here and never changed afterwards, so safe to share. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /** Returns a fresh object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Returns a schema accepting an object with no properties. */
  public static ObjectNode emptyObjectSchema() {
    ObjectNode schema = object().put("type", "object");
    schema.putObject("properties");
    return schema;
  }

  /** Parses JSON text that is part of this module (schemas); a failure is a bug. */
  public static ObjectNode parseObject(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bad built-in JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Converts a validated input to {@code type}, reporting a mismatch as a validation error. */
  public static <T> T convert(String toolId, JsonNode input, Class<T> type) {
    try {
      return MAPPER.treeToValue(input, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ToolValidationException(
          toolId, List.of("cannot read input as " + type.getSimpleName() + ": " + e.getMessage()));
    }
  }

  /** Converts a tool's result to JSON; null becomes JSON null. */
  public static JsonNode toTree(String toolId, Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    try {
      return MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new ToolExecutionException(
          toolId, "result is not writable as JSON: " + e.getMessage(), false, e);
    }
  }
}
