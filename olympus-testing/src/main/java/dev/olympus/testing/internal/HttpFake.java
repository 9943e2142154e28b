package dev.olympus.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.testing.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An HTTP server on a free loopback port that records every request and answers each path from a
 * route; requests are served in parallel. A dropped connection is an {@link IOException} thrown
 * from the handler, on which the JDK's server closes the connection without finishing the response.
 */
public final class HttpFake implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Function<RecordedRequest, Outcome>> routes = new ConcurrentHashMap<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Consumer<RecordedRequest> recorder;
  private final Function<RecordedRequest, Outcome> unknown;

  /**
   * Starts a server that passes each request to {@code recorder} and answers paths without a route
   * with {@code unknown}.
   */
  public HttpFake(Consumer<RecordedRequest> recorder, Function<RecordedRequest, Outcome> unknown) {
    this.recorder = recorder;
    this.unknown = unknown;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for a fake server", e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The server's address, such as {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers requests to exactly {@code path} with {@code route}. */
  public void route(String path, Function<RecordedRequest, Outcome> route) {
    routes.put(path, route);
  }

  private void handle(HttpExchange exchange) throws IOException {
    RecordedRequest request =
        new RecordedRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders(),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
            Instant.now());
    recorder.accept(request);
    send(exchange, routes.getOrDefault(request.path(), unknown).apply(request));
  }

  private void send(HttpExchange exchange, Outcome outcome) throws IOException {
    pause(outcome.delay());
    if (closed.getCount() == 0) {
      throw new IOException("fake server closed before the response");
    }
    WireResponse response = outcome.response();
    if (response == null) {
      throw new IOException("fake disconnect before the response");
    }
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    response.headers().forEach(exchange.getResponseHeaders()::set);
    boolean chunked = response.streamed() || outcome.disconnectAfter() >= 0;
    byte[] whole = String.join("", response.pieces()).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(
        response.status(), chunked ? 0 : whole.length == 0 ? -1 : whole.length);
    OutputStream out = exchange.getResponseBody();
    for (int i = 0; i < response.pieces().size(); i++) {
      if (i == outcome.disconnectAfter()) {
        throw new IOException("fake disconnect after " + i + " pieces");
      }
      out.write(response.pieces().get(i).getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    if (outcome.disconnectAfter() >= 0) {
      throw new IOException("fake disconnect before the end of the body");
    }
    out.close();
  }

  // Waits, but no longer than until the server closes.
  private void pause(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
