package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP tools at the edges a user meets: a body exactly at the size limit, exactly the allowed
 * number of redirects, the method and body a redirect keeps, what a refused redirect or an
 * overloaded server looks like, and which allow-list entries and URLs are refused before anything
 * is sent. Two in-process servers on 127.0.0.1 (loopback allowed explicitly) play two origins.
 */
class HttpBoundaryTest {
  private HttpServer server;
  private HttpServer other;
  private String base;
  private String otherBase;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Map<String, String> contentTypes = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    other.createContext("/", this::serve);
    server.start();
    other.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    otherBase = "http://127.0.0.1:" + other.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    other.stop(0);
  }

  /**
   * {@code /bytes/N}: N bytes of text; {@code /status/N}: that status; {@code /hops/N}: a chain of
   * N redirects ending at {@code /bytes/1}; {@code /redirect/N?to=URL}: status N to URL; {@code
   * /echo}: the method and body received.
   */
  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(method + " " + path + " " + body);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null) {
      contentTypes.put(path, type);
    }
    String[] parts = path.split("/");
    switch (parts.length > 1 ? parts[1] : "") {
      case "bytes" -> respond(exchange, 200, "x".repeat(Integer.parseInt(parts[2])));
      case "status" -> respond(exchange, Integer.parseInt(parts[2]), "status");
      case "hops" -> {
        int left = Integer.parseInt(parts[2]);
        redirect(exchange, 302, left == 0 ? "/bytes/1" : "/hops/" + (left - 1));
      }
      case "redirect" ->
          redirect(
              exchange,
              Integer.parseInt(parts[2]),
              exchange.getRequestURI().getQuery().substring("to=".length()));
      case "nowhere" -> respond(exchange, 302, "no location");
      default -> respond(exchange, 200, method + " " + body);
    }
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void redirect(HttpExchange exchange, int status, String location)
      throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private static ToolRegistry registry(HttpTools.Builder builder) {
    return ToolRegistry.builder().add(builder.allowLoopback(true).enablePost().build()).build();
  }

  private static JsonNode get(ToolRegistry tools, String url) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("url", url);
    return tools.invoke(ToolCall.of("net.http.get", input), context());
  }

  private static JsonNode post(ToolRegistry tools, String url, String body) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("url", url).put("body", body);
    return tools.invoke(ToolCall.of("net.http.post", input), context());
  }

  @Test
  void aBodyExactlyAtTheLimitIsWholeAndOneByteMoreIsTruncated() {
    ToolRegistry tools = registry(HttpTools.builder().maxResponseBytes(10));
    JsonNode whole = get(tools, base + "/bytes/10");
    assertFalse(whole.get("truncated").asBoolean());
    assertEquals(200, whole.get("status").asInt());
    assertEquals(base + "/bytes/10", whole.get("url").asText());
    JsonNode cut = get(tools, base + "/bytes/11");
    assertTrue(cut.get("truncated").asBoolean());
  }

  @Test
  void exactlyTheAllowedNumberOfRedirectsIsFollowedAndOneMoreIsNot() {
    ToolRegistry tools = registry(HttpTools.builder().maxRedirects(2));
    JsonNode followed = get(tools, base + "/hops/1");
    assertEquals(base + "/bytes/1", followed.get("url").asText());
    ToolExecutionException tooMany =
        assertThrows(ToolExecutionException.class, () -> get(tools, base + "/hops/2"));
    assertTrue(tooMany.getMessage().contains("more than 2 redirects"), tooMany.getMessage());
    ToolRegistry none = registry(HttpTools.builder().maxRedirects(0));
    assertThrows(ToolExecutionException.class, () -> get(none, base + "/hops/0"));
  }

  @Test
  void a307Or308KeepsThePostAndItsBodyOnTheSameOrigin() {
    ToolRegistry tools = registry(HttpTools.builder());
    for (int status : new int[] {307, 308}) {
      seen.clear();
      JsonNode answer = post(tools, base + "/redirect/" + status + "?to=/echo", "{\"a\":1}");
      assertEquals(
          List.of("POST /redirect/" + status + " {\"a\":1}", "POST /echo {\"a\":1}"), seen);
      assertTrue(answer.toString().contains("POST {\\\"a\\\":1}"), answer.toString());
    }
    assertEquals("application/json", contentTypes.get("/echo"), "the default content type");
  }

  @Test
  void a301Or302Or303TurnsThePostIntoAGetWithoutBody() {
    ToolRegistry tools = registry(HttpTools.builder());
    for (int status : new int[] {301, 302, 303}) {
      seen.clear();
      post(tools, base + "/redirect/" + status + "?to=/echo", "secret");
      assertEquals(List.of("POST /redirect/" + status + " secret", "GET /echo "), seen);
    }
  }

  @Test
  void aGetStaysAGetThroughA303() {
    ToolRegistry tools = registry(HttpTools.builder());
    get(tools, base + "/redirect/303?to=/echo");
    assertEquals(List.of("GET /redirect/303 ", "GET /echo "), seen);
  }

  @Test
  void aPostBodyIsNeverResentToAnotherOriginEvenWhenItIsListed() {
    int port = other.getAddress().getPort();
    ToolRegistry tools =
        registry(
            HttpTools.builder()
                .allowHosts("127.0.0.1:" + server.getAddress().getPort(), "127.0.0.1:" + port));
    ToolExecutionException e =
        assertThrows(
            ToolExecutionException.class,
            () -> post(tools, base + "/redirect/307?to=" + otherBase + "/echo", "secret"));
    assertTrue(e.getMessage().contains("never re-sent"), e.getMessage());
    assertEquals(1, seen.size(), "the other origin saw nothing: " + seen);
  }

  @Test
  void aRedirectToAnotherPortIsFollowedOnlyWhenThatPortIsListed() {
    int port = server.getAddress().getPort();
    int otherPort = other.getAddress().getPort();
    String hop = base + "/redirect/302?to=" + otherBase + "/bytes/2";
    ToolRegistry unlisted = registry(HttpTools.builder().allowHosts("127.0.0.1:" + port));
    SandboxViolationException e =
        assertThrows(SandboxViolationException.class, () -> get(unlisted, hop));
    assertTrue(e.getMessage().contains("port " + otherPort), e.getMessage());
    assertEquals(1, seen.size(), "the other origin saw nothing: " + seen);

    ToolRegistry open = registry(HttpTools.builder());
    assertThrows(ToolExecutionException.class, () -> get(open, hop), "consent covers one origin");

    ToolRegistry listed =
        registry(HttpTools.builder().allowHosts("127.0.0.1:" + port, "127.0.0.1:" + otherPort));
    assertEquals(otherBase + "/bytes/2", get(listed, hop).get("url").asText());
    ToolRegistry anyPort = registry(HttpTools.builder().allowHosts("127.0.0.1"));
    assertEquals(otherBase + "/bytes/2", get(anyPort, hop).get("url").asText());
  }

  @Test
  void aHostOnTheListWithAnotherPortIsRefusedBeforeAnythingIsSent() {
    int port = server.getAddress().getPort();
    ToolRegistry tools = registry(HttpTools.builder().allowHosts("127.0.0.1:" + (port + 1)));
    SandboxViolationException e =
        assertThrows(SandboxViolationException.class, () -> get(tools, base + "/bytes/1"));
    assertTrue(e.getMessage().contains("not on the allow-list"), e.getMessage());
    assertEquals(List.of(), seen);
  }

  @Test
  void overloadedServersAreRetryableAndOtherStatusesAreAnswers() {
    ToolRegistry tools = registry(HttpTools.builder());
    for (int status : new int[] {429, 502, 503, 504}) {
      ToolExecutionException e =
          assertThrows(ToolExecutionException.class, () -> get(tools, base + "/status/" + status));
      assertTrue(e.retryable(), status + " is worth retrying");
      assertTrue(e.getMessage().contains(String.valueOf(status)), e.getMessage());
    }
    for (int status : new int[] {404, 500, 501}) {
      assertEquals(status, get(tools, base + "/status/" + status).get("status").asInt());
    }
  }

  @Test
  void aRedirectWithoutLocationIsAnError() {
    ToolRegistry tools = registry(HttpTools.builder());
    assertThrows(ToolExecutionException.class, () -> get(tools, base + "/nowhere"));
  }

  @Test
  void allowListEntriesAreCheckedWhenTheToolsAreBuilt() {
    for (String bad :
        List.of("", " ", "host:0", "host:65536", "host:", "host:x", "a/b", "[::1", ":80")) {
      assertThrows(IllegalArgumentException.class, () -> HttpTools.builder().allowHosts(bad), bad);
    }
    for (String good :
        List.of("host:1", "host:65535", "*.example.com", "[::1]:8080", "::1", "example.com.")) {
      assertDoesNotThrow(() -> HttpTools.builder().allowHosts(good), good);
    }
  }

  @Test
  void aListedHostWithATrailingDotOrUpperCaseIsTheSameHost() {
    int port = server.getAddress().getPort();
    ToolRegistry tools = registry(HttpTools.builder().allowHosts("127.0.0.1.:" + port));
    assertEquals(200, get(tools, base + "/bytes/1").get("status").asInt());
  }

  @Test
  void theDefaultPortOfTheSchemeIsTheOneCheckedAgainstTheList() {
    ToolRegistry http = registry(HttpTools.builder().allowHosts("127.0.0.1:443"));
    SandboxViolationException e =
        assertThrows(SandboxViolationException.class, () -> get(http, "http://127.0.0.1/x"));
    assertTrue(e.getMessage().contains("port 80 is not on the allow-list"), e.getMessage());
    ToolRegistry https = registry(HttpTools.builder().allowHosts("127.0.0.1:80"));
    e = assertThrows(SandboxViolationException.class, () -> get(https, "https://127.0.0.1/x"));
    assertTrue(e.getMessage().contains("port 443 is not on the allow-list"), e.getMessage());
    assertEquals(List.of(), seen);
  }

  @Test
  void aRefusalSaysWhyTheHostIsRefused() {
    ToolRegistry tools = ToolRegistry.builder().add(HttpTools.builder().build()).build();
    List<String[]> cases =
        List.of(
            new String[] {"http://x.internal/", "'x.internal' names an internal or local service"},
            new String[] {"http://[::1]/", "resolves to"},
            new String[] {"http://[::1]/", "a loopback address"});
    for (String[] c : cases) {
      SandboxViolationException e =
          assertThrows(SandboxViolationException.class, () -> get(tools, c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
    ToolRegistry listed =
        ToolRegistry.builder().add(HttpTools.builder().allowHosts("::1").build()).build();
    SandboxViolationException e =
        assertThrows(SandboxViolationException.class, () -> get(listed, "http://[::1]/"));
    assertTrue(
        e.getMessage().contains("a loopback address"), "listed, then resolved: " + e.getMessage());
  }

  @Test
  void urlsThatAreNotPlainHttpToAPublicHostAreRefusedBeforeAnythingIsSent() {
    ToolRegistry tools = ToolRegistry.builder().add(HttpTools.builder().build()).build();
    List<String> urls =
        List.of(
            base + "/bytes/1",
            "HTTP://127.0.0.1/",
            "relative/path",
            "http://[::1]/",
            "http://localhost./",
            "http://x.internal/",
            "http://router.local/",
            "http://kubernetes/",
            "http://1.2.3/",
            "http://0x01.0x02.0x03.0x04/",
            "http://16909060/");
    for (String url : urls) {
      assertThrows(ToolException.class, () -> get(tools, url), url);
    }
    assertEquals(List.of(), seen);
  }

  @Test
  void loopbackAllowedMeansTheLoopbackNameToo() {
    ToolRegistry tools = registry(HttpTools.builder());
    String local = "http://localhost:" + server.getAddress().getPort() + "/bytes/3";
    assertEquals(200, get(tools, local).get("status").asInt());
    assertThrows(
        SandboxViolationException.class,
        () -> get(tools, "http://api.localhost:" + server.getAddress().getPort() + "/"));
  }
}
