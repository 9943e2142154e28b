package dev.olympus.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.plan.Money;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process OpenAI-compatible server ({@code /v1/chat/completions}, whole or streamed as
 * server-sent events) that generates {@code tokens} tokens of three characters each ("ok "),
 * reports {@code promptTokens} prompt tokens, and bills what it reports at {@link
 * #PRICE_PER_TOKEN}. An honest server stops at the request's {@code max_completion_tokens} (or
 * {@code max_tokens}); a lying one ignores it. A streamed answer is billed token by token as each
 * is written, so a client that hangs up stops the bill (give or take what the socket buffers).
 */
final class BillingOpenAi implements AutoCloseable {
  /** A tenth of a cent, as {@link LlmRouterTest#PRICE} charges. */
  static final BigDecimal PRICE_PER_TOKEN = new BigDecimal("0.001");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final boolean honest;
  private final int tokens;
  private final int promptTokens;
  private final AtomicLong billedTokens = new AtomicLong();
  private final AtomicInteger requests = new AtomicInteger();

  BillingOpenAi(boolean honest, int tokens, int promptTokens) throws IOException {
    this.honest = honest;
    this.tokens = tokens;
    this.promptTokens = promptTokens;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** What the server billed, in dollars. */
  Money billed() {
    return Money.usd(PRICE_PER_TOKEN.multiply(BigDecimal.valueOf(billedTokens.get())));
  }

  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      JsonNode cap = request.path("max_completion_tokens");
      cap = cap.isMissingNode() ? request.path("max_tokens") : cap;
      int generated = honest && cap.isInt() ? Math.min(tokens, cap.asInt()) : tokens;
      String finish = generated < tokens ? "length" : "stop";
      if (request.path("stream").asBoolean()) {
        stream(exchange, generated, finish);
      } else {
        whole(exchange, generated, finish);
      }
    }
  }

  private void whole(HttpExchange exchange, int generated, String finish) throws IOException {
    ObjectNode answer = JSON.createObjectNode().put("object", "chat.completion").put("model", "m");
    ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", "ok ".repeat(generated));
    choice.put("finish_reason", finish);
    usage(answer, generated);
    billedTokens.addAndGet(promptTokens + generated);
    byte[] body = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private void stream(HttpExchange exchange, int generated, String finish) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    billedTokens.addAndGet(promptTokens);
    for (int i = 0; i < generated; i++) {
      ObjectNode chunk = JSON.createObjectNode().put("object", "chat.completion.chunk");
      ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
      choice.putObject("delta").put("content", "ok ");
      choice.putNull("finish_reason");
      event(out, chunk.toString()); // throws once the client has hung up: the bill stops
      billedTokens.incrementAndGet();
    }
    ObjectNode last = JSON.createObjectNode().put("object", "chat.completion.chunk");
    last.putArray("choices")
        .addObject()
        .put("index", 0)
        .put("finish_reason", finish)
        .putObject("delta");
    event(out, last.toString());
    ObjectNode usage = JSON.createObjectNode().put("object", "chat.completion.chunk");
    usage.putArray("choices");
    usage(usage, generated);
    event(out, usage.toString());
    event(out, "[DONE]");
  }

  private void usage(ObjectNode answer, int generated) {
    answer
        .putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", generated)
        .put("total_tokens", promptTokens + generated);
  }

  private static void event(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
