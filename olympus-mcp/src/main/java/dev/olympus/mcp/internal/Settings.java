package dev.olympus.mcp.internal;

import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a connection was built with; the public builder checks every field.
 *
 * @param name the host's name for the server
 * @param prefix prepended to each MCP tool name to form the Olympus tool id
 * @param transports opens a new transport for each (re)connection
 * @param requestTimeout bounds every request, tool calls included
 * @param sideEffects the host's overrides of the server's hints, by MCP tool name
 * @param retryableErrors MCP tool names whose {@code isError} results may be retried
 * @param toolsChanged told the new tool list after the server announced a change
 */
public record Settings(
    String name,
    String prefix,
    Supplier<McpClientTransport> transports,
    Duration requestTimeout,
    Map<String, SideEffect> sideEffects,
    Set<String> retryableErrors,
    Consumer<List<Tool>> toolsChanged) {
  /** Copies the collections. */
  public Settings {
    sideEffects = Map.copyOf(sideEffects);
    retryableErrors = Set.copyOf(retryableErrors);
  }

  /** Returns the consent scope every tool of this server needs: {@code mcp.<name>}. */
  public String scope() {
    return "mcp." + name;
  }
}
