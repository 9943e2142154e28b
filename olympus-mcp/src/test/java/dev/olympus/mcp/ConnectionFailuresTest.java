package dev.olympus.mcp;

import static dev.olympus.mcp.ScriptedPeer.JSON;
import static dev.olympus.mcp.ScriptedPeer.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a host sees when an MCP server misbehaves, with a {@link ScriptedPeer} in this JVM: a call
 * cancelled or interrupted (MCP cancellation sent), a JSON-RPC error, a call or ping left
 * unanswered, a server that goes down and comes back (reconnect and its backoff).
 */
class ConnectionFailuresTest {
  private static final long SAFETY_NET = 60;

  /** Short, to keep the timeout tests quick, but well above a warm exchange on loopback. */
  private static final Duration SHORT = Duration.ofSeconds(1);

  private final ScriptedPeer peer = ScriptedPeer.start();

  /** Loads the client's classes first, so that the short timeouts below time only exchanges. */
  @BeforeAll
  static void warmUp() {
    try (ScriptedPeer warm = ScriptedPeer.start().tools(tool("ok"));
        McpConnection connection = McpConnection.http("warm", warm.url()).connect()) {
      invoke(connection, "ok", new Cancellation());
    }
  }

  @AfterEach
  void stop() {
    peer.close();
  }

  @Test
  void cancellingAStepSendsMcpCancellationForTheRequestInFlight() throws Exception {
    peer.tools(tool("wait")).on("wait", peer.untilCancelled());
    try (McpConnection connection = connect()) {
      Cancellation cancellation = new Cancellation();
      CompletableFuture<JsonNode> call =
          CompletableFuture.supplyAsync(() -> invoke(connection, "wait", cancellation));
      JsonNode request = peer.call("wait").get(SAFETY_NET, TimeUnit.SECONDS);

      cancellation.cancel();

      ExecutionException ended =
          assertThrows(ExecutionException.class, () -> call.get(SAFETY_NET, TimeUnit.SECONDS));
      ToolCancelledException cancelled =
          assertInstanceOf(ToolCancelledException.class, ended.getCause());
      assertEquals("peer.wait", cancelled.toolId());
      JsonNode notification = peer.cancellation().get(SAFETY_NET, TimeUnit.SECONDS);
      assertEquals(request.get("id"), notification.get("requestId"));
      assertEquals("cancelled by the Olympus host", notification.get("reason").asText());
    }
  }

  @Test
  void interruptingTheCallingThreadCancelsTheCallAndKeepsTheInterrupt() throws Exception {
    peer.tools(tool("wait")).on("wait", peer.untilCancelled());
    try (McpConnection connection = connect()) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicBoolean stillInterrupted = new AtomicBoolean();
      Thread caller =
          new Thread(
              () -> {
                try {
                  invoke(connection, "wait", new Cancellation());
                } catch (RuntimeException e) {
                  failure.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              });
      caller.start();
      JsonNode request = peer.call("wait").get(SAFETY_NET, TimeUnit.SECONDS);

      caller.interrupt();
      caller.join();

      assertInstanceOf(ToolCancelledException.class, failure.get());
      assertTrue(stillInterrupted.get(), "the interrupt is kept for the caller");
      JsonNode notification = peer.cancellation().get(SAFETY_NET, TimeUnit.SECONDS);
      assertEquals(request.get("id"), notification.get("requestId"));
    }
  }

  @Test
  void aCallThatEndsNormallyIsNotCancelledLater() throws Exception {
    peer.tools(tool("ok"));
    try (McpConnection connection = connect()) {
      Cancellation cancellation = new Cancellation();
      assertEquals("ok ok", invoke(connection, "ok", cancellation).get("text").asText());

      cancellation.cancel();

      assertEquals("ok ok", invoke(connection, "ok", new Cancellation()).get("text").asText());
      assertFalse(peer.methods().contains("notifications/cancelled"), peer.methods().toString());
    }
  }

  @Test
  void reconnectingAndClosingEndTheServersSessions() throws Exception {
    peer.tools(tool("ok"));
    McpConnection connection = connect();
    connection.reconnect();
    assertEquals("1", peer.sessionClosed(1).get(SAFETY_NET, TimeUnit.SECONDS));
    assertEquals("ok ok", invoke(connection, "ok", new Cancellation()).get("text").asText());

    connection.close();
    assertEquals("2", peer.sessionClosed(2).get(SAFETY_NET, TimeUnit.SECONDS));
    connection.close();
    assertEquals(2, peer.initializations());
  }

  @Test
  void aJsonRpcErrorIsAProtocolErrorThatKeepsTheSession() {
    peer.tools(tool("odd"), tool("ok")).on("odd", ScriptedPeer.rpcError(-32602, "no such thing"));
    try (McpConnection connection = connect()) {
      ToolExecutionException failed = failing(connection, "odd");
      assertFalse(failed.retryable());
      McpException cause = assertInstanceOf(McpException.class, failed.getCause());
      assertEquals(McpException.Kind.PROTOCOL, cause.kind());
      assertEquals("peer", cause.server());
      assertTrue(cause.getMessage().contains("calling 'odd' failed: "), cause.getMessage());
      assertTrue(cause.getMessage().contains("no such thing"), cause.getMessage());

      assertEquals("ok ok", invoke(connection, "ok", new Cancellation()).get("text").asText());
      assertEquals(1, peer.initializations());
    }
  }

  @Test
  void aCallLeftUnansweredTimesOutRetryablyAndAnAnsweringServerIsKept() throws Exception {
    peer.tools(tool("slow"), tool("ok")).on("slow", peer.never());
    try (McpConnection connection = connect(SHORT)) {
      ToolExecutionException failed = failing(connection, "slow");
      assertTrue(failed.retryable());
      McpException cause = assertInstanceOf(McpException.class, failed.getCause());
      assertEquals(McpException.Kind.TIMEOUT, cause.kind());

      assertEquals("ok ok", invoke(connection, "ok", new Cancellation()).get("text").asText());
      assertEquals(1, peer.initializations());
    }
  }

  @Test
  void aServerThatAnswersNeitherCallNorPingIsReplacedOnTheNextCall() throws Exception {
    peer.tools(tool("slow"), tool("ok")).on("slow", peer.never()).onMethod("ping", peer.never());
    try (McpConnection connection = connect(SHORT)) {
      ToolExecutionException failed = failing(connection, "slow");
      assertEquals(McpException.Kind.TIMEOUT, ((McpException) failed.getCause()).kind());

      assertEquals("1", peer.sessionClosed(1).get(SAFETY_NET, TimeUnit.SECONDS));
      assertEquals("ok ok", invoke(connection, "ok", new Cancellation()).get("text").asText());
      assertEquals(2, peer.initializations());
    }
  }

  @Test
  void aServerThatGoesDownIsUnavailableAndAFailedReconnectWaitsBeforeTheNext() throws Exception {
    peer.tools(tool("ok"));
    try (McpConnection connection = connect()) {
      peer.down(true);
      ToolExecutionException down = failing(connection, "ok");
      assertTrue(down.retryable());
      assertEquals(
          McpException.Kind.UNAVAILABLE, ((McpException) down.getCause()).kind(), down.toString());
      peer.sessionClosed(1).get(SAFETY_NET, TimeUnit.SECONDS);

      ToolExecutionException failed = failing(connection, "ok");
      assertTrue(failed.retryable());
      assertTrue(failed.getMessage().contains("could not connect"), failed.getMessage());
      int requests = peer.methods().size();
      peer.down(false);

      ToolExecutionException waiting = failing(connection, "ok");
      assertTrue(waiting.retryable());
      assertTrue(waiting.getMessage().contains("next attempt in"), waiting.getMessage());
      McpException cause = assertInstanceOf(McpException.class, waiting.getCause());
      assertEquals(McpException.Kind.UNAVAILABLE, cause.kind());
      assertEquals(requests, peer.methods().size(), "nothing was sent while waiting");

      connection.reconnect();
      assertEquals("ok ok", invoke(connection, "ok", new Cancellation()).get("text").asText());
    }
  }

  @Test
  void aSuccessfulReconnectStartsTheBackoffAfresh() throws Exception {
    peer.tools(tool("ok"));
    try (McpConnection connection = connect()) {
      goDownAndFailToReconnect(connection, 1);
      peer.down(false);
      connection.reconnect();

      goDownAndFailToReconnect(connection, 2);
      ToolExecutionException waiting = failing(connection, "ok");
      Matcher delay = Pattern.compile("next attempt in (\\d+) ms").matcher(waiting.getMessage());
      assertTrue(delay.find(), waiting.getMessage());
      assertTrue(
          Long.parseLong(delay.group(1)) <= 1000, "the first delay: " + waiting.getMessage());
    }
  }

  /** Takes the peer down: a call finds it unavailable, and the next call cannot reconnect. */
  private void goDownAndFailToReconnect(McpConnection connection, int session) throws Exception {
    peer.down(true);
    failing(connection, "ok");
    peer.sessionClosed(session).get(SAFETY_NET, TimeUnit.SECONDS);
    ToolExecutionException failed = failing(connection, "ok");
    assertTrue(failed.getMessage().contains("could not connect"), failed.getMessage());
  }

  @Test
  void aServerThatCannotBeReachedAtConnectIsUnavailable() {
    peer.down(true);
    McpException refused = assertThrows(McpException.class, this::connect);
    assertEquals("peer", refused.server());
    assertTrue(refused.getMessage().contains("could not connect"), refused.getMessage());
  }

  private McpConnection connect() {
    return connect(Duration.ofSeconds(SAFETY_NET));
  }

  private McpConnection connect(Duration requestTimeout) {
    return McpConnection.http("peer", peer.url()).requestTimeout(requestTimeout).connect();
  }

  private static ToolExecutionException failing(McpConnection connection, String name) {
    return assertThrows(
        ToolExecutionException.class, () -> invoke(connection, name, new Cancellation()));
  }

  static JsonNode invoke(McpConnection connection, String name, Cancellation cancellation) {
    Tool tool =
        connection.tools().stream()
            .filter(t -> t.id().equals(connection.name() + "." + name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no tool " + name + " in " + ids(connection)));
    ToolContext context =
        new ToolContext("plan", "step", "plan/step", Instant.now().plusSeconds(300), cancellation);
    return tool.invoke(ToolCall.of(tool.id(), JSON.createObjectNode()), context);
  }

  static List<String> ids(McpConnection connection) {
    return connection.tools().stream().map(Tool::id).toList();
  }
}
