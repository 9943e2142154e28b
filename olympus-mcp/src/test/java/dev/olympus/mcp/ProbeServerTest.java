package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import dev.olympus.tools.ToolTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on the official TypeScript SDK (src/test/node/probe-server.mjs) that misbehaves on
 * request: it records the cancellation it receives, writes garbage, and changes its tool list. A
 * process that dies and the reconnect backoff are tested in this JVM (StdioProcessTest,
 * ConnectionFailuresTest).
 */
class ProbeServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path marker;
  private final CompletableFuture<List<Tool>> changed = new CompletableFuture<>();
  private McpConnection probe;

  @BeforeEach
  void connect() throws Exception {
    marker = dir.resolve("marker.txt");
    probe =
        McpConnection.stdio("probe", NodePeers.node(), script(), marker.toString())
            .requestTimeout(Duration.ofSeconds(5))
            .onToolsChanged(changed::complete)
            .connect();
  }

  @AfterEach
  void close() {
    if (probe != null) { // null when the test was skipped for want of Node
      probe.close();
    }
  }

  @Test
  void cancellingAStepSendsMcpCancellationForTheCallInFlight() throws Exception {
    Cancellation cancellation = new Cancellation();
    CompletableFuture<JsonNode> call = callAsync(registry(), "probe.wait", cancellation);
    awaitMarker("started");

    cancellation.cancel();

    ExecutionException ended =
        assertThrows(ExecutionException.class, () -> call.get(60, TimeUnit.SECONDS));
    assertInstanceOf(ToolCancelledException.class, ended.getCause());
    assertTrue(awaitMarker("cancelled").contains("cancelled by the Olympus host"));
  }

  @Test
  void aTimeoutOfTheRegistrySendsMcpCancellationToo() throws Exception {
    ToolRegistry registry =
        ToolRegistry.builder()
            .add(probe.tools())
            .timeout("probe.wait", Duration.ofSeconds(2))
            .build();
    CompletableFuture<JsonNode> call = callAsync(registry, "probe.wait", new Cancellation());

    ExecutionException ended =
        assertThrows(ExecutionException.class, () -> call.get(60, TimeUnit.SECONDS));
    assertInstanceOf(ToolTimeoutException.class, ended.getCause());
    assertTrue(awaitMarker("cancelled").startsWith("cancelled"));
  }

  @Test
  void aServerThatAnswersGarbageTimesOutWithATypedErrorAndIsReplaced() {
    ToolRegistry registry = registry();
    ToolExecutionException garbled =
        assertThrows(ToolExecutionException.class, () -> call(registry, "probe.garbage"));
    McpException cause = assertInstanceOf(McpException.class, garbled.getCause());
    assertEquals(McpException.Kind.TIMEOUT, cause.kind());
    assertTrue(cause.getMessage().startsWith("MCP server 'probe'"), cause.getMessage());

    assertEquals("ok no_hints", callUntilAnswered(registry, "probe.no_hints"));
  }

  @Test
  void aChangedToolListReachesTheListenerAndTools() throws Exception {
    call(registry(), "probe.add_tool");

    List<Tool> now = changed.get(60, TimeUnit.SECONDS);
    assertTrue(now.stream().anyMatch(tool -> tool.id().equals("probe.added")), now.toString());
    assertTrue(probe.tools().stream().anyMatch(tool -> tool.id().equals("probe.added")));
  }

  @Test
  void theLiveRegistryFollowsAChangedToolListAndKeepsTheHostsTools() throws Exception {
    Tool local = Tool.builder("local.echo").description("Echoes").handler((input, ctx) -> input);
    ToolRegistry live = McpConnection.registry(builder -> builder.add(local), probe);
    assertFalse(live.ids().contains("probe.added"));

    call(live, "probe.add_tool");
    changed.get(60, TimeUnit.SECONDS);

    assertTrue(live.ids().containsAll(List.of("local.echo", "probe.added")), live.ids().toString());
    assertEquals("ok added", call(live, "probe.added").get("text").asText());
  }

  @Test
  void aLongErrorTextIsCutInTheMessage() {
    ToolExecutionException failure =
        assertThrows(ToolExecutionException.class, () -> call(registry(), "probe.long_error"));
    assertTrue(failure.getMessage().endsWith("(8000 more characters)"), failure.getMessage());
    assertTrue(failure.getMessage().length() < 2200);
  }

  @Test
  void aToolWithoutAnnotationsIsASideEffectThatMayDestroyData() {
    Tool noHints = registry().get("probe.no_hints");
    assertEquals(SideEffect.SIDE_EFFECT, noHints.spec().sideEffect());
    assertTrue(noHints.summarize(JSON.createObjectNode()).contains("may delete or overwrite"));
    assertTrue(noHints.spec().description().contains("its hints: none"));
  }

  /** The SDK notices a hung session only after a ping fails, so a few calls may time out first. */
  private static String callUntilAnswered(ToolRegistry registry, String toolId) {
    ToolException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        return call(registry, toolId).get("text").asText();
      } catch (ToolException e) {
        last = e;
      }
    }
    throw new AssertionError("no answer after 10 calls", last);
  }

  private String awaitMarker(String prefix) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(marker) && Files.readString(marker).startsWith(prefix)) {
        return Files.readString(marker);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server never wrote '" + prefix + "' to " + marker);
  }

  private ToolRegistry registry() {
    return ToolRegistry.builder().add(probe.tools()).build();
  }

  private static CompletableFuture<JsonNode> callAsync(
      ToolRegistry registry, String toolId, Cancellation cancellation) {
    ToolContext context =
        new ToolContext("plan", "step", "plan/step", Instant.now().plusSeconds(300), cancellation);
    return CompletableFuture.supplyAsync(
        () -> registry.invoke(ToolCall.of(toolId, JSON.createObjectNode()), context));
  }

  private static JsonNode call(ToolRegistry registry, String toolId) {
    return registry.invoke(
        ToolCall.of(toolId, JSON.createObjectNode()),
        ToolContext.of("plan", "step", Duration.ofSeconds(60)));
  }

  private static String script() throws Exception {
    return NodePeers.ourScript("probe-server.mjs").toString();
  }
}
