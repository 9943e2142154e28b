package dev.olympus.testing;

import static dev.olympus.testing.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request a {@link FakeModelServer} received, for assertions.
 *
 * <pre>{@code
 * RecordedRequest chat = ollama.requests("/api/chat").get(0);
 * assertEquals("llama3.2", chat.json().path("model").asText());
 * assertEquals("Why is the sky blue?", chat.lastMessage("user").orElseThrow());
 * }</pre>
 *
 * <p>Immutable and thread-safe as long as nobody mutates {@link #json()}'s node.
 *
 * @param method the HTTP method, such as {@code POST}
 * @param path the path, such as {@code /api/chat}
 * @param headers the headers, names in lower case
 * @param body the body as text, empty when there was none
 * @param receivedAt when the server read the request
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    String body,
    Instant receivedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public RecordedRequest {
    notNull(method, "method");
    notNull(path, "path");
    TreeMap<String, List<String>> lower = new TreeMap<>();
    notNull(headers, "headers")
        .forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = Map.copyOf(lower);
    notNull(body, "body");
    notNull(receivedAt, "receivedAt");
  }

  /** The body parsed as JSON, or a missing node when it is empty or not JSON. */
  public JsonNode json() {
    try {
      JsonNode node = body.isEmpty() ? null : JSON.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  /**
   * The first value of header {@code name} (any case), if present.
   *
   * @throws NullPointerException if {@code name} is null
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(notNull(name, "name").toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The content of the last chat message with {@code role} ({@code user}, {@code system}, ...), if
   * the body is a chat request that has one.
   *
   * @throws NullPointerException if {@code role} is null
   */
  public Optional<String> lastMessage(String role) {
    notNull(role, "role");
    String content = null;
    for (JsonNode message : json().path("messages")) {
      if (role.equals(message.path("role").asText())) {
        content = message.path("content").asText();
      }
    }
    return Optional.ofNullable(content);
  }
}
