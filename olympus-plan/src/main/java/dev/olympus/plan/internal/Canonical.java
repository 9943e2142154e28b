package dev.olympus.plan.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Canonical JSON: object keys sorted, no whitespace, numbers as Jackson writes longs, big integers,
 * decimals and doubles. Byte for byte the form the memory module's event chain hashes, so an event
 * written here hashes to the payload hash the chain holds.
 */
public final class Canonical {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();
  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private Canonical() {}

  /** {@code node} in canonical form. */
  public static String write(JsonNode node) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator generator = MAPPER.createGenerator(out)) {
      write(generator, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Parses {@code json} strictly: no duplicate keys, nothing after the value.
   *
   * @throws IllegalArgumentException if it is not one JSON value
   */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}, as lowercase hex. */
  public static String sha256(String text) {
    return hex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** {@code bytes} as lowercase hex. */
  public static String hex(byte[] bytes) {
    byte[] out = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 15];
      out[2 * i + 1] = DIGITS[bytes[i] & 15];
    }
    return new String(out, StandardCharsets.US_ASCII);
  }

  /**
   * The bytes of lowercase hex {@code text}; anything else (upper case included, so that one text
   * stands for one byte string) is refused.
   *
   * @throws IllegalArgumentException if {@code text} is not lowercase hex of whole bytes
   */
  public static byte[] unhex(String text, String name) {
    Checks.argument(text.length() % 2 == 0, name + " is not hex: odd length");
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (digit(text.charAt(2 * i), name) << 4 | digit(text.charAt(2 * i + 1), name));
    }
    return out;
  }

  private static int digit(char c, String name) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    Checks.argument(c >= 'a' && c <= 'f', name + " is not lowercase hex");
    return c - 'a' + 10;
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      node.fieldNames().forEachRemaining(names::add);
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
      value(g, node);
    }
  }

  private static void value(JsonGenerator g, JsonNode node) throws IOException {
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
