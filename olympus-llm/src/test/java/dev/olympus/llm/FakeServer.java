package dev.olympus.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-process HTTP server on 127.0.0.1 that answers each path with a scripted reply. */
final class FakeServer implements AutoCloseable {
  /** A scripted answer to one exchange. */
  @FunctionalInterface
  interface Reply {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger hits = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  public FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public FakeServer on(String path, Reply reply) {
    replies.put(path, reply);
    return this;
  }

  /** The request bodies received, in order. */
  public List<String> bodies() {
    return bodies;
  }

  public String lastBody() {
    return bodies.get(bodies.size() - 1);
  }

  public List<Map<String, List<String>>> requestHeaders() {
    return headers;
  }

  /** Each request's method and address (path and query), such as {@code DELETE /api/delete}. */
  public List<String> requests() {
    return requests;
  }

  public int hits() {
    return hits.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    hits.incrementAndGet();
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    headers.add(Map.copyOf(exchange.getRequestHeaders()));
    Reply reply = replies.get(exchange.getRequestURI().getPath());
    try {
      if (reply == null) {
        send(exchange, 404, "{\"error\":\"no route\"}");
      } else {
        reply.answer(exchange);
      }
    } finally {
      exchange.close();
    }
  }

  /** A whole JSON answer with {@code status}. */
  public static Reply json(int status, String body) {
    return exchange -> send(exchange, status, body);
  }

  /** A status with extra headers. */
  public static Reply json(int status, String body, Map<String, String> extra) {
    return exchange -> {
      extra.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      send(exchange, status, body);
    };
  }

  /** A chunked 200 answer that writes {@code lines} one by one, each followed by a newline. */
  public static Reply lines(String contentType, List<String> lines) {
    return exchange -> {
      exchange.getResponseHeaders().add("Content-Type", contentType);
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    };
  }

  /** Never answers until the server closes. */
  public Reply hang() {
    return exchange -> {
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Sends the headers and {@code lines}, then never sends more until the server closes. */
  public Reply stall(String contentType, List<String> lines) {
    Reply start = lines(contentType, lines);
    return exchange -> {
      start.answer(exchange);
      hang().answer(exchange);
    };
  }

  /**
   * Sends the headers and {@code lines}, then {@code more} over and over until the client drops the
   * connection, which counts down {@code dropped}.
   */
  public static Reply endless(
      String contentType, List<String> lines, String more, CountDownLatch dropped) {
    return exchange -> {
      lines(contentType, lines).answer(exchange);
      OutputStream out = exchange.getResponseBody();
      try {
        while (true) {
          out.write((more + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } catch (IOException gone) {
        dropped.countDown();
      }
    };
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
