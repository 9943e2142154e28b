package dev.olympus.mcp;

import static dev.olympus.mcp.ConnectionFailuresTest.ids;
import static dev.olympus.mcp.ConnectionFailuresTest.invoke;
import static dev.olympus.mcp.ScriptedPeer.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.RateLimit;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a server's tool list becomes the host's tools, with a {@link ScriptedPeer} in this JVM:
 * pages, tools that cannot be used, a list the server announces as changed, and a live registry
 * that follows the list (or keeps its rate limits when the list stays the same).
 */
class ToolListingTest {
  private final ScriptedPeer peer = ScriptedPeer.start();

  @AfterEach
  void stop() {
    peer.close();
  }

  @Test
  void everyPageOfTheListIsRead() {
    peer.pages(List.of(List.of(tool("a"), tool("b")), List.of(tool("c")), List.of(tool("d"))));
    try (McpConnection connection = connect()) {
      assertEquals(List.of("peer.a", "peer.b", "peer.c", "peer.d"), ids(connection));
    }
  }

  @Test
  void aServerThatKeepsPagingIsReadForAHundredPagesOnly() {
    List<List<JsonNode>> pages =
        IntStream.range(0, 150).mapToObj(i -> List.<JsonNode>of(tool("t" + i))).toList();
    peer.pages(pages);
    try (McpConnection connection = connect()) {
      List<String> ids = ids(connection);
      assertEquals(100, ids.size());
      assertEquals("peer.t99", ids.get(99));
    }
  }

  @Test
  void toolsWithUnusableNamesOrRepeatedOnesAreLeftOutAndTheOthersKept() {
    ObjectNode repeat = tool("good").put("description", "the second 'good'");
    peer.tools(tool("good"), tool("has space"), repeat, tool("x".repeat(60)));
    try (McpConnection connection = connect()) {
      assertEquals(List.of("peer.good"), ids(connection));
      assertTrue(
          connection.tools().get(0).spec().description().startsWith("Tool good "),
          connection.tools().get(0).spec().description());
    }
  }

  @Test
  void toolsWhoseNamesMapToTheSameFunctionNameAreLeftOutSoTheHostKeepsEveryTool() {
    Tool echo = Tool.builder("local.echo").description("Echoes").handler((input, ctx) -> input);
    peer.tools(tool("a.b"), tool("a_b"), tool("c"));
    try (McpConnection connection = connect()) {
      ToolRegistry live = McpConnection.registry(builder -> builder.add(echo), connection);
      assertEquals(List.of("local.echo", "peer.a.b", "peer.c"), live.ids());
      assertEquals(List.of("peer.a.b", "peer.c"), ids(connection));
      assertEquals("peer.a.b", live.toolIdForFunction("peer_a_b"));
    }
  }

  @Test
  void anAnnouncedChangeReachesTheListenerAndTheTools() throws Exception {
    CompletableFuture<List<Tool>> changed = new CompletableFuture<>();
    peer.tools(tool("add")).on("add", addingTool(tool("add"), tool("added")));
    try (McpConnection connection =
        McpConnection.http("peer", peer.url()).onToolsChanged(changed::complete).connect()) {
      assertEquals("added", invoke(connection, "add", new Cancellation()).get("text").asText());

      List<Tool> now = changed.get(60, TimeUnit.SECONDS);
      assertEquals(List.of("peer.add", "peer.added"), now.stream().map(Tool::id).toList());
      assertEquals(List.of("peer.add", "peer.added"), ids(connection));
    }
  }

  @Test
  void aListenerThatFailsDoesNotStopTheChangeNorLaterChanges() throws Exception {
    BlockingQueue<List<String>> seen = new LinkedBlockingQueue<>();
    peer.tools(tool("add")).on("add", addingTool(tool("add"), tool("added")));
    try (McpConnection connection =
        McpConnection.http("peer", peer.url())
            .onToolsChanged(
                tools -> {
                  seen.add(tools.stream().map(Tool::id).toList());
                  throw new IllegalStateException("the host's listener failed");
                })
            .connect()) {
      invoke(connection, "add", new Cancellation());
      assertEquals(List.of("peer.add", "peer.added"), seen.poll(60, TimeUnit.SECONDS));
      assertEquals(List.of("peer.add", "peer.added"), ids(connection));

      peer.on("add", addingTool(tool("add")));
      invoke(connection, "add", new Cancellation());
      assertEquals(List.of("peer.add"), seen.poll(60, TimeUnit.SECONDS));
      assertEquals(List.of("peer.add"), ids(connection));
    }
  }

  @Test
  void theLiveRegistryFollowsAnAnnouncedChangeAndKeepsTheHostsTools() throws Exception {
    CompletableFuture<List<Tool>> changed = new CompletableFuture<>();
    Tool echo = Tool.builder("local.echo").description("Echoes").handler((input, ctx) -> input);
    peer.tools(tool("add")).on("add", addingTool(tool("add"), tool("added")));
    try (McpConnection connection =
        McpConnection.http("peer", peer.url()).onToolsChanged(changed::complete).connect()) {
      ToolRegistry live = McpConnection.registry(builder -> builder.add(echo), connection);
      assertEquals(List.of("local.echo", "peer.add"), live.ids());

      call(live, "peer.add");
      changed.get(60, TimeUnit.SECONDS);

      assertEquals(List.of("local.echo", "peer.add", "peer.added"), live.ids());
      assertEquals("ok added", call(live, "peer.added").get("text").asText());
    }
  }

  @Test
  void whenTheHostsConfigurationNoLongerFitsTheLiveRegistryKeepsThePreviousTools()
      throws Exception {
    CompletableFuture<List<Tool>> changed = new CompletableFuture<>();
    peer.tools(tool("add"), tool("gone")).on("add", addingTool(tool("add")));
    try (McpConnection connection =
        McpConnection.http("peer", peer.url()).onToolsChanged(changed::complete).connect()) {
      ToolRegistry live =
          McpConnection.registry(
              builder -> builder.rateLimit("peer.gone", RateLimit.of(5, Duration.ofHours(1))),
              connection);

      call(live, "peer.add");
      changed.get(60, TimeUnit.SECONDS);

      assertEquals(List.of("peer.add", "peer.gone"), live.ids());
      assertEquals("ok gone", call(live, "peer.gone").get("text").asText());
    }
  }

  @Test
  void aReconnectWithTheSameListKeepsTheLiveRegistrysRateLimitsAndANewListResetsThem() {
    peer.tools(tool("ok"));
    try (McpConnection connection = connect()) {
      ToolRegistry live =
          McpConnection.registry(
              builder -> builder.rateLimit("peer.ok", RateLimit.of(1, Duration.ofHours(1))),
              connection);
      call(live, "peer.ok");
      connection.reconnect();
      assertThrows(ToolRateLimitedException.class, () -> call(live, "peer.ok"));

      peer.tools(tool("ok"), tool("new"));
      connection.reconnect();
      assertEquals("ok ok", call(live, "peer.ok").get("text").asText());
      assertEquals(List.of("peer.ok", "peer.new"), live.ids());
    }
  }

  @Test
  void aUrlWithoutAPathReachesTheEndpointAtMcpAndHeadersGoWithEveryRequest() {
    URI base = URI.create("http://127.0.0.1:" + peer.url().getPort());
    peer.tools(tool("ok"));
    try (McpConnection connection =
        McpConnection.http("peer", base).header("Authorization", "Bearer abc").connect()) {
      assertEquals("ok ok", invoke(connection, "ok", new Cancellation()).get("text").asText());
    }
    List<String> sent = peer.authorizations();
    assertTrue(sent.size() >= 3, sent.toString());
    assertTrue(sent.stream().allMatch("Bearer abc"::equals), sent.toString());
  }

  /** Lists {@code tools} from now on and announces the change in the call's answer. */
  private ScriptedPeer.Answer addingTool(JsonNode... tools) {
    return (request, exchange) -> {
      peer.tools(tools);
      return ScriptedPeer.announcingChange("added").answer(request, exchange);
    };
  }

  private McpConnection connect() {
    return McpConnection.http("peer", peer.url()).connect();
  }

  private static JsonNode call(ToolRegistry registry, String toolId) {
    return registry.invoke(
        ToolCall.of(toolId, ScriptedPeer.JSON.createObjectNode()),
        ToolContext.of("plan", "step", Duration.ofSeconds(60)));
  }
}
