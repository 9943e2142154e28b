package dev.olympus.mcp.internal;

import dev.olympus.mcp.McpException;
import dev.olympus.mcp.McpException.Kind;
import io.modelcontextprotocol.spec.McpError;
import java.util.concurrent.TimeoutException;

/** Classifies what the SDK throws into an {@link McpException} naming the server. */
final class Failures {
  private Failures() {}

  static McpException of(String server, String doing, Throwable failure) {
    if (failure instanceof McpException known) {
      return known;
    }
    Throwable root = McpError.findRootCause(failure);
    return new McpException(server, kind(failure, root), doing + ": " + describe(root), failure);
  }

  private static Kind kind(Throwable failure, Throwable root) {
    if (root instanceof TimeoutException) {
      return Kind.TIMEOUT;
    }
    if (failure instanceof McpError || root instanceof McpError) {
      return Kind.PROTOCOL;
    }
    return Kind.UNAVAILABLE;
  }

  private static String describe(Throwable root) {
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
