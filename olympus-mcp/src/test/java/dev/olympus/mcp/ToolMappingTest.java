package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.RateLimit;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolRegistry;
import dev.olympus.tools.ToolValidationException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a served Olympus tool comes back through our client as an imported one (effects, hints,
 * prompts, ids, results, errors), with our server on loopback HTTP in this JVM.
 */
class ToolMappingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LONG_ID = "a.tool.whose.name.is.forty.characters.x";

  private McpServer server;
  private URI url;

  @BeforeEach
  void serve() {
    Tool set =
        Tool.builder("count.set")
            .description("Sets the counter")
            .sideEffect(SideEffect.IDEMPOTENT)
            .handler((input, ctx) -> JSON.createObjectNode().put("set", true));
    Tool words =
        Tool.builder("list.words")
            .description("Lists words")
            .sideEffect(SideEffect.READ_ONLY)
            .handler((input, ctx) -> JSON.createArrayNode().add("a").add("b"));
    Tool tooLong = Tool.builder(LONG_ID).description("Long").handler((input, ctx) -> input);
    ToolRegistry tools = ServedFixture.tools();
    ToolRegistry.Builder builder = ToolRegistry.builder().add(set).add(words).add(tooLong);
    tools.ids().forEach(id -> builder.add(tools.get(id)));
    server =
        McpServer.builder(builder.build())
            .consent(
                request ->
                    request.toolId().equals("notes.append")
                        ? ConsentDecision.deny("the user keeps the notes to herself")
                        : ConsentDecision.allowOnce())
            .serveHttp(new InetSocketAddress("127.0.0.1", 0));
    url = server.url().orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void effectsHintsAndPromptsFollowTheServedSideEffects() {
    try (McpConnection client = McpConnection.http("ours", url).connect()) {
      Map<String, Tool> tools = byId(client);

      Tool greet = tools.get("ours.text.greet");
      assertEquals(SideEffect.READ_ONLY, greet.spec().sideEffect());
      assertEquals(List.of("mcp.ours"), greet.spec().scopes());
      assertEquals(
          "Greets someone by name [MCP server 'ours'; its hints: read-only, idempotent,"
              + " open-world]",
          greet.spec().description());
      assertEquals("call 'text.greet' on MCP server 'ours'", greet.summarize(input("a")));
      assertFalse(greet.spec().risk().destructive());
      assertTrue(greet.spec().risk().effect().endsWith("the server says it only reads"));

      Tool set = tools.get("ours.count.set");
      assertEquals(SideEffect.IDEMPOTENT, set.spec().sideEffect());
      assertTrue(set.spec().description().endsWith("its hints: idempotent, open-world]"));
      assertEquals(
          "call 'count.set' on MCP server 'ours' (may delete or overwrite data, per the server)",
          set.summarize(input("a")));
      assertTrue(set.spec().risk().destructive());

      Tool append = tools.get("ours.notes.append");
      assertEquals(SideEffect.SIDE_EFFECT, append.spec().sideEffect());
      assertTrue(append.spec().description().endsWith("its hints: open-world]"));
      assertEquals("McpTool[ours.notes.append]", append.toString());
    }
  }

  @Test
  void theHostsOverridesDecideTheEffectAndWhetherAPromptWarns() {
    try (McpConnection client =
        McpConnection.http("ours", url)
            .sideEffect("count.set", SideEffect.READ_ONLY)
            .sideEffect("text.greet", SideEffect.SIDE_EFFECT)
            .connect()) {
      Map<String, Tool> tools = byId(client);
      Tool set = tools.get("ours.count.set");
      assertEquals(SideEffect.READ_ONLY, set.spec().sideEffect());
      assertEquals("call 'count.set' on MCP server 'ours'", set.summarize(input("a")));
      assertFalse(set.spec().risk().destructive());

      Tool greet = tools.get("ours.text.greet");
      assertEquals(SideEffect.SIDE_EFFECT, greet.spec().sideEffect());
      assertFalse(greet.spec().risk().destructive(), "the server says it only reads");
    }
  }

  @Test
  void aToolWhoseIdWouldBeTooLongIsLeftOutAndTheOthersKept() {
    try (McpConnection client =
        McpConnection.http("ours", url).prefix("p".repeat(25) + ".").connect()) {
      List<String> ids = client.tools().stream().map(Tool::id).toList();
      assertEquals(4, ids.size(), ids.toString());
      assertTrue(ids.contains("p".repeat(25) + ".text.greet"), ids.toString());
    }
    try (McpConnection client = McpConnection.http("ours", url).prefix("").connect()) {
      assertTrue(byId(client).containsKey(LONG_ID));
    }
  }

  @Test
  void anObjectResultIsStructuredAndAnyOtherIsTextOnly() {
    try (McpConnection client = McpConnection.http("ours", url).connect()) {
      Map<String, Tool> tools = byId(client);
      JsonNode set = call(tools.get("ours.count.set"), Map.of());
      assertEquals(true, set.get("structuredContent").get("set").asBoolean());
      assertEquals("{\"set\":true}", set.get("text").asText());
      assertEquals("text", set.get("content").get(0).get("type").asText());

      JsonNode words = call(tools.get("ours.list.words"), Map.of());
      assertFalse(words.has("structuredContent"), words.toString());
      assertEquals("[\"a\",\"b\"]", words.get("text").asText());
    }
  }

  @Test
  void errorResultsAreRetryableOnlyForToolsTheHostNamed() {
    Map<String, Object> line = Map.of("line", "x");
    try (McpConnection plain = McpConnection.http("ours", url).connect()) {
      ToolExecutionException denied =
          assertThrows(
              ToolExecutionException.class, () -> call(byId(plain).get("ours.notes.append"), line));
      assertFalse(denied.retryable());
      assertEquals("ours.notes.append", denied.toolId());
      assertTrue(
          denied.getMessage().contains("'notes.append' failed: the user did not consent"),
          denied.getMessage());
    }
    try (McpConnection retrying =
        McpConnection.http("ours", url).retryErrorsOf("notes.append").connect()) {
      ToolExecutionException denied =
          assertThrows(
              ToolExecutionException.class,
              () -> call(byId(retrying).get("ours.notes.append"), line));
      assertTrue(denied.retryable());
    }
  }

  @Test
  void aClosedConnectionRefusesCallsAndReconnects() {
    McpConnection client = McpConnection.http("ours", url).connect();
    Tool greet = byId(client).get("ours.text.greet");
    client.reconnect();
    assertEquals(
        "Hello, Ada",
        call(greet, Map.of("name", "Ada")).get("structuredContent").get("text").asText());
    client.close();

    unavailable(greet, false);
    IllegalStateException closed = assertThrows(IllegalStateException.class, client::reconnect);
    assertTrue(closed.getMessage().contains("'ours' was closed"), closed.getMessage());
  }

  @Test
  void aStoppedServerIsUnavailableAndRetryable() {
    McpConnection client = McpConnection.http("ours", url).connect();
    Tool greet = byId(client).get("ours.text.greet");
    server.close();

    assertEquals("ours", unavailable(greet, true).server());

    ToolExecutionException reconnecting =
        assertThrows(ToolExecutionException.class, () -> call(greet, Map.of("name", "Ada")));
    assertTrue(reconnecting.retryable());
    assertTrue(reconnecting.getMessage().contains("could not connect"), reconnecting.getMessage());
    client.close();
    McpException refused =
        assertThrows(McpException.class, () -> McpConnection.http("gone", url).connect());
    assertEquals(McpException.Kind.UNAVAILABLE, refused.kind());
    assertEquals("gone", refused.server());
  }

  @Test
  void theLiveRegistryServesTheHostsAndTheServersToolsAndKeepsItsRateLimits() {
    Tool echo = Tool.builder("local.echo").description("Echoes").handler((input, ctx) -> input);
    try (McpConnection client = McpConnection.http("ours", url).connect()) {
      ToolRegistry live =
          McpConnection.registry(
              builder ->
                  builder.add(echo).rateLimit("local.echo", RateLimit.of(1, Duration.ofHours(1))),
              client);
      ToolRegistry plain =
          ToolRegistry.builder()
              .add(echo)
              .rateLimit("local.echo", RateLimit.of(1, Duration.ofHours(1)))
              .add(client.tools())
              .build();

      assertEquals(plain.ids(), live.ids());
      assertEquals(plain.specs(), live.specs());
      assertEquals(plain.configHash(), live.configHash());
      String function = live.functionName("ours.text.greet");
      assertEquals(plain.functionName("ours.text.greet"), function);
      assertEquals("ours.text.greet", live.toolIdForFunction(function));
      assertTrue(live.find("ours.count.set").isPresent());
      assertEquals("ours.count.set", live.get("ours.count.set").id());
      assertThrows(
          ToolValidationException.class,
          () -> live.validate(ToolCall.of("ours.text.greet", JSON.createObjectNode())));

      ToolContext context = ToolContext.of("plan", "step", Duration.ofSeconds(60));
      ToolCall hello = ToolCall.of("local.echo", input("a"));
      assertEquals(input("a"), live.invoke(hello, context));
      assertThrows(ToolRateLimitedException.class, () -> live.invoke(hello, context));
    }
  }

  /** Calls {@code greet}, expecting an unavailable server, and returns the cause. */
  private static McpException unavailable(Tool greet, boolean retryable) {
    ToolExecutionException failure =
        assertThrows(ToolExecutionException.class, () -> call(greet, Map.of("name", "Ada")));
    assertEquals(retryable, failure.retryable());
    McpException cause = assertInstanceOf(McpException.class, failure.getCause());
    assertEquals(McpException.Kind.UNAVAILABLE, cause.kind());
    return cause;
  }

  private static Map<String, Tool> byId(McpConnection client) {
    return client.tools().stream().collect(Collectors.toMap(Tool::id, Function.identity()));
  }

  private static JsonNode input(String name) {
    return JSON.createObjectNode().put("name", name);
  }

  private static JsonNode call(Tool tool, Map<String, Object> input) {
    return tool.invoke(
        ToolCall.of(tool.id(), JSON.valueToTree(input)),
        ToolContext.of("plan", "step", Duration.ofSeconds(60)));
  }
}
