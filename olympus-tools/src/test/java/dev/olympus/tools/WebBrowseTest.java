package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code web.browse} in Debian's headless Chromium (installed by {@code .ci/run}). */
class WebBrowseTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path workspace;
  private HttpServer site;
  private HttpServer other;
  private final AtomicInteger otherHits = new AtomicInteger();
  private String base;
  private String otherBase;

  @BeforeEach
  void serve() throws IOException {
    assumeTrue(
        BrowserTools.findChromium().isPresent(),
        "chromium not found on PATH: install Debian's chromium and chromium-driver (.ci/run does)");
    other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext(
        "/",
        exchange -> {
          otherHits.incrementAndGet();
          respond(exchange, 200, "text/html", "<p>secret internal page</p>");
        });
    other.start();
    otherBase = "http://127.0.0.1:" + other.getAddress().getPort();
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    base = "http://127.0.0.1:" + site.getAddress().getPort();
    page("/static.html", "<title>Static</title><h1>Hello static</h1><a href='/next'>Next page</a>");
    page("/js.html", "<title>Script</title><div id=out></div><script>" + SCRIPT + "</script>");
    site.createContext(
        "/data.json",
        exchange -> respond(exchange, 200, "application/json", "{\"word\":\"olives\"}"));
    page("/leak.html", "<h1>With a leak</h1><img src='" + otherBase + "/pixel.png'>");
    site.createContext(
        "/redirect",
        exchange -> {
          exchange.getResponseHeaders().add("Location", otherBase + "/admin");
          respond(exchange, 302, "text/plain", "");
        });
    site.start();
  }

  private static final String SCRIPT =
      "setTimeout(() => fetch('/data.json').then(r => r.json()).then(d => {"
          + " const p = document.createElement('p');"
          + " p.textContent = 'Built by script: ' + d.word;"
          + " const a = document.createElement('a'); a.href = '/made'; a.textContent = 'Made link';"
          + " document.getElementById('out').append(p, a); }), 200);";

  private void page(String path, String html) {
    site.createContext(path, exchange -> respond(exchange, 200, "text/html", html));
  }

  private static void respond(
      com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterEach
  void stop() {
    if (site != null) {
      site.stop(0);
      other.stop(0);
    }
  }

  private JsonNode browse(String url, String screenshot) {
    return browse(
        BrowserTools.builder(workspace)
            .allowLoopback(true)
            .allowHosts("127.0.0.1:" + site.getAddress().getPort())
            .build(),
        url,
        screenshot);
  }

  private static JsonNode browse(Tool tool, String url, String screenshot) {
    var input = JsonNodeFactory.instance.objectNode().put("url", url);
    if (screenshot != null) {
      input.put("screenshot", screenshot);
    }
    return ToolRegistry.builder()
        .add(tool)
        .build()
        .invoke(ToolCall.of("web.browse", input), context());
  }

  @Test
  void returnsTextLinksAndAScreenshot() throws IOException {
    JsonNode result = browse(base + "/static.html", "shots/static.png");
    assertEquals("Static", result.path("title").asText());
    assertTrue(result.path("text").asText().contains("Hello static"), result.toString());
    assertEquals(base + "/next", result.path("links").path(0).path("href").asText());
    assertEquals("Next page", result.path("links").path(0).path("text").asText());
    byte[] png = Files.readAllBytes(workspace.resolve("shots/static.png"));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4));
    assertEquals(png.length, result.path("screenshotBytes").asInt());
  }

  @Test
  void waitsForAPageBuiltByJavaScript() {
    JsonNode result = browse(base + "/js.html", null);
    assertTrue(result.path("text").asText().contains("Built by script: olives"), result.toString());
    assertEquals(base + "/made", result.path("links").path(0).path("href").asText());
    assertTrue(Files.isRegularFile(workspace.resolve(result.path("screenshot").asText())));
  }

  @Test
  void aSubRequestToAHostNotAllowedIsBlocked() {
    JsonNode result = browse(base + "/leak.html", "leak.png");
    assertTrue(result.path("text").asText().contains("With a leak"));
    assertTrue(result.path("blocked").path(0).asText().startsWith(otherBase), result.toString());
    assertEquals(0, otherHits.get());
  }

  @Test
  void aRedirectToAHostNotAllowedIsRefused() {
    assertThrows(SandboxViolationException.class, () -> browse(base + "/redirect", "r.png"));
    assertEquals(0, otherHits.get());
  }

  @Test
  void chromiumConnectsToTheAddressTheGuardChecked() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    Tool tool =
        BrowserTools.builder(workspace)
            .allowLoopback(true)
            .allowHosts("docs.test:" + site.getAddress().getPort())
            .resolver(host -> host.equals("docs.test") ? new InetAddress[] {loopback} : fail(host))
            .build();
    // docs.test is in no DNS: the page loads only if Chromium uses the guard's answer.
    String url = "http://docs.test:" + site.getAddress().getPort() + "/static.html";
    JsonNode result = browse(tool, url, "pinned.png");
    assertTrue(result.path("text").asText().contains("Hello static"), result.toString());
  }

  private static InetAddress[] fail(String host) throws UnknownHostException {
    throw new UnknownHostException(host);
  }

  @Test
  void aUrlNotAllowedIsRefusedBeforeConsent() {
    Tool tool = BrowserTools.builder(workspace).allowHosts("example.com").build();
    var input = JsonNodeFactory.instance.objectNode().put("url", otherBase + "/");
    assertThrows(SandboxViolationException.class, () -> tool.precheck(input));
  }
}
