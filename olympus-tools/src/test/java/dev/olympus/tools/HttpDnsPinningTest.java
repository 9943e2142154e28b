package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding with no address cache: the test's resolver answers a loopback address (allowed
 * here) the first time it is asked about a name and {@code 10.0.0.1} every time after, as a
 * rebinding DNS server with a zero TTL would. The request, every redirect hop included, must go to
 * the address that was checked, and the name must not be looked up again.
 */
class HttpDnsPinningTest {
  private static final byte[] LOOPBACK = {127, 0, 0, 1};
  private static final byte[] PRIVATE = {10, 0, 0, 1};

  private HttpServer server;
  private int port;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    port = server.getAddress().getPort();
    server.createContext(
        "/hop",
        exchange -> {
          seen.add(exchange.getRequestHeaders().getFirst("Host") + " /hop");
          exchange.getResponseHeaders().add("Location", "http://second.test:" + port + "/end");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/end",
        exchange -> {
          seen.add(exchange.getRequestHeaders().getFirst("Host") + " /end");
          byte[] body = "landed".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private InetAddress[] rebinding(String host) throws UnknownHostException {
    int asked = lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    return new InetAddress[] {InetAddress.getByAddress(host, asked == 1 ? LOOPBACK : PRIVATE)};
  }

  private JsonNode get(String url) {
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(
                HttpTools.builder()
                    .allowLoopback(true)
                    .allowHosts("first.test:" + port, "second.test:" + port)
                    .resolver(this::rebinding)
                    .build())
            .build();
    var input = JsonNodeFactory.instance.objectNode().put("url", url);
    return tools.invoke(ToolCall.of("net.http.get", input), context());
  }

  @Test
  void everyHopGoesToTheAddressThatWasChecked() {
    JsonNode result = get("http://first.test:" + port + "/hop");
    assertEquals("landed", result.get("text").asText());
    assertEquals(List.of("first.test:" + port + " /hop", "second.test:" + port + " /end"), seen);
    assertEquals(1, lookups.get("first.test").get(), "first.test was resolved again");
    assertEquals(1, lookups.get("second.test").get(), "second.test was resolved again");
  }

  @Test
  void aNameThatRebindsBetweenHopsIsRefusedAtItsNextCheck() {
    server.createContext(
        "/back",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "http://first.test:" + port + "/end");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    SandboxViolationException e =
        assertThrows(
            SandboxViolationException.class, () -> get("http://first.test:" + port + "/back"));
    assertTrue(e.getMessage().contains("10.0.0.1"), e.getMessage());
    assertEquals(List.of(), seen);
  }
}
