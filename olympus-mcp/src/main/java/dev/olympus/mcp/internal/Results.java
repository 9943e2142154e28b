package dev.olympus.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an MCP tool result into the JSON an Olympus tool returns: {@code text} (the text blocks
 * joined by newlines), {@code content} (every block as it came on the wire: text, image, audio,
 * embedded resource, resource link) and, when the server sent it, {@code structuredContent}.
 */
final class Results {
  /** The output schema of every imported tool. */
  static final JsonNode OUTPUT_SCHEMA =
      parse(
          "{\"type\":\"object\",\"required\":[\"text\",\"content\"],\"properties\":{"
              + "\"text\":{\"type\":\"string\"},"
              + "\"content\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}},"
              + "\"structuredContent\":{}}}");

  private static final int MAX_ERROR = 2000;

  private Results() {}

  static JsonNode toJson(CallToolResult result) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("text", text(result));
    ArrayNode content = out.putArray("content");
    contents(result).forEach(block -> content.add(block(block)));
    if (result.structuredContent() != null) {
      out.set("structuredContent", Json.toTree(result.structuredContent()));
    }
    return out;
  }

  /** Returns {@code block} as on the wire, with its {@code type}, which a list would lose. */
  private static ObjectNode block(Content block) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("type", block.type());
    node.setAll((ObjectNode) Json.toTree(block));
    return node;
  }

  static boolean isError(CallToolResult result) {
    return Boolean.TRUE.equals(result.isError());
  }

  static String text(CallToolResult result) {
    return contents(result).stream()
        .filter(TextContent.class::isInstance)
        .map(c -> ((TextContent) c).text())
        .collect(Collectors.joining("\n"));
  }

  /**
   * Returns the text of an error result for a message, cut at {@value #MAX_ERROR} characters (an
   * error message travels into checkpoints and logs).
   */
  static String errorText(CallToolResult result) {
    String text = text(result);
    return text.length() <= MAX_ERROR
        ? text
        : text.substring(0, MAX_ERROR)
            + "... ("
            + (text.length() - MAX_ERROR)
            + " more characters)";
  }

  private static List<Content> contents(CallToolResult result) {
    return result.content() == null ? List.of() : result.content();
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
