package dev.olympus.mcp;

import static dev.olympus.mcp.internal.Checks.notNull;

import dev.olympus.mcp.internal.LiveToolRegistry;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * A live connection to one MCP server whose tools become Olympus {@link Tool}s. Thread-safe.
 *
 * <pre>{@code
 * McpConnection fs = McpConnection.stdio("fs", "npx", "@modelcontextprotocol/server-filesystem", dir)
 *     .connect();
 * ToolRegistry tools = ToolRegistry.builder().add(fs.tools()).build();   // ids "fs.read_file", ...
 * }</pre>
 *
 * <p>Each imported tool needs the consent scope {@code mcp.<name>}, so the executor asks the host's
 * {@link dev.olympus.tools.ConsentProvider} before every call (deny by default); its input is
 * checked against the server's JSON Schema, and the registry's rate limits and timeouts apply. Its
 * side effect comes from the server's annotations ({@code readOnlyHint}, {@code idempotentHint};
 * none means a side effect) unless the host overrides it with {@link
 * McpConnectionBuilder#sideEffect}. A call returns {@code {"text", "content",
 * "structuredContent"}}; an {@code isError} result, a dead, hanging or garbled server become a
 * {@link dev.olympus.tools.ToolExecutionException} whose cause is an {@link McpException} naming
 * the server. Cancelling a call (or its timing out) sends MCP's {@code notifications/cancelled}.
 *
 * <p>Reconnecting is automatic, with backoff: after the server process exits or the connection
 * fails, the next call starts a new connection; if that fails, calls fail at once until a delay has
 * passed (1 second, doubling up to 1 minute). {@link #reconnect()} reconnects at once. A call that
 * times out leaves the connection as it is.
 */
public interface McpConnection extends AutoCloseable {
  /**
   * Starts building a connection that starts {@code command} with {@code args} and speaks MCP over
   * its standard input and output.
   *
   * @param name the host's name for the server: lower-case letters, digits, {@code _} and {@code
   *     -}, starting with a letter; the default tool id prefix is {@code name + "."}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is malformed or {@code command} blank
   */
  static McpConnectionBuilder stdio(String name, String command, String... args) {
    return McpConnectionBuilder.stdio(name, command, List.of(args));
  }

  /**
   * Starts building a connection to the Streamable HTTP endpoint {@code url} (e.g. {@code
   * http://127.0.0.1:3001/mcp}).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is malformed or {@code url} is not http(s)
   */
  static McpConnectionBuilder http(String name, URI url) {
    return McpConnectionBuilder.http(name, url);
  }

  /**
   * Returns a registry of the host's tools and the current tools of {@code connections}, which
   * follows changes of their tool lists (announced by a server, or found on reconnecting):
   *
   * <pre>{@code
   * ToolRegistry tools = McpConnection.registry(
   *     builder -> builder.add(FileTools.sandboxedAt(dir)).rateLimit("fs.write_file", limit),
   *     fs, github);
   * }</pre>
   *
   * <p>Before each use the registry checks whether a list changed, and if so builds a new one:
   * {@code configuration} is applied to a fresh {@link ToolRegistry.Builder}, then each
   * connection's tools are added. A rebuild starts rate-limit windows afresh. If the configuration
   * no longer fits (e.g. it sets a rate limit for a tool the server dropped) the previous tools
   * stay in use and a warning is logged. Thread-safe.
   *
   * @param configuration adds the host's tools and sets limits; called again on each rebuild
   * @throws NullPointerException if an argument or a connection is null
   * @throws IllegalStateException if the first build fails, e.g. two tools share an id
   */
  static ToolRegistry registry(
      Consumer<ToolRegistry.Builder> configuration, McpConnection... connections) {
    notNull(configuration, "configuration");
    for (McpConnection connection : notNull(connections, "connections")) {
      notNull(connection, "connections");
    }
    return new LiveToolRegistry(configuration, List.of(connections));
  }

  /** Returns the host's name for the server. */
  String name();

  /**
   * Returns the server's tools as Olympus tools, as last listed (on connecting, on a reconnect, or
   * when the server announced a changed list).
   */
  List<Tool> tools();

  /**
   * Closes the current connection, if any, and connects again at once, listing the tools anew.
   *
   * @throws McpException if the server cannot be reached
   * @throws IllegalStateException if the connection was closed
   */
  void reconnect();

  /** Closes the connection (stopping a stdio server's process); later calls fail. Idempotent. */
  @Override
  void close();
}
