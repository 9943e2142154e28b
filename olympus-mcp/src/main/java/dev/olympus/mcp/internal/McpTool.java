package dev.olympus.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolSpec;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * One tool of an MCP server as an Olympus {@link Tool}: its id is the host's prefix plus the MCP
 * name, its input schema the server's, its side effect the server's hint unless the host overrode
 * it, and it needs the consent scope {@code mcp.<server>}. A tool whose input schema cannot be
 * compiled without loading something outside it is refused ({@link SchemaCheck}). Thread-safe.
 */
final class McpTool implements Tool {
  private final String id;
  private final String mcpName;
  private final ToolSpec spec;
  private final boolean destructive;
  private final DefaultMcpConnection connection;

  /**
   * Adopts {@code tool}.
   *
   * @throws IllegalArgumentException if its input schema is not a usable, self-contained schema
   */
  McpTool(String id, McpSchema.Tool tool, DefaultMcpConnection connection) {
    Settings settings = connection.settings();
    SideEffect effect =
        settings.sideEffects().getOrDefault(tool.name(), Effects.sideEffect(tool.annotations()));
    this.id = id;
    this.mcpName = tool.name();
    this.destructive = effect != SideEffect.READ_ONLY && Effects.destructive(tool.annotations());
    this.connection = connection;
    JsonNode inputSchema = Json.MAPPER.valueToTree(tool.inputSchema());
    SchemaCheck.compile(inputSchema);
    this.spec =
        ToolSpec.builder()
            .description(description(tool, settings.name()))
            .inputSchema(inputSchema)
            .outputSchema(Results.OUTPUT_SCHEMA)
            .scopes(List.of(settings.scope()))
            .sideEffect(effect)
            .risk(risk(tool.name(), settings.name(), effect, destructive))
            .build();
  }

  // What a prompt shows as the effect: the server's own claim, marked when it is destructive.
  private static Risk risk(String tool, String server, SideEffect effect, boolean destructive) {
    String what = "runs '" + tool + "' on MCP server '" + server + "'";
    if (destructive) {
      return Risk.destructive(what + "; the server says it may delete or overwrite data");
    }
    return Risk.of(
        what + (effect == SideEffect.READ_ONLY ? "; the server says it only reads" : ""));
  }

  private static String description(McpSchema.Tool tool, String server) {
    String text =
        tool.description() == null || tool.description().isBlank() ? "" : tool.description();
    return (text.isEmpty() ? "Tool '" + tool.name() + "'" : text)
        + " [MCP server '"
        + server
        + "'; its hints: "
        + Effects.describe(tool.annotations())
        + "]";
  }

  String mcpName() {
    return mcpName;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public JsonNode invoke(ToolCall call, ToolContext context) {
    return connection.call(this, call.input(), context);
  }

  /**
   * Names the tool and server, and says when the server calls the tool destructive (or does not say
   * it is not), as the MCP spec asks a client to show before such a call.
   */
  @Override
  public String summarize(JsonNode input) {
    String call = "call '" + mcpName + "' on MCP server '" + connection.name() + "'";
    return destructive ? call + " (may delete or overwrite data, per the server)" : call;
  }

  @Override
  public String toString() {
    return "McpTool[" + id + "]";
  }
}
