package dev.olympus.executor.internal.tools;

import dev.olympus.tools.ToolRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** One configuration hash for several registries: they are searched in order, so order counts. */
final class ConfigHashes {
  private ConfigHashes() {}

  /** The first 16 hex digits of the SHA-256 of the registries' hashes joined in order. */
  static String combined(List<ToolRegistry> registries) {
    StringBuilder joined = new StringBuilder();
    registries.forEach(r -> joined.append(r.configHash()).append('\n'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(joined.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
