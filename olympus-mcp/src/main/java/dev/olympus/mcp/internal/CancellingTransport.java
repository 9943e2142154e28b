package dev.olympus.mcp.internal;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Wraps the SDK's client transport to send MCP cancellation ({@code notifications/cancelled}),
 * which the SDK's classic client does not: each tool call carries a unique progress token, and this
 * transport remembers the JSON-RPC id of the request that carried it. Thread-safe.
 */
final class CancellingTransport implements McpClientTransport {
  private static final Logger LOG = LoggerFactory.getLogger(CancellingTransport.class);

  private static final String CANCELLED = "notifications/cancelled";

  private final McpClientTransport delegate;
  private final Map<String, Object> requestIds = new ConcurrentHashMap<>();

  CancellingTransport(McpClientTransport delegate) {
    this.delegate = delegate;
  }

  McpClientTransport delegate() {
    return delegate;
  }

  /** Sends a cancellation of the call that carried {@code token}, if it was sent. */
  void cancel(String token, String reason) {
    Object id = requestIds.remove(token);
    if (id != null) {
      Map<String, Object> params = Map.of("requestId", id, "reason", reason);
      delegate
          .sendMessage(new JSONRPCNotification(McpSchema.JSONRPC_VERSION, CANCELLED, params))
          .subscribe(null, e -> LOG.debug("could not send the cancellation of {}", id, e));
    }
  }

  /** Forgets the call that carried {@code token}, once it has ended. */
  void forget(String token) {
    requestIds.remove(token);
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    if (message instanceof JSONRPCRequest request
        && request.params() instanceof CallToolRequest call
        && call.meta() != null
        && call.meta().get("progressToken") instanceof String token) {
      requestIds.put(token, request.id());
    }
    return delegate.sendMessage(message);
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return delegate.connect(handler);
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
