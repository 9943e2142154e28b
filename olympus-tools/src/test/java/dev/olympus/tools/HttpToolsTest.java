package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP tools against an in-process server on 127.0.0.1 (loopback allowed explicitly). */
class HttpToolsTest {
  private HttpServer server;
  private String base;
  private final AtomicInteger hits = new AtomicInteger();
  private ToolRegistry tools;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    route(
        "/text",
        "text/plain; charset=ISO-8859-1",
        "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1),
        200);
    route(
        "/html",
        "text/html; charset=utf-8",
        ("<html><head><title>T &amp; T</title><style>p{}</style></head><body><p>Hello"
                + " &lt;world&gt;</p><script>alert(1)</script><div>Line&#32;two</div></body></html>")
            .getBytes(StandardCharsets.UTF_8),
        200);
    route("/json", "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 200);
    route("/bin", "image/png", new byte[] {1, 2, 3}, 200);
    route("/big", "text/plain", "x".repeat(5000).getBytes(StandardCharsets.UTF_8), 200);
    route("/busy", "text/plain", "later".getBytes(StandardCharsets.UTF_8), 503);
    route("/missing", "text/plain", "nope".getBytes(StandardCharsets.UTF_8), 404);
    redirect("/to-text", "/text", 302);
    redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/", 302);
    redirect("/to-private", "http://10.0.0.1/", 301);
    redirect("/to-file", "file:///etc/passwd", 302);
    redirect("/loop", "/loop", 302);
    server.createContext(
        "/echo",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          respond(
              exchange,
              exchange.getRequestMethod() + " " + new String(body, StandardCharsets.UTF_8),
              "text/plain",
              200);
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    tools =
        ToolRegistry.builder()
            .add(
                HttpTools.builder().allowLoopback(true).maxResponseBytes(1000).enablePost().build())
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void route(String path, String type, byte[] body, int status) {
    server.createContext(path, exchange -> respond(exchange, body, type, status));
  }

  private void redirect(String path, String location, int status) {
    server.createContext(
        path,
        exchange -> {
          hits.incrementAndGet();
          exchange.getResponseHeaders().add("Location", location);
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
  }

  private void respond(HttpExchange exchange, String text, String type, int status)
      throws IOException {
    respond(exchange, text.getBytes(StandardCharsets.UTF_8), type, status);
  }

  private void respond(HttpExchange exchange, byte[] body, String type, int status)
      throws IOException {
    hits.incrementAndGet();
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private JsonNode get(String path) {
    return get(tools, base + path);
  }

  private static JsonNode get(ToolRegistry registry, String url) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("url", url);
    return registry.invoke(ToolCall.of("net.http.get", input), context());
  }

  @Test
  void textIsDecodedByCharset() {
    JsonNode result = get("/text");
    assertEquals(200, result.get("status").asInt());
    assertEquals("caf\u00e9", result.get("text").asText());
    assertFalse(result.get("truncated").asBoolean());
  }

  @Test
  void htmlIsReducedToVisibleText() {
    JsonNode result = get("/html");
    assertEquals("T & T", result.get("title").asText());
    String text = result.get("text").asText();
    assertTrue(text.contains("Hello <world>"), text);
    assertTrue(text.contains("Line two"), text);
    assertFalse(text.contains("alert"), text);
    assertFalse(text.contains("p{}"), text);
  }

  @Test
  void jsonIsTextAndBinaryIsBase64() {
    assertEquals("{\"a\":1}", get("/json").get("text").asText());
    assertEquals("AQID", get("/bin").get("base64").asText());
  }

  @Test
  void bodiesAreCutAtTheLimit() {
    JsonNode result = get("/big");
    assertTrue(result.get("truncated").asBoolean());
    assertEquals(1000, result.get("text").asText().length());
  }

  @Test
  void statusesAreReportedAndBusyIsRetryable() {
    assertEquals(404, get("/missing").get("status").asInt());
    ToolExecutionException busy = assertThrows(ToolExecutionException.class, () -> get("/busy"));
    assertTrue(busy.retryable());
  }

  @Test
  void redirectsAreFollowedAndCheckedOnEveryHop() {
    JsonNode result = get("/to-text");
    assertEquals(base + "/text", result.get("url").asText());
    SandboxViolationException metadata =
        assertThrows(SandboxViolationException.class, () -> get("/to-metadata"));
    assertTrue(metadata.getMessage().contains("169.254.169.254"), metadata.getMessage());
    assertThrows(SandboxViolationException.class, () -> get("/to-private"));
    assertThrows(SandboxViolationException.class, () -> get("/to-file"));
    ToolExecutionException loop = assertThrows(ToolExecutionException.class, () -> get("/loop"));
    assertTrue(loop.getMessage().contains("redirects"), loop.getMessage());
  }

  @Test
  void postSendsTheBodyBehindItsOwnScope() {
    ObjectNode input =
        JsonNodeFactory.instance.objectNode().put("url", base + "/echo").put("body", "{\"x\":1}");
    JsonNode result = tools.invoke(ToolCall.of("net.http.post", input), context());
    assertEquals("POST {\"x\":1}", result.get("text").asText());
    assertEquals(List.of("net.post"), tools.get("net.http.post").spec().scopes());
    assertEquals(SideEffect.SIDE_EFFECT, tools.get("net.http.post").spec().sideEffect());
    assertEquals(List.of("net.get"), tools.get("net.http.get").spec().scopes());
    assertEquals(List.of(Resource.host("127.0.0.1")), tools.get("net.http.post").resources(input));
  }

  @Test
  void theContextsClockReadsTheDeadline() {
    Instant now = Instant.parse("2000-01-01T00:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    // The registry's own clock, far from the context's, paces rate limits only.
    ToolRegistry timed =
        ToolRegistry.builder()
            .clock(Clock.offset(clock, Duration.ofDays(365)))
            .add(HttpTools.builder().allowLoopback(true).build())
            .build();
    ToolContext context =
        new ToolContext("plan-1", "step-1", "key", now.plusSeconds(300), clock, new Cancellation());
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("url", base + "/text");
    assertEquals(
        200, timed.invoke(ToolCall.of("net.http.get", input), context).get("status").asInt());
  }

  @Test
  void loopbackIsRefusedUnlessAllowed() {
    ToolRegistry strict = ToolRegistry.builder().add(HttpTools.defaults()).build();
    int before = hits.get();
    SandboxViolationException e =
        assertThrows(SandboxViolationException.class, () -> get(strict, base + "/text"));
    assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    assertThrows(
        SandboxViolationException.class,
        () -> get(strict, "http://localhost:" + server.getAddress().getPort() + "/text"));
    assertEquals(before, hits.get(), "the server must not have been contacted");
  }

  @Test
  void allowListAndSchemesAreEnforced() {
    ToolRegistry listed =
        ToolRegistry.builder()
            .add(HttpTools.builder().allowLoopback(true).allowHosts("example.com").build())
            .build();
    SandboxViolationException e =
        assertThrows(SandboxViolationException.class, () -> get(listed, base + "/text"));
    assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
    assertThrows(
        SandboxViolationException.class,
        () -> get(tools, "http://user:pw@127.0.0.1:" + server.getAddress().getPort() + "/text"));
    assertThrows(ToolValidationException.class, () -> get(tools, "file:///etc/passwd"));
    assertThrows(ToolValidationException.class, () -> get(tools, "ftp://127.0.0.1/"));
  }
}
