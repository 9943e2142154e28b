package dev.olympus.mcp.internal;

import dev.olympus.mcp.McpException;
import java.time.Duration;

/**
 * The backoff between automatic reconnects: after a failed attempt, the next one waits 1 second,
 * doubling up to 1 minute; a success resets it. Guarded by the connection's lock.
 */
final class Reconnects {
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofMinutes(1);

  private Duration delay = FIRST;
  private long notBefore;
  private boolean waiting;

  /** Throws if the last attempt failed and its delay has not passed yet. */
  void checkDue(String server) {
    long left = notBefore - System.nanoTime();
    if (waiting && left > 0) {
      throw new McpException(
          server,
          McpException.Kind.UNAVAILABLE,
          "reconnecting failed; next attempt in " + Duration.ofNanos(left).toMillis() + " ms",
          null);
    }
  }

  void failed() {
    waiting = true;
    notBefore = System.nanoTime() + delay.toNanos();
    delay = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
  }

  void succeeded() {
    waiting = false;
    delay = FIRST;
  }
}
