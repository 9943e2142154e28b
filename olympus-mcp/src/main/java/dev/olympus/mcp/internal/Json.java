package dev.olympus.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Conversions between Jackson trees and the SDK's maps and records. */
public final class Json {
  /** A mapper with the default configuration; never reconfigured after creation. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /** Returns the SDK's JSON mapper (Jackson 2, found through the SDK's service loader). */
  public static McpJsonMapper sdkMapper() {
    return McpJsonDefaults.getMapper();
  }

  /** Returns {@code node} (a JSON object) as a map. */
  public static Map<String, Object> toMap(JsonNode node) {
    return MAPPER.convertValue(node, MAP);
  }

  /** Returns an SDK value (a map, list or record) as a tree, as it travels on the wire. */
  public static JsonNode toTree(Object value) {
    try {
      return MAPPER.readTree(sdkMapper().writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code node} as a JSON string. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
