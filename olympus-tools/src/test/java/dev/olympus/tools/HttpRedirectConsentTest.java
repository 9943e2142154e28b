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
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consent names the first URL's host: a redirect to another host ({@code 127.0.0.1} to {@code
 * localhost}, the same server under a different name) is followed only when the new host is on the
 * allow-list, and a POST body is never re-sent to another host.
 */
class HttpRedirectConsentTest {
  private HttpServer server;
  private HttpServer second;
  private String base;
  private String secondBase;
  private String other;
  private final List<String> landed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
    int port = server.getAddress().getPort();
    base = "http://127.0.0.1:" + port;
    other = "http://localhost:" + port;
    redirect("/away", other + "/landing", 302);
    redirect("/away-307", other + "/landing", 307);
    redirect("/here-307", base + "/landing", 307);
    second = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    second.start();
    secondBase = "http://127.0.0.1:" + second.getAddress().getPort();
    redirect("/other-port", secondBase + "/landing", 302);
    redirect("/other-port-307", secondBase + "/landing", 307);
    server.createContext("/landing", this::land);
    second.createContext("/landing", this::land);
  }

  private void land(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String seen = exchange.getRequestMethod() + " " + new String(body, StandardCharsets.UTF_8);
    landed.add(exchange.getRequestHeaders().getFirst("Host") + " " + seen);
    byte[] answer = seen.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
    second.stop(0);
  }

  private void redirect(String path, String location, int status) {
    server.createContext(
        path,
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Location", location);
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
  }

  private static ToolRegistry registry(String... hosts) {
    return ToolRegistry.builder()
        .add(HttpTools.builder().allowLoopback(true).allowHosts(hosts).enablePost().build())
        .build();
  }

  private static JsonNode call(ToolRegistry tools, String toolId, String url) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("url", url);
    if (toolId.equals("net.http.post")) {
      input.put("body", "secret-body");
    }
    return tools.invoke(ToolCall.of(toolId, input), context());
  }

  @Test
  void aRedirectToAnUnlistedHostIsRefusedNamingBothHosts() {
    ToolRegistry tools = registry();
    assertEquals(
        List.of(Resource.host("127.0.0.1")),
        tools
            .get("net.http.get")
            .resources(JsonNodeFactory.instance.objectNode().put("url", base)));
    ToolExecutionException e =
        assertThrows(
            ToolExecutionException.class, () -> call(tools, "net.http.get", base + "/away"));
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("'127.0.0.1'"), e.getMessage());
    assertTrue(e.getMessage().contains("'localhost'"), e.getMessage());
    assertEquals(List.of(), landed, "the other host must not have been contacted");
  }

  @Test
  void aRedirectToAnAllowListedHostIsFollowed() {
    ToolRegistry tools = registry("127.0.0.1", "localhost");
    JsonNode result = call(tools, "net.http.get", base + "/away");
    assertEquals(other + "/landing", result.get("url").asText());
    assertEquals(1, landed.size());
  }

  @Test
  void aPostBodyIsNeverResentToAnotherHost() {
    ToolRegistry tools = registry("127.0.0.1", "localhost");
    ToolExecutionException e =
        assertThrows(
            ToolExecutionException.class, () -> call(tools, "net.http.post", base + "/away-307"));
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("'localhost'"), e.getMessage());
    assertEquals(List.of(), landed, "the body must not have been re-sent");
  }

  @Test
  void aPostRedirectedToAnotherHostBy302BecomesAGetWithoutBody() {
    ToolRegistry tools = registry("127.0.0.1", "localhost");
    JsonNode result = call(tools, "net.http.post", base + "/away");
    assertEquals("GET ", result.get("text").asText());
  }

  @Test
  void aPostRedirectedBy307ToTheSameHostKeepsItsBody() {
    JsonNode result = call(registry(), "net.http.post", base + "/here-307");
    assertEquals("POST secret-body", result.get("text").asText());
  }

  @Test
  void anAllowEntryPinsItsPort() {
    int port = server.getAddress().getPort();
    ToolRegistry tools = registry("127.0.0.1:" + port);
    assertEquals(200, call(tools, "net.http.get", base + "/landing").get("status").asInt());
    SandboxViolationException e =
        assertThrows(
            SandboxViolationException.class,
            () -> call(tools, "net.http.get", secondBase + "/landing"));
    assertTrue(e.getMessage().contains("not on the allow-list"), e.getMessage());
    assertThrows(
        SandboxViolationException.class, () -> call(tools, "net.http.get", base + "/other-port"));
    assertEquals(List.of("127.0.0.1:" + port + " GET "), landed);
  }

  @Test
  void aRedirectToAnotherPortOfTheSameHostIsCheckedAgainstHostAndPort() {
    ToolExecutionException get =
        assertThrows(
            ToolExecutionException.class,
            () -> call(registry(), "net.http.get", base + "/other-port"));
    assertTrue(
        get.getMessage().contains("port " + second.getAddress().getPort()), get.getMessage());
    ToolExecutionException post =
        assertThrows(
            ToolExecutionException.class,
            () -> call(registry("127.0.0.1"), "net.http.post", base + "/other-port-307"));
    assertTrue(post.getMessage().contains("never re-sent"), post.getMessage());
    assertEquals(List.of(), landed, "the other port must not have been contacted");
    JsonNode listed = call(registry("127.0.0.1"), "net.http.get", base + "/other-port");
    assertEquals(secondBase + "/landing", listed.get("url").asText());
  }

  @Test
  void badAllowEntriesAreRefusedNamingThem() {
    for (String entry : List.of("127.0.0.1:0", "example.com:99999", "example.com:http", "[::1]:")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HttpTools.builder().allowHosts(entry));
      assertTrue(e.getMessage().contains(entry), e.getMessage());
    }
  }
}
