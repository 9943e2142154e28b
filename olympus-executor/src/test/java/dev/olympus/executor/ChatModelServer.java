package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.OpenAiCompatibleProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.plan.Money;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * An in-process model server that answers chat calls with scripted text and tool calls, in either
 * wire format: Ollama's {@code /api/chat} (tool-call arguments as JSON objects, NDJSON when
 * streaming) or OpenAI's {@code /v1/chat/completions} (tool-call arguments as JSON text,
 * server-sent events with argument pieces keyed by index when streaming). Every request body is
 * kept.
 */
final class ChatModelServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The wire format the server speaks. */
  enum Wire {
    OLLAMA,
    OPENAI
  }

  /** One scripted answer: text, tool calls {@code [name, argumentsJson]}, and usage. */
  record Answer(String text, List<String[]> calls, int promptTokens, int completionTokens) {
    static Answer text(String text) {
      return new Answer(text, List.of(), 100, 20);
    }

    static Answer tools(String... nameThenArguments) {
      List<String[]> calls = new ArrayList<>();
      for (int i = 0; i < nameThenArguments.length; i += 2) {
        calls.add(new String[] {nameThenArguments[i], nameThenArguments[i + 1]});
      }
      return new Answer("", calls, 100, 20);
    }

    Answer usage(int prompt, int completion) {
      return new Answer(text, calls, prompt, completion);
    }
  }

  final Wire wire;
  final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Answer> script = new ArrayDeque<>();
  private final HttpServer server;

  ChatModelServer(Wire wire, Answer... answers) throws IOException {
    this.wire = wire;
    script.addAll(List.of(answers));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(wire == Wire.OLLAMA ? "/api/chat" : "/v1/chat/completions", this::chat);
    server.start();
  }

  /** Adds answers to the end of the script. */
  synchronized void then(Answer... answers) {
    script.addAll(List.of(answers));
  }

  /**
   * A router with this server as its only provider: local Ollama, or a paid OpenAI fallback at $1
   * and $2 per million prompt and completion tokens.
   */
  LlmRouter router() {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    if (wire == Wire.OLLAMA) {
      return LlmRouter.builder().local(OllamaProvider.at(base, "llama3.2")).build();
    }
    return LlmRouter.builder()
        .fallback(
            OpenAiCompatibleProvider.of(base.resolve("/v1"), "sk-test", "gpt-4o-mini"),
            Pricing.perMillionTokens("1", "2"))
        .cloudFallback(true)
        .dailyBudget(Money.usd("5"))
        .build();
  }

  /** The messages of request {@code index}. */
  JsonNode messages(int index) {
    return requests.get(index).path("messages");
  }

  private void chat(HttpExchange exchange) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    requests.add(request);
    Answer answer;
    synchronized (this) {
      answer = script.isEmpty() ? Answer.text("(script ended)") : script.poll();
    }
    boolean stream = request.path("stream").asBoolean(wire == Wire.OLLAMA);
    String model = request.path("model").asText();
    String body;
    if (wire == Wire.OLLAMA) {
      body = stream ? ollamaStream(answer, model) : ollama(answer, model, true).toString();
    } else {
      body = stream ? openAiStream(answer, model) : openAi(answer, model).toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String type =
        !stream
            ? "application/json"
            : wire == Wire.OLLAMA ? "application/x-ndjson" : "text/event-stream";
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ObjectNode ollama(Answer answer, String model, boolean done) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("model", model).put("created_at", "2026-11-25T10:00:00Z");
    ObjectNode message = reply.putObject("message").put("role", "assistant");
    message.put("content", answer.text());
    if (!answer.calls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (String[] call : answer.calls()) {
        calls
            .addObject()
            .putObject("function")
            .put("name", call[0])
            .set("arguments", parse(call[1]));
      }
    }
    reply.put("done", done);
    if (done) {
      reply.put("done_reason", "stop");
      reply.put("prompt_eval_count", answer.promptTokens());
      reply.put("eval_count", answer.completionTokens());
    }
    return reply;
  }

  // Text a few characters at a time, the tool calls in one chunk, then the final chunk with counts.
  private static String ollamaStream(Answer answer, String model) {
    StringBuilder lines = new StringBuilder();
    for (String piece : pieces(answer.text())) {
      lines.append(ollama(new Answer(piece, List.of(), 0, 0), model, false)).append('\n');
    }
    if (!answer.calls().isEmpty()) {
      lines.append(ollama(new Answer("", answer.calls(), 0, 0), model, false)).append('\n');
    }
    Answer last = new Answer("", List.of(), answer.promptTokens(), answer.completionTokens());
    return lines.append(ollama(last, model, true)).append('\n').toString();
  }

  private static ObjectNode openAi(Answer answer, String model) {
    ObjectNode reply = completion(model, "chat.completion");
    ObjectNode choice = reply.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (answer.calls().isEmpty()) {
      message.put("content", answer.text());
    } else {
      message.putNull("content");
      ArrayNode calls = message.putArray("tool_calls");
      for (int i = 0; i < answer.calls().size(); i++) {
        String[] call = answer.calls().get(i);
        ObjectNode item = calls.addObject().put("id", callId(i, call)).put("type", "function");
        item.putObject("function").put("name", call[0]).put("arguments", call[1]);
      }
    }
    choice.put("finish_reason", answer.calls().isEmpty() ? "stop" : "tool_calls");
    usage(reply, answer);
    return reply;
  }

  // Content deltas, tool calls whose arguments arrive in two pieces, the finish chunk, the usage
  // chunk with empty choices (stream_options.include_usage), then [DONE].
  private static String openAiStream(Answer answer, String model) {
    StringBuilder events = new StringBuilder();
    for (String piece : pieces(answer.text())) {
      ObjectNode chunk = completion(model, "chat.completion.chunk");
      ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
      choice.putObject("delta").put("content", piece);
      choice.putNull("finish_reason");
      event(events, chunk);
    }
    for (int i = 0; i < answer.calls().size(); i++) {
      String[] call = answer.calls().get(i);
      int half = call[1].length() / 2;
      String[] parts = {call[1].substring(0, half), call[1].substring(half)};
      for (int p = 0; p < parts.length; p++) {
        ObjectNode chunk = completion(model, "chat.completion.chunk");
        ObjectNode delta = chunk.putArray("choices").addObject().put("index", 0).putObject("delta");
        ObjectNode item = delta.putArray("tool_calls").addObject().put("index", i);
        ObjectNode function = item.putObject("function");
        if (p == 0) {
          item.put("id", callId(i, call)).put("type", "function");
          function.put("name", call[0]);
        }
        function.put("arguments", parts[p]);
        event(events, chunk);
      }
    }
    ObjectNode finish = completion(model, "chat.completion.chunk");
    ObjectNode choice = finish.putArray("choices").addObject().put("index", 0);
    choice.putObject("delta");
    choice.put("finish_reason", answer.calls().isEmpty() ? "stop" : "tool_calls");
    event(events, finish);
    ObjectNode usage = completion(model, "chat.completion.chunk");
    usage.putArray("choices");
    event(events, usage(usage, answer));
    return events.append("data: [DONE]\n\n").toString();
  }

  private static String callId(int index, String[] call) {
    return "call_" + index + "_" + call[0];
  }

  private static ObjectNode completion(String model, String object) {
    return JSON.createObjectNode()
        .put("id", "chatcmpl-1")
        .put("object", object)
        .put("created", 1_790_000_000L)
        .put("model", model);
  }

  private static ObjectNode usage(ObjectNode reply, Answer answer) {
    reply
        .putObject("usage")
        .put("prompt_tokens", answer.promptTokens())
        .put("completion_tokens", answer.completionTokens())
        .put("total_tokens", answer.promptTokens() + answer.completionTokens());
    return reply;
  }

  private static void event(StringBuilder events, JsonNode chunk) {
    events.append("data: ").append(chunk).append("\n\n");
  }

  private static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 4) {
      pieces.add(text.substring(i, Math.min(text.length(), i + 4)));
    }
    return pieces;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
