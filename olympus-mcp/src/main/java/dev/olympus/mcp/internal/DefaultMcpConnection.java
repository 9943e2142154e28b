package dev.olympus.mcp.internal;

import static dev.olympus.mcp.internal.Checks.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.mcp.McpConnection;
import dev.olympus.mcp.McpException;
import dev.olympus.mcp.McpException.Kind;
import dev.olympus.plan.Cancellation;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolExecutionException;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** The {@link McpConnection} on the SDK's asynchronous client. Thread-safe. */
public final class DefaultMcpConnection implements McpConnection {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultMcpConnection.class);
  private static final McpSchema.Implementation CLIENT =
      McpSchema.Implementation.builder("olympus", "0.1.0").build();

  private final Settings settings;
  private final ToolList toolList;
  private final Reconnects reconnects = new Reconnects();
  private final Object lock = new Object();
  private Session session; // guarded by lock; null while disconnected
  private boolean closed; // guarded by lock

  private DefaultMcpConnection(Settings settings) {
    this.settings = settings;
    this.toolList = new ToolList(this);
  }

  /** Connects and lists the tools; throws {@link McpException} if that fails. */
  public static DefaultMcpConnection connect(Settings settings) {
    DefaultMcpConnection connection = new DefaultMcpConnection(settings);
    connection.reconnect();
    return connection;
  }

  Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public List<Tool> tools() {
    return toolList.tools();
  }

  @Override
  public void reconnect() {
    synchronized (lock) {
      state(!closed, "the connection to MCP server '" + name() + "' was closed");
      if (session != null) {
        session.close();
        session = null;
      }
      session = open();
      reconnects.succeeded();
    }
  }

  private Session open() {
    CancellingTransport transport = new CancellingTransport(settings.transports().get());
    McpAsyncClient client =
        McpClient.async(transport)
            .clientInfo(CLIENT)
            .requestTimeout(settings.requestTimeout())
            .initializationTimeout(settings.requestTimeout())
            .jsonSchemaValidator(new SchemaCheck())
            .toolsChangeConsumer(tools -> Mono.fromRunnable(() -> toolList.changed(tools)))
            .build();
    try {
      client.initialize().block();
      Session opened = Session.watching(name(), client, transport);
      toolList.replace(ToolList.listAll(client));
      return opened;
    } catch (RuntimeException e) {
      client.close();
      throw Failures.of(name(), "could not connect", e);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (session != null) {
        session.close();
        session = null;
      }
    }
  }

  JsonNode call(McpTool tool, JsonNode input, ToolContext context) {
    Session current = live(tool.id());
    String token = UUID.randomUUID().toString();
    CompletableFuture<CallToolResult> result =
        current
            .client()
            .callTool(
                new CallToolRequest(
                    tool.mcpName(), Json.toMap(input), Map.of("progressToken", token)))
            .toFuture();
    Runnable cancel =
        () -> {
          current.transport().cancel(token, "cancelled by the Olympus host");
          result.cancel(true);
        };
    Cancellation.Subscription onCancel = context.cancellation().onCancel(cancel);
    try {
      CompletableFuture.anyOf(result, current.exited()).get();
      return outcome(tool, current, result);
    } catch (InterruptedException e) {
      cancel.run();
      probe(current);
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(tool.id());
    } catch (ToolException e) {
      throw e;
    } catch (ExecutionException | RuntimeException e) {
      if (context.cancellation().isCancelled()) {
        throw new ToolCancelledException(tool.id());
      }
      throw failed(tool, current, e instanceof ExecutionException ? e.getCause() : e);
    } finally {
      onCancel.close();
      current.transport().forget(token);
    }
  }

  private JsonNode outcome(
      McpTool tool, Session current, CompletableFuture<CallToolResult> result) {
    if (!result.isDone()) {
      result.cancel(true);
      throw failed(
          tool, current, new McpException(name(), Kind.UNAVAILABLE, "the process exited", null));
    }
    CallToolResult answer = result.join();
    if (Results.isError(answer)) {
      McpException error =
          new McpException(
              name(),
              Kind.TOOL_ERROR,
              "'" + tool.mcpName() + "' failed: " + Results.errorText(answer),
              null);
      throw new ToolExecutionException(
          tool.id(),
          error.getMessage(),
          settings.retryableErrors().contains(tool.mcpName()),
          error);
    }
    return Results.toJson(answer);
  }

  private ToolExecutionException failed(McpTool tool, Session current, Throwable cause) {
    McpException error = Failures.of(name(), "calling '" + tool.mcpName() + "' failed", cause);
    if (error.kind() == Kind.UNAVAILABLE) {
      disconnect(current);
    } else if (error.kind() == Kind.TIMEOUT) {
      probe(current);
    }
    boolean retryable = error.kind() == Kind.UNAVAILABLE || error.kind() == Kind.TIMEOUT;
    return new ToolExecutionException(tool.id(), error.getMessage(), retryable, error);
  }

  /** Returns the current session, reconnecting (subject to backoff) when there is none. */
  private Session live(String toolId) {
    synchronized (lock) {
      if (closed) {
        McpException error = new McpException(name(), Kind.UNAVAILABLE, "connection closed", null);
        throw new ToolExecutionException(toolId, error.getMessage(), false, error);
      }
      if (session == null) {
        try {
          reconnects.checkDue(name());
        } catch (McpException e) {
          throw new ToolExecutionException(toolId, e.getMessage(), true, e);
        }
        try {
          session = open();
          reconnects.succeeded();
        } catch (McpException e) {
          reconnects.failed();
          throw new ToolExecutionException(toolId, e.getMessage(), true, e);
        }
      }
      return session;
    }
  }

  /**
   * Pings the server after a call it did not answer in time; if the ping fails too (a hung server,
   * or one whose garbage made the SDK stop reading), the next call reconnects.
   */
  private void probe(Session suspect) {
    suspect
        .client()
        .ping()
        .timeout(settings.requestTimeout())
        .subscribe(pong -> {}, failure -> disconnect(suspect));
  }

  private void disconnect(Session broken) {
    synchronized (lock) {
      if (session == broken) {
        session = null;
      }
    }
    broken.closeInBackground();
    LOG.warn("MCP server '{}' is unavailable; the next call reconnects", name());
  }
}
