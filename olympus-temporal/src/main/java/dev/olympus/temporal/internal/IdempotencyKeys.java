package dev.olympus.temporal.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Idempotency keys: stable for a step across retries, restarts and workers, distinct between steps,
 * and the same as the in-process executor gives the step, so a tool that remembers keys recognises
 * a plan moved from one executor to the other.
 */
final class IdempotencyKeys {
  private IdempotencyKeys() {}

  /** The key of step {@code step} of plan {@code planId}. */
  static String of(String planId, String step) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((planId + "\u0000" + step).getBytes(StandardCharsets.UTF_8));
      return "olympus-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
