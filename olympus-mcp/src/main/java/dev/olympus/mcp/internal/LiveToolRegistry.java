package dev.olympus.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.olympus.mcp.McpConnection;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ToolRegistry} of the host's tools and the current tools of some MCP connections: before
 * each use it checks whether a connection's tool list changed (a {@code list_changed} notification,
 * a reconnect) and if so builds a new registry from the host's configuration and the new lists. A
 * rebuild starts rate-limit windows afresh. If the host's configuration no longer fits (a rate
 * limit for a tool that is gone), the previous registry stays and a warning is logged. Thread-safe.
 */
public final class LiveToolRegistry implements ToolRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(LiveToolRegistry.class);

  private record Built(List<List<Tool>> seen, ToolRegistry registry) {}

  private final Consumer<ToolRegistry.Builder> configuration;
  private final List<McpConnection> connections;
  private volatile Built built;

  /** Builds the first registry; throws what {@link ToolRegistry.Builder#build()} throws. */
  public LiveToolRegistry(
      Consumer<ToolRegistry.Builder> configuration, List<McpConnection> connections) {
    this.configuration = configuration;
    this.connections = List.copyOf(connections);
    List<List<Tool>> seen = lists();
    this.built = new Built(seen, build(seen));
  }

  private List<List<Tool>> lists() {
    return connections.stream().map(McpConnection::tools).toList();
  }

  private ToolRegistry build(List<List<Tool>> lists) {
    ToolRegistry.Builder builder = ToolRegistry.builder();
    configuration.accept(builder);
    lists.forEach(builder::add);
    return builder.build();
  }

  /** Returns the registry for the current tool lists, rebuilding it when one changed. */
  private ToolRegistry current() {
    Built last = built;
    List<List<Tool>> now = lists();
    if (sameLists(last.seen(), now)) {
      return last.registry();
    }
    synchronized (this) {
      try {
        built = new Built(now, build(now));
      } catch (RuntimeException e) {
        LOG.warn("the MCP tool lists changed but the registry could not be rebuilt", e);
        built = new Built(now, built.registry());
      }
      return built.registry();
    }
  }

  private static boolean sameLists(List<List<Tool>> before, List<List<Tool>> now) {
    for (int i = 0; i < now.size(); i++) {
      if (before.get(i) != now.get(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Optional<Tool> find(String toolId) {
    return current().find(toolId);
  }

  @Override
  public Tool get(String toolId) {
    return current().get(toolId);
  }

  @Override
  public String configHash() {
    return current().configHash();
  }

  @Override
  public List<String> ids() {
    return current().ids();
  }

  @Override
  public ArrayNode specs() {
    return current().specs();
  }

  @Override
  public String functionName(String toolId) {
    return current().functionName(toolId);
  }

  @Override
  public String toolIdForFunction(String functionName) {
    return current().toolIdForFunction(functionName);
  }

  @Override
  public void validate(ToolCall call) {
    current().validate(call);
  }

  @Override
  public JsonNode invoke(ToolCall call, ToolContext context) {
    return current().invoke(call, context);
  }
}
