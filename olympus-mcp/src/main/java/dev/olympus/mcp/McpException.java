package dev.olympus.mcp;

/**
 * A failure of an MCP server, naming the server: it could not be started or reached, it died or
 * stopped answering, it answered something that is not MCP, or one of its tools reported an error
 * ({@code isError}). Immutable.
 *
 * <p>A failed tool call reaches the executor as a {@link dev.olympus.tools.ToolExecutionException}
 * whose cause is this exception, so plans classify it like any tool failure; {@link
 * McpConnectionBuilder#connect()} throws it directly.
 */
public final class McpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The server could not be started or reached, or it closed the connection. */
    UNAVAILABLE,
    /** The server did not answer in time. */
    TIMEOUT,
    /** The server answered with a JSON-RPC error or with something that is not MCP. */
    PROTOCOL,
    /** A tool ran and reported failure ({@code isError: true}). */
    TOOL_ERROR
  }

  private final String server;
  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param server the name the host gave the server
   * @param kind what went wrong
   * @param message the details
   * @param cause the underlying failure, or null
   */
  public McpException(String server, Kind kind, String message, Throwable cause) {
    super("MCP server '" + server + "': " + message, cause);
    this.server = server;
    this.kind = kind;
  }

  /** Returns the name the host gave the server. */
  public String server() {
    return server;
  }

  /** Returns what went wrong. */
  public Kind kind() {
    return kind;
  }
}
