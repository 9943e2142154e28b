package dev.olympus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An in-process Ollama ({@code /api/chat}, {@code /api/tags} with {@code llama3.2} pulled) that
 * answers chats with scripted texts and tool calls, in order, and keeps every request. A request
 * with {@code "stream": true} (Ollama's default) gets NDJSON: the text a few characters per chunk,
 * the tool calls in one chunk, then a final chunk with the token counts. When the script runs out
 * it answers HTTP 400, which the router reports as a hard error, so a test that asks more than it
 * scripted fails loudly.
 */
// A fixture of this module's test-jar (examples' tests use it too), not API of the module.
@SuppressWarnings("exports")
public final class ScriptedOllama extends FakeServer {
  /** One scripted answer: text and tool calls {@code [name, argumentsJson]}. */
  public record Answer(String text, List<String[]> calls) {
    public static Answer text(String text) {
      return new Answer(text, List.of());
    }

    public static Answer tools(String... nameThenArguments) {
      List<String[]> calls = new ArrayList<>();
      for (int i = 0; i < nameThenArguments.length; i += 2) {
        calls.add(new String[] {nameThenArguments[i], nameThenArguments[i + 1]});
      }
      return new Answer("", calls);
    }
  }

  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<JsonNode> requests = new ArrayList<>();

  public ScriptedOllama(Answer... answers) throws IOException {
    script.addAll(List.of(answers));
    route("/api/tags", request -> Reply.json(200, tags()));
    route("/api/chat", this::chat);
  }

  /** A server answering with these texts. */
  public static ScriptedOllama texts(String... texts) throws IOException {
    return new ScriptedOllama(List.of(texts).stream().map(Answer::text).toArray(Answer[]::new));
  }

  /** Every chat request body received, in order. */
  public synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The answers not yet given. */
  public synchronized int remaining() {
    return script.size();
  }

  private static ObjectNode tags() {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("models").addObject().put("name", "llama3.2:latest");
    return body;
  }

  private Reply chat(JsonNode request) {
    Answer answer;
    synchronized (this) {
      requests.add(request);
      answer = script.poll();
    }
    if (answer == null) {
      return Reply.json(400, JSON.createObjectNode().put("error", "the script has no answers"));
    }
    if (!request.path("stream").asBoolean(true)) {
      return Reply.json(200, chunk(answer, true));
    }
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < answer.text().length(); i += 4) {
      String piece = answer.text().substring(i, Math.min(answer.text().length(), i + 4));
      lines.append(chunk(Answer.text(piece), false)).append('\n');
    }
    if (!answer.calls().isEmpty()) {
      lines.append(chunk(new Answer("", answer.calls()), false)).append('\n');
    }
    lines.append(chunk(Answer.text(""), true)).append('\n');
    return new Reply(200, "application/x-ndjson", lines.toString());
  }

  private static ObjectNode chunk(Answer answer, boolean done) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("model", "llama3.2").put("created_at", "2026-11-25T10:00:00Z");
    ObjectNode message = reply.putObject("message").put("role", "assistant");
    message.put("content", answer.text());
    if (!answer.calls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (String[] call : answer.calls()) {
        calls.addObject().putObject("function").put("name", call[0]).set("arguments", parse(call));
      }
    }
    reply.put("done", done);
    if (done) {
      reply.put("done_reason", "stop").put("prompt_eval_count", 100).put("eval_count", 20);
    }
    return reply;
  }

  private static JsonNode parse(String[] call) {
    try {
      return JSON.readTree(call[1]);
    } catch (IOException e) {
      throw new UncheckedIOException("bad scripted arguments for " + call[0], e);
    }
  }
}
