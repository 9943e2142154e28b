package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our {@link McpServer}, reached by our own client over Streamable HTTP and over stdio. */
class OurServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private McpServer server;
  private URI url;

  @BeforeEach
  void serve() {
    server =
        McpServer.builder(ServedFixture.tools())
            .consent(ServedFixture.consent())
            .serveHttp(new InetSocketAddress("127.0.0.1", 0));
    url = server.url().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void overHttpListsCallsDeniesAndRejectsInvalidInput() {
    try (McpConnection client = McpConnection.http("olympus", url).connect()) {
      checkListCallDenyAndInvalid(client);
    }
  }

  @Test
  void overStdioListsCallsDeniesAndRejectsInvalidInput() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try (McpConnection client =
        McpConnection.stdio(
                "olympus",
                java,
                "-cp",
                System.getProperty("olympus.child.classpath"),
                ServeStdioMain.class.getName())
            .connect()) {
      checkListCallDenyAndInvalid(client);
    }
  }

  private static void checkListCallDenyAndInvalid(McpConnection client) {
    Map<String, Tool> tools =
        client.tools().stream().collect(Collectors.toMap(Tool::id, Function.identity()));
    assertEquals(SideEffect.READ_ONLY, tools.get("olympus.text.greet").spec().sideEffect());
    assertEquals(SideEffect.SIDE_EFFECT, tools.get("olympus.notes.append").spec().sideEffect());

    JsonNode hello = call(tools.get("olympus.text.greet"), Map.of("name", "Ada"));
    assertEquals("Hello, Ada", hello.get("structuredContent").get("text").asText());

    McpException denied =
        toolError(() -> call(tools.get("olympus.notes.append"), Map.of("line", "x")));
    assertTrue(denied.getMessage().contains("keeps the notes to herself"), denied.getMessage());

    McpException invalid = toolError(() -> call(tools.get("olympus.text.greet"), Map.of("n", 1)));
    assertTrue(invalid.getMessage().contains("invalid input"), invalid.getMessage());
  }

  @Test
  void aBearerTokenIsRequiredWhenSetAndTheClientSendsItAsAHeader() {
    String token = "0123456789abcdef-token";
    try (McpServer guarded =
        McpServer.builder(ServedFixture.tools())
            .consent(ServedFixture.consent())
            .bearerToken(token)
            .serveHttp(new InetSocketAddress("127.0.0.1", 0))) {
      URI guardedUrl = guarded.url().orElseThrow();
      McpException refused =
          assertThrows(
              McpException.class, () -> McpConnection.http("guarded", guardedUrl).connect());
      assertEquals("guarded", refused.server());

      try (McpConnection client =
          McpConnection.http("guarded", guardedUrl)
              .header("Authorization", "Bearer " + token)
              .connect()) {
        assertEquals(2, client.tools().size());
      }
    }
  }

  @Test
  void refusesForeignOriginsAndEventStreams() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    HttpResponse<String> foreign =
        http.send(
            HttpRequest.newBuilder(url)
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(initialize))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, foreign.statusCode());

    HttpResponse<String> stream =
        http.send(
            HttpRequest.newBuilder(url).header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, stream.statusCode());

    HttpResponse<String> malformed =
        http.send(
            HttpRequest.newBuilder(url)
                .header("Origin", "http://bad host")
                .POST(HttpRequest.BodyPublishers.ofString(initialize))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, malformed.statusCode());
  }

  /** Calls the tool directly, without the client-side registry's schema check. */
  private static JsonNode call(Tool tool, Map<String, Object> input) {
    return tool.invoke(
        ToolCall.of(tool.id(), JSON.valueToTree(input)),
        ToolContext.of("plan", "step", Duration.ofSeconds(60)));
  }

  private static McpException toolError(Runnable call) {
    ToolExecutionException failure = assertThrows(ToolExecutionException.class, call::run);
    McpException cause = assertInstanceOf(McpException.class, failure.getCause());
    assertEquals(McpException.Kind.TOOL_ERROR, cause.kind());
    return cause;
  }
}
