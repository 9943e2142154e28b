package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user is shown before an HTTP call (the consent summary, the risk, the host it touches) and
 * how a redirect chain ends when it cannot go on: no Location, a malformed one, or a call cancelled
 * between two hops.
 */
class HttpFetchEdgesTest {
  private HttpServer server;
  private int port;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** {@code /to?u}: a 302 to {@code u} (none if empty); anything else: 200 and its path. */
  private void serve(HttpExchange exchange) throws IOException {
    seen.add(exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getPath());
    String query = exchange.getRequestURI().getRawQuery();
    if (exchange.getRequestURI().getPath().equals("/to")) {
      if (query != null && !query.isEmpty()) {
        exchange.getResponseHeaders().set("Location", query);
      }
      exchange.sendResponseHeaders(302, -1);
    } else {
      exchange.sendResponseHeaders(200, -1);
    }
    exchange.close();
  }

  private static Tool tool(String id) {
    return HttpTools.builder().allowLoopback(true).enablePost().build().stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static ObjectNode url(String url) {
    return JsonNodeFactory.instance.objectNode().put("url", url);
  }

  @Test
  void theConsentSummaryNamesTheMethodAndTheUrlWithoutItsSecrets() {
    String url = "https://api.example.com/v1/items?page=2&api_key=s3cr3t";
    String get = tool("net.http.get").summarize(url(url));
    String post = tool("net.http.post").summarize(url(url).put("body", "{}"));
    assertTrue(get.startsWith("GET https://api.example.com/v1/items?page=2"), get);
    assertTrue(post.startsWith("POST to https://api.example.com/v1/items?page=2"), post);
    assertFalse(get.contains("s3cr3t") || post.contains("s3cr3t"), get + " / " + post);
  }

  @Test
  void theRiskShownSaysWhetherDataIsSentOrOnlyFetched() {
    ToolSpec get = tool("net.http.get").spec();
    ToolSpec post = tool("net.http.post").spec();
    assertTrue(get.risk().effect().contains("fetches"), get.risk().effect());
    assertTrue(post.risk().effect().contains("sends data"), post.risk().effect());
    assertTrue(get.description().startsWith("Fetch"), get.description());
    assertTrue(post.description().contains("POST"), post.description());
  }

  @Test
  void theResourceIsTheHostAndNothingWhenThereIsNone() {
    Tool get = tool("net.http.get");
    assertEquals(
        List.of(Resource.host("example.com")), get.resources(url("http://Example.COM./a")));
    assertEquals(List.of(), get.resources(url("mailto:someone@example.com")));
    assertEquals(List.of(), get.resources(url("http://exa mple.com/")));
  }

  @Test
  void aRelativeOrMalformedUrlIsRefusedBeforeAnythingIsSent() {
    Tool get = tool("net.http.get");
    SandboxViolationException relative =
        assertThrows(SandboxViolationException.class, () -> get.precheck(url("/only/a/path")));
    assertTrue(relative.getMessage().contains("absolute"), relative.getMessage());
    SandboxViolationException malformed =
        assertThrows(
            SandboxViolationException.class,
            () -> get.invoke(ToolCall.of(get.id(), url("http://exa mple.com/")), context()));
    assertTrue(malformed.getMessage().contains("malformed URL"), malformed.getMessage());
    assertEquals(List.of(), seen);
  }

  @Test
  void aRedirectWithoutOrWithAMalformedLocationEndsTheCall() {
    Tool get = tool("net.http.get");
    String base = "http://127.0.0.1:" + port;
    ToolExecutionException none =
        assertThrows(
            ToolExecutionException.class,
            () -> get.invoke(ToolCall.of(get.id(), url(base + "/to")), context()));
    assertTrue(none.getMessage().contains("redirect without a Location"), none.getMessage());
    SandboxViolationException malformed =
        assertThrows(
            SandboxViolationException.class,
            () -> get.invoke(ToolCall.of(get.id(), url(base + "/to?a%20b:c:%5Bx")), context()));
    assertTrue(malformed.getMessage().contains("malformed redirect"), malformed.getMessage());
  }

  @Test
  void aCallCancelledBetweenTwoHopsSendsNothingMore() {
    ToolContext context = context();
    Tool get =
        HttpTools.builder()
            .allowLoopback(true)
            .allowHosts("first.test:" + port, "second.test:" + port)
            .resolver(
                host -> {
                  if (host.equals("second.test")) {
                    // The user cancels while the tool is checking the redirect's host.
                    context.cancellation().cancel();
                  }
                  return new InetAddress[] {
                    InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})
                  };
                })
            .build()
            .get(0);
    String hop = "http://first.test:" + port + "/to?http://second.test:" + port + "/end";
    assertThrows(
        ToolCancelledException.class, () -> get.invoke(ToolCall.of(get.id(), url(hop)), context));
    assertEquals(List.of("first.test:" + port + "/to"), seen);
  }
}
