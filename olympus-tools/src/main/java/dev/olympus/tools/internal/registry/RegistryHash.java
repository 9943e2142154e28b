package dev.olympus.tools.internal.registry;

import dev.olympus.tools.RateLimit;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stable hash of a registry's configuration: each tool's id and spec (description, schemas,
 * scopes, side effect, risk) in order, the rate limits, timeouts and the worker cap. The clock is
 * left out.
 */
final class RegistryHash {
  private RegistryHash() {}

  /** The first 16 hex digits of the SHA-256 of the configuration's canonical form. */
  static String of(
      List<Tool> tools,
      Map<String, RateLimit> rateLimits,
      Map<String, Duration> timeouts,
      Duration defaultTimeout,
      int maxConcurrentCalls) {
    StringBuilder canonical = new StringBuilder();
    for (Tool tool : tools) {
      ToolSpec spec = tool.spec();
      canonical
          .append("tool=")
          .append(tool.id())
          .append('|')
          .append(spec)
          .append('|')
          .append(spec.inputSchema())
          .append('|')
          .append(spec.outputSchema())
          .append('\n');
    }
    canonical
        .append("rateLimits=")
        .append(new TreeMap<>(rateLimits))
        .append("\ntimeouts=")
        .append(new TreeMap<>(timeouts))
        .append('|')
        .append(defaultTimeout)
        .append("\nmaxConcurrentCalls=")
        .append(maxConcurrentCalls);
    return of(canonical.toString());
  }

  /** The first 16 hex digits of the SHA-256 of {@code canonical}. */
  private static String of(String canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
