package dev.olympus.llm.internal.route;

import dev.olympus.llm.spi.LlmProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * A stable hash of what a router routes by: its providers in order (name, model, capabilities,
 * price, local or not) and its settings. Listeners, clocks, ledgers and stores are left out: they
 * change where things are kept, not which provider answers.
 */
final class ConfigHash {
  private ConfigHash() {}

  /** The first 16 hex digits of the SHA-256 of {@code config}'s canonical form. */
  static String of(RouterConfig config) {
    StringBuilder canonical = new StringBuilder();
    for (RouterConfig.Provider p : config.providers()) {
      LlmProvider provider = p.provider();
      canonical
          .append("provider=")
          .append(provider.name())
          .append('|')
          .append(provider.model())
          .append('|')
          .append(new TreeSet<>(provider.capabilities()))
          .append('|')
          .append(p.pricing())
          .append('|')
          .append(p.local())
          .append('\n');
    }
    canonical
        .append("cloudFallback=")
        .append(config.cloudFallback())
        .append("\ndailyBudget=")
        .append(config.dailyBudget())
        .append("\ncache=")
        .append(config.cacheTtl())
        .append('|')
        .append(config.cacheMaxEntries())
        .append("\nresilience=")
        .append(config.resilience())
        .append("\ndefaultMaxTokens=")
        .append(config.defaultMaxTokens())
        .append("\ntoolGrounding=")
        .append(config.toolGrounding())
        .append("\nhealth=")
        .append(config.health())
        .append("\npersistentCache=")
        .append(config.responseStore().isPresent());
    return sha256(canonical.toString());
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
