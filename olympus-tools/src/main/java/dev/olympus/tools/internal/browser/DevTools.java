package dev.olympus.tools.internal.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A Chrome DevTools protocol connection over {@code java.net.http}'s WebSocket: commands with
 * replies, and events handed one at a time, in order, to one handler on its own thread.
 */
final class DevTools implements AutoCloseable {
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final ExecutorService events = Executors.newSingleThreadExecutor(DevTools::daemon);
  private final Consumer<JsonNode> handler;
  private final Instant deadline;
  private WebSocket socket;

  private DevTools(Consumer<JsonNode> handler, Instant deadline) {
    this.handler = handler;
    this.deadline = deadline;
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "web.browse-devtools-events");
    thread.setDaemon(true);
    return thread;
  }

  /** Connects to {@code endpoint}; {@code handler} receives every event. */
  static DevTools connect(URI endpoint, Consumer<JsonNode> handler, Instant deadline)
      throws IOException, InterruptedException {
    DevTools devTools = new DevTools(handler, deadline);
    HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    devTools.socket =
        await(client.newWebSocketBuilder().buildAsync(endpoint, devTools.new Listener()), deadline);
    return devTools;
  }

  /** Sends {@code method} to the session ({@code null}: the browser) and waits for its result. */
  JsonNode call(String sessionId, String method, ObjectNode params)
      throws IOException, InterruptedException {
    long id = ids.incrementAndGet();
    ObjectNode message = Json.object().put("id", id).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    synchronized (this) {
      await(socket.sendText(message.toString(), true), deadline);
    }
    JsonNode answer = await(reply, deadline);
    if (answer.has("error")) {
      throw new IOException(method + " failed: " + answer.path("error").path("message").asText());
    }
    return answer.path("result");
  }

  /** Sends {@code method} without waiting for the reply (from the event thread). */
  void send(String sessionId, String method, ObjectNode params) {
    ObjectNode message = Json.object().put("id", ids.incrementAndGet()).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    synchronized (this) {
      socket.sendText(message.toString(), true).join();
    }
  }

  static <T> T await(CompletableFuture<T> future, Instant deadline)
      throws IOException, InterruptedException {
    long nanos = Math.max(1, Duration.between(Instant.now(), deadline).toNanos());
    try {
      return future.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IOException("the browser did not answer in time", e);
    } catch (ExecutionException e) {
      throw new IOException("the browser connection failed: " + e.getCause(), e.getCause());
    }
  }

  private void dispatch(String text) {
    JsonNode message;
    try {
      message = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return;
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asLong());
      if (reply != null) {
        reply.complete(message);
      }
    } else {
      events.execute(() -> handler.accept(message));
    }
  }

  @Override
  public void close() {
    events.shutdownNow();
    if (socket != null) {
      socket.abort();
    }
    IOException closed = new IOException("the browser connection was closed");
    pending.values().forEach(reply -> reply.completeExceptionally(closed));
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        dispatch(text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      IOException failed = new IOException("the browser connection failed", error);
      pending.values().forEach(reply -> reply.completeExceptionally(failed));
    }

    // The JDK reports a connection cut without a close frame (a browser that crashed) here, not
    // in onError: without this a pending call would wait for the deadline.
    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      IOException closed =
          new IOException("the browser closed the connection (" + statusCode + ")");
      pending.values().forEach(reply -> reply.completeExceptionally(closed));
      return null;
    }
  }
}
