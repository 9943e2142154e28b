package dev.olympus.mcp.internal;

import dev.olympus.tools.Tool;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's tools as last listed, as Olympus tools. A tool whose name cannot become an Olympus
 * id (bad characters, too long, a repeat, or the same LLM function name as an earlier tool, such as
 * {@code a_b} after {@code a.b}) or whose input schema is unusable is left out with a warning, so
 * one odd tool does not cost the host the others. Thread-safe.
 */
final class ToolList {
  private static final Logger LOG = LoggerFactory.getLogger(ToolList.class);
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
  private static final int MAX_PAGES = 100;

  private final DefaultMcpConnection connection;
  private volatile List<Tool> tools = List.of();
  private List<McpSchema.Tool> listed; // guarded by this; null before the first listing

  ToolList(DefaultMcpConnection connection) {
    this.connection = connection;
  }

  static List<McpSchema.Tool> listAll(McpAsyncClient client) {
    List<McpSchema.Tool> all = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES && (page == 0 || cursor != null); page++) {
      ListToolsResult result = client.listTools(cursor).block();
      all.addAll(result.tools());
      cursor = result.nextCursor();
    }
    return all;
  }

  List<Tool> tools() {
    return tools;
  }

  /**
   * Adopts {@code listing} unless it equals the last one, so that a reconnect or a repeated
   * announcement does not make a {@link LiveToolRegistry} rebuild (and restart rate limits).
   */
  synchronized void replace(List<McpSchema.Tool> listing) {
    if (listing.equals(listed)) {
      return;
    }
    listed = List.copyOf(listing);
    List<Tool> adopted = new ArrayList<>();
    Set<String> functions = new HashSet<>();
    for (McpSchema.Tool tool : listing) {
      String id = connection.settings().prefix() + tool.name();
      if (!ID.matcher(id).matches() || !functions.add(functionName(id))) {
        LOG.warn("MCP server '{}': left out tool '{}' (not a usable id)", connection.name(), id);
        continue;
      }
      try {
        adopted.add(new McpTool(id, tool, connection));
      } catch (IllegalArgumentException e) {
        LOG.warn("MCP server '{}': left out tool '{}': {}", connection.name(), id, e.getMessage());
      }
    }
    tools = List.copyOf(adopted);
  }

  /**
   * The LLM function name a {@link dev.olympus.tools.ToolRegistry} gives {@code id} ({@code a.b}
   * and {@code a_b} both become {@code a_b}); two tools with one name would make the host's
   * registry refuse to build, costing it every tool.
   */
  private static String functionName(String id) {
    return id.replace('.', '_');
  }

  void changed(List<McpSchema.Tool> listed) {
    replace(listed);
    try {
      connection.settings().toolsChanged().accept(tools);
    } catch (RuntimeException e) {
      LOG.warn("the tools-changed listener of MCP server '{}' failed", connection.name(), e);
    }
  }
}
