package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@code @modelcontextprotocol/server-everything} from npm, over stdio. */
class EverythingServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private McpConnection everything;
  private ToolRegistry tools;

  @BeforeEach
  void connect() throws Exception {
    String server = NodePeers.script(NodePeers.EVERYTHING).toString();
    everything = McpConnection.stdio("everything", NodePeers.node(), server, "stdio").connect();
    tools = ToolRegistry.builder().add(everything.tools()).build();
  }

  @AfterEach
  void close() {
    if (everything != null) { // null when the test was skipped for want of Node
      everything.close();
    }
  }

  @Test
  void returnsTextImageAndStructuredContent() {
    JsonNode image = invoke("everything.get-tiny-image", JSON.createObjectNode());
    JsonNode block = image.get("content").get(1);
    assertEquals("image", block.get("type").asText());
    assertEquals("image/png", block.get("mimeType").asText());
    assertTrue(block.get("data").asText().startsWith("iVBOR"), block.toString());

    JsonNode weather =
        invoke("everything.get-structured-content", input().put("location", "Chicago"));
    assertTrue(weather.get("structuredContent").get("temperature").isNumber(), weather.toString());
  }

  @Test
  void returnsEmbeddedResourcesAndResourceLinks() {
    JsonNode reference =
        invoke(
            "everything.get-resource-reference",
            input().put("resourceType", "Text").put("resourceId", 1));
    JsonNode embedded = find(reference, "resource");
    assertTrue(
        embedded.get("resource").get("uri").asText().startsWith("demo://"), embedded.toString());

    JsonNode links = invoke("everything.get-resource-links", input().put("count", 2));
    assertEquals("resource_link", find(links, "resource_link").get("type").asText());
  }

  @Test
  void effectsFollowTheAnnotations() {
    assertEquals(SideEffect.READ_ONLY, tools.get("everything.echo").spec().sideEffect());
    assertEquals(
        SideEffect.IDEMPOTENT, tools.get("everything.gzip-file-as-resource").spec().sideEffect());
    assertEquals(
        SideEffect.SIDE_EFFECT,
        tools.get("everything.toggle-simulated-logging").spec().sideEffect());
    String summary = tools.get("everything.toggle-simulated-logging").summarize(input());
    assertFalse(summary.contains("may delete"), summary);
  }

  @Test
  void anErrorResultIsATypedToolFailure() {
    ToolExecutionException failure =
        assertThrows(
            ToolExecutionException.class,
            () -> invoke("everything.get-resource-reference", input().put("resourceId", -1)));
    McpException cause = assertInstanceOf(McpException.class, failure.getCause());
    assertEquals(McpException.Kind.TOOL_ERROR, cause.kind());
    assertTrue(cause.getMessage().contains("Invalid resourceId"), cause.getMessage());
    assertFalse(failure.retryable());
  }

  @Test
  void cancellingALongRunningCallEndsItAndTheConnectionStaysUsable() throws Exception {
    Cancellation cancellation = new Cancellation();
    ToolContext context =
        new ToolContext("plan", "long", "plan/long", Instant.now().plusSeconds(300), cancellation);
    ObjectNode minute = input().put("duration", 60).put("steps", 60);
    CompletableFuture<JsonNode> call =
        CompletableFuture.supplyAsync(
            () ->
                tools.invoke(
                    ToolCall.of("everything.trigger-long-running-operation", minute), context));

    cancellation.cancel();

    ExecutionException ended =
        assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
    assertInstanceOf(ToolCancelledException.class, ended.getCause());
    JsonNode echo = invoke("everything.echo", input().put("message", "still here"));
    assertTrue(echo.get("text").asText().contains("still here"), echo.toString());
  }

  @Test
  void theServerProcessInheritsOnlySafeVariablesUnlessTheHostAddsThem() throws Exception {
    assertEquals("not-for-servers", System.getenv("OLYMPUS_MCP_TEST_SECRET"), "set by the pom");
    JsonNode env = environment(tools);
    assertTrue(env.has("PATH"), env.toString());
    assertFalse(env.has("OLYMPUS_MCP_TEST_SECRET"), env.toString());

    String server = NodePeers.script(NodePeers.EVERYTHING).toString();
    try (McpConnection widened =
        McpConnection.stdio("everything", NodePeers.node(), server, "stdio")
            .env("GREETING", "hi")
            .inheritEnv("OLYMPUS_MCP_TEST_SECRET")
            .connect()) {
      JsonNode more = environment(ToolRegistry.builder().add(widened.tools()).build());
      assertEquals("hi", more.get("GREETING").asText());
      assertEquals("not-for-servers", more.get("OLYMPUS_MCP_TEST_SECRET").asText());
    }
  }

  private static JsonNode environment(ToolRegistry registry) throws Exception {
    JsonNode result =
        registry.invoke(
            ToolCall.of("everything.get-env", JSON.createObjectNode()),
            ToolContext.of("plan", "env", Duration.ofSeconds(60)));
    return JSON.readTree(result.get("text").asText());
  }

  private static JsonNode find(JsonNode result, String type) {
    for (JsonNode block : result.get("content")) {
      if (block.get("type").asText().equals(type)) {
        return block;
      }
    }
    throw new AssertionError("no " + type + " block in " + result);
  }

  private JsonNode invoke(String toolId, JsonNode input) {
    return tools.invoke(
        ToolCall.of(toolId, input), ToolContext.of("plan", "step", Duration.ofSeconds(60)));
  }

  private static ObjectNode input() {
    return JSON.createObjectNode();
  }
}
