package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@code server-everything} in its Streamable HTTP mode, reached by our HTTP client. */
class EverythingOverHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Process server;
  private McpConnection everything;
  private ToolRegistry tools;

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
            NodePeers.node(), NodePeers.script(NodePeers.EVERYTHING).toString(), "streamableHttp");
    builder.environment().put("PORT", Integer.toString(port));
    server = builder.redirectErrorStream(true).start();
    awaitListening();
    everything =
        McpConnection.http("everything", URI.create("http://127.0.0.1:" + port + "/mcp"))
            .header("X-Olympus-Test", "1")
            .connect();
    tools = ToolRegistry.builder().add(everything.tools()).build();
  }

  private void awaitListening() throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.contains("listening on port")) {
        Thread drain = new Thread(() -> out.lines().forEach(ignored -> {}));
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    throw new AssertionError("server-everything exited before listening");
  }

  @AfterEach
  void stop() throws Exception {
    if (everything != null) {
      everything.close();
    }
    if (server != null) {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void listsAndCallsToolsOverStreamableHttp() {
    assertEquals(SideEffect.READ_ONLY, tools.get("everything.echo").spec().sideEffect());
    JsonNode echo =
        tools.invoke(
            ToolCall.of("everything.echo", JSON.createObjectNode().put("message", "over HTTP")),
            ToolContext.of("plan", "step", Duration.ofSeconds(60)));
    assertTrue(echo.get("text").asText().contains("over HTTP"), echo.toString());
  }

  @Test
  void cancellingALongRunningCallOverHttpEndsIt() throws Exception {
    Cancellation cancellation = new Cancellation();
    ToolContext context =
        new ToolContext("plan", "long", "plan/long", Instant.now().plusSeconds(300), cancellation);
    CompletableFuture<JsonNode> call =
        CompletableFuture.supplyAsync(
            () ->
                tools.invoke(
                    ToolCall.of(
                        "everything.trigger-long-running-operation",
                        JSON.createObjectNode().put("duration", 60).put("steps", 60)),
                    context));

    cancellation.cancel();

    ExecutionException ended =
        assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
    assertInstanceOf(ToolCancelledException.class, ended.getCause());
  }
}
