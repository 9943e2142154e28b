package dev.olympus.executor.internal.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Idempotency keys: stable for a step across retries and restarts, distinct between steps. */
public final class IdempotencyKeys {
  private IdempotencyKeys() {}

  /** The key of step {@code step} of plan {@code planId}. */
  public static String of(String planId, String step) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((planId + "\u0000" + step).getBytes(StandardCharsets.UTF_8));
      return "olympus-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
