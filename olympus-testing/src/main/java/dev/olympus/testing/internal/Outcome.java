package dev.olympus.testing.internal;

import java.time.Duration;

/**
 * How a fake server answers one request: the response (null to close the connection without one),
 * the wait before its first byte, and after how many body pieces the connection drops (-1: never).
 *
 * @param response what to send, or null to drop the connection
 * @param delay the wait before the first byte
 * @param disconnectAfter the body pieces sent before the connection drops, or -1
 */
public record Outcome(WireResponse response, Duration delay, int disconnectAfter) {
  /** {@code response} at once and whole. */
  public static Outcome of(WireResponse response) {
    return new Outcome(response, Duration.ZERO, -1);
  }
}
