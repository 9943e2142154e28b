package dev.olympus.mcp;

import dev.olympus.tools.ToolRegistry;
import java.net.URI;
import java.util.Optional;

/**
 * Serves a {@link ToolRegistry}'s tools to MCP clients over stdio or Streamable HTTP. Thread-safe.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder(tools)
 *     .consent(request -> askTheUser(request))     // default: deny every call
 *     .serveHttp(new InetSocketAddress("127.0.0.1", 3001));
 * System.out.println(server.url().orElseThrow());  // http://127.0.0.1:3001/mcp
 * }</pre>
 *
 * <p>Each tool is listed with its id as the MCP name, its description and input schema, and
 * annotations derived from its side effect ({@code READ_ONLY} → {@code readOnlyHint}, {@code
 * READ_ONLY} and {@code IDEMPOTENT} → {@code idempotentHint}). Every call is checked against the
 * schema, then put to the host's {@link dev.olympus.tools.ConsentGate} (an MCP client never
 * bypasses it), then run by the registry with its rate limits and timeouts. Invalid input, a denial
 * and a failure come back as an MCP tool error ({@code isError}) whose text says why.
 */
public interface McpServer extends AutoCloseable {
  /**
   * Starts building a server of {@code tools}.
   *
   * @throws NullPointerException if {@code tools} is null
   */
  static McpServerBuilder builder(ToolRegistry tools) {
    return new McpServerBuilder(tools);
  }

  /** Returns the Streamable HTTP endpoint, or empty for a stdio server. */
  Optional<URI> url();

  /** Stops serving. Idempotent. */
  @Override
  void close();
}
