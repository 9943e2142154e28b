package dev.olympus.mcp.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * MCP's Streamable HTTP transport, stateless, on the JDK's HTTP server (the SDK ships only a
 * servlet one): each POST carries one JSON-RPC message and a request is answered with one JSON
 * response; GET (a server-sent event stream) is refused with 405, as the spec allows. Requests
 * whose {@code Origin} is not a loopback address are refused with 403 (the spec's defence against
 * DNS rebinding), bodies over 4 MiB with 413, and, when a bearer token is set, requests without it
 * with 401. At most 16 requests are handled at once.
 */
public final class HttpTransport implements McpStatelessServerTransport {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
  private static final int MAX_BODY = 4 << 20;
  private static final String PATH = "/mcp";

  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(16, HttpTransport::daemon);
  private final byte[] authorization;
  private volatile McpStatelessServerHandler handler;

  /**
   * Binds {@code address}; serving starts once the SDK sets the handler. A non-null {@code
   * bearerToken} must come with every request.
   */
  public HttpTransport(InetSocketAddress address, String bearerToken) throws IOException {
    this.authorization =
        bearerToken == null ? null : ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(address, 0);
    server.createContext(PATH, this::handle);
    server.setExecutor(workers);
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "olympus-mcp-http");
    thread.setDaemon(true);
    return thread;
  }

  /** Returns the endpoint's URL. */
  public URI url() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().getHostAddress();
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + PATH);
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler handler) {
    this.handler = handler;
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!allowedOrigin(exchange.getRequestHeaders().getFirst("Origin"))) {
        send(exchange, 403, "Origin not allowed");
      } else if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        send(exchange, 401, "a bearer token is required");
      } else if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        send(exchange, 405, "only POST is supported");
      } else {
        post(exchange);
      }
    } catch (RuntimeException e) {
      LOG.warn("MCP HTTP request failed", e);
    }
  }

  private void post(HttpExchange exchange) throws IOException {
    byte[] body = read(exchange.getRequestBody());
    if (body == null) {
      send(exchange, 413, "body larger than " + MAX_BODY + " bytes");
      return;
    }
    JSONRPCMessage message;
    try {
      message =
          McpSchema.deserializeJsonRpcMessage(
              Json.sdkMapper(), new String(body, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      send(exchange, 400, "not a JSON-RPC message");
      return;
    }
    McpTransportContext context = McpTransportContext.EMPTY;
    if (message instanceof JSONRPCRequest request) {
      Object response =
          handler
              .handleRequest(context, request)
              .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
              .block();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      send(exchange, 200, Json.sdkMapper().writeValueAsString(response));
    } else if (message instanceof JSONRPCNotification notification) {
      handler
          .handleNotification(context, notification)
          .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
          .block();
      send(exchange, 202, "");
    } else {
      send(exchange, 202, "");
    }
  }

  private boolean authorized(String header) {
    return authorization == null
        || (header != null
            && MessageDigest.isEqual(authorization, header.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean allowedOrigin(String origin) {
    if (origin == null) {
      return true;
    }
    String host;
    try {
      host = new URI(origin).getHost();
    } catch (URISyntaxException e) {
      return false;
    }
    return host != null
        && (host.equals("localhost")
            || host.equals("127.0.0.1")
            || host.equals("[::1]")
            || host.toLowerCase(Locale.ROOT).endsWith(".localhost"));
  }

  private static byte[] read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    return body.length > MAX_BODY ? null : body;
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::close);
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
