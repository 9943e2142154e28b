package dev.olympus.memory.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Canonical JSON: object keys sorted, no whitespace; the form the event chain hashes. */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CanonicalJson() {}

  /** {@code node} in canonical form. */
  public static String write(JsonNode node) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator generator = MAPPER.createGenerator(out)) {
      write(generator, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A string-to-string map as a canonical JSON object. */
  public static String writeMap(Map<String, String> map) {
    return write(MAPPER.valueToTree(map));
  }

  /** Reads a JSON object of strings written by {@link #write(Map)}. */
  public static Map<String, String> readMap(String json) {
    try {
      Map<String, String> map = new java.util.TreeMap<>();
      MAPPER.readTree(json).properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a JSON array of strings. */
  public static List<String> readList(String json) {
    try {
      List<String> list = new ArrayList<>();
      MAPPER.readTree(json).forEach(n -> list.add(n.asText()));
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code text} as a JSON string literal, quotes included. */
  public static String quote(String text) {
    return MAPPER.getNodeFactory().textNode(text).toString();
  }

  public static void write(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      node.properties().forEach(e -> names.add(e.getKey()));
      Collections.sort(names);
      g.writeStartObject();
      for (String name : names) {
        g.writeFieldName(name);
        write(g, node.get(name));
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        write(g, element);
      }
      g.writeEndArray();
    } else {
      writeValue(g, node);
    }
  }

  // Direct generator calls: going through the mapper costs microseconds per value.
  private static void writeValue(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isTextual()) {
      g.writeString(node.textValue());
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      g.writeNumber(node.longValue());
    } else if (node.isBigInteger()) {
      g.writeNumber(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      g.writeNumber(node.decimalValue());
    } else if (node.isFloatingPointNumber()) {
      g.writeNumber(node.doubleValue());
    } else if (node.isBoolean()) {
      g.writeBoolean(node.booleanValue());
    } else if (node.isNull()) {
      g.writeNull();
    } else {
      MAPPER.writeTree(g, node);
    }
  }
}
