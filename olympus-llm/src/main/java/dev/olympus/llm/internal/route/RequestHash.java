package dev.olympus.llm.internal.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.internal.Json;
import dev.olympus.plan.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;

/**
 * The cache key of a request: the SHA-256 of a canonical JSON form (object keys sorted) of
 * everything that shapes the answer, and the model. The budget context is left out: it says who
 * pays, not what is asked.
 */
public final class RequestHash {
  private RequestHash() {}

  /** The hex SHA-256 key of {@code request} sent to {@code model}. */
  public static String of(ChatRequest request, String model) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(canonical(request, model).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The canonical JSON text that is hashed. */
  public static String canonical(ChatRequest request, String model) {
    ObjectNode root = Json.object().put("model", model);
    ArrayNode messages = root.putArray("messages");
    request.messages().forEach(m -> message(messages.addObject(), m));
    root.put("modelHint", request.modelHint().orElse(null));
    if (request.temperature().isPresent()) {
      root.put("temperature", request.temperature().getAsDouble());
    }
    if (request.maxTokens().isPresent()) {
      root.put("maxTokens", request.maxTokens().getAsInt());
    }
    request.tools().forEach(root.putArray("tools")::add);
    ObjectNode format = root.putObject("responseFormat");
    format.put("kind", request.responseFormat().kind().name());
    format.put("name", request.responseFormat().name());
    request.responseFormat().schema().ifPresent(s -> format.set("schema", s));
    root.put("cache", request.cache());
    return Json.write(sorted(root));
  }

  private static void message(ObjectNode out, ChatMessage message) {
    out.put("role", message.role().name()).put("content", message.content());
    ArrayNode calls = out.putArray("toolCalls");
    for (ToolCall call : message.toolCalls()) {
      calls.addObject().put("id", call.id()).put("name", call.toolId()).set("args", call.input());
    }
    out.put("toolCallId", message.toolCallId().orElse(null));
    out.put("toolName", message.toolName().orElse(null));
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> fields = new TreeMap<>();
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        fields.put(name, sorted(node.get(name)));
      }
      ObjectNode out = Json.object();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.array();
      node.forEach(element -> out.add(sorted(element)));
      return out;
    }
    return node;
  }
}
