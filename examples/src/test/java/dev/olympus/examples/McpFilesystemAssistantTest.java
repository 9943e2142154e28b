package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.executor.ChatToolCall;
import dev.olympus.mcp.NodePeers;
import dev.olympus.plan.PlanState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link McpFilesystemAssistant} against the real filesystem server and a scripted Ollama. */
class McpFilesystemAssistantTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  @Test
  void aPlanAndAChatUseTheFilesystemServersToolsBehindConsentPrompts() throws Exception {
    Path note = home.resolve("workspace").resolve("notes.md");
    Deque<ObjectNode> answers = new ArrayDeque<>();
    ObjectNode read = JSON.createObjectNode();
    read.putObject("function")
        .put("name", "fs_read_text_file")
        .putObject("arguments")
        .put("path", note.toString());
    answers.add(message("", read));
    answers.add(message("Your note says: Buy milk", null));
    List<String> prompts = new ArrayList<>();
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    HttpServer ollama = scriptedOllama(answers);
    try {
      McpFilesystemAssistant.Outcome outcome =
          McpFilesystemAssistant.run(
              home,
              NodePeers.node(),
              NodePeers.script(NodePeers.FILESYSTEM),
              URI.create("http://127.0.0.1:" + ollama.getAddress().getPort()),
              McpFilesystemAssistantTest.noThenYes(prompts),
              new PrintStream(log, true, StandardCharsets.UTF_8));

      assertEquals(PlanState.DONE, outcome.plan(), log.toString(StandardCharsets.UTF_8));
      assertEquals("Buy milk", outcome.note());
      assertTrue(prompts.get(0).contains("call 'write_file' on MCP server 'fs'"), prompts.get(0));
      assertTrue(prompts.get(0).contains("may delete or overwrite"), prompts.get(0));
      assertTrue(log.toString(StandardCharsets.UTF_8).contains("step write is blocked"));
      ChatToolCall call = outcome.chat().toolCalls().get(0);
      assertEquals("fs.read_text_file", call.call().toolId());
      assertInstanceOf(ChatToolCall.Outcome.Succeeded.class, call.outcome());
      assertEquals("Your note says: Buy milk", outcome.chat().text());
    } finally {
      ollama.stop(0);
    }
  }

  /** The user: says no to the first prompt and yes to the rest, recording each. */
  private static java.util.function.Predicate<String> noThenYes(List<String> prompts) {
    return prompt -> {
      prompts.add(prompt);
      return prompts.size() > 1;
    };
  }

  private static ObjectNode message(String text, JsonNode toolCall) {
    ObjectNode reply = JSON.createObjectNode().put("model", "llama3.2");
    ObjectNode message = reply.putObject("message").put("role", "assistant").put("content", text);
    if (toolCall != null) {
      message.putArray("tool_calls").add(toolCall);
    }
    return reply
        .put("done", true)
        .put("done_reason", "stop")
        .put("prompt_eval_count", 100)
        .put("eval_count", 20);
  }

  /** Ollama's /api/tags and /api/chat, answering chats from {@code answers} in one NDJSON line. */
  private static HttpServer scriptedOllama(Deque<ObjectNode> answers) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/tags",
        exchange -> {
          ObjectNode tags = JSON.createObjectNode();
          tags.putArray("models").addObject().put("name", "llama3.2:latest");
          send(exchange, tags);
        });
    server.createContext(
        "/api/chat",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          ObjectNode answer;
          synchronized (answers) {
            answer = answers.poll();
          }
          send(exchange, answer == null ? JSON.createObjectNode().put("error", "no more") : answer);
        });
    server.start();
    return server;
  }

  private static void send(HttpExchange exchange, JsonNode body) throws IOException {
    byte[] bytes = (JSON.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    exchange.sendResponseHeaders(body.has("error") ? 400 : 200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
