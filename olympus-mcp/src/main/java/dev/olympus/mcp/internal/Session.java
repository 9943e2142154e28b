package dev.olympus.mcp.internal;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One initialized MCP session: the SDK client, its transport, and a future that completes when a
 * stdio server's process exits (never, for HTTP), so calls in flight fail at once instead of
 * waiting for their timeout.
 */
record Session(
    McpAsyncClient client, CancellingTransport transport, CompletableFuture<Void> exited) {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  static Session watching(String server, McpAsyncClient client, CancellingTransport transport) {
    CompletableFuture<Void> exited = new CompletableFuture<>();
    if (transport.delegate() instanceof StdioClientTransport stdio) {
      Thread watcher =
          new Thread(() -> awaitExit(stdio, exited), "olympus-mcp-" + server + "-process-watcher");
      watcher.setDaemon(true);
      watcher.start();
    }
    return new Session(client, transport, exited);
  }

  private static void awaitExit(StdioClientTransport stdio, CompletableFuture<Void> exited) {
    try {
      stdio.awaitForExit();
    } catch (RuntimeException e) {
      LOG.debug("stopped waiting for the MCP server process", e);
    }
    exited.complete(null);
  }

  void close() {
    try {
      client.closeGracefully().block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.debug("closing the MCP session gracefully failed", e);
      client.close();
    }
  }

  /** Closes without blocking, for SDK threads that must not block. */
  void closeInBackground() {
    client
        .closeGracefully()
        .timeout(Duration.ofSeconds(5))
        .subscribe(done -> {}, failure -> client.close());
  }
}
