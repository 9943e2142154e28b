package dev.olympus.mcp;

import java.util.concurrent.CountDownLatch;

/** Runs the {@link ServedFixture} tools as an MCP server on this process's stdin and stdout. */
public final class ServeStdioMain {
  private ServeStdioMain() {}

  /** Serves until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    McpServer.builder(ServedFixture.tools()).consent(ServedFixture.consent()).serveStdio();
    new CountDownLatch(1).await();
  }
}
