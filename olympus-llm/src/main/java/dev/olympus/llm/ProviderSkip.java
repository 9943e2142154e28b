package dev.olympus.llm;

import dev.olympus.plan.internal.Checks;

/**
 * Why the router did not use a provider, or why the provider failed: circuit open, missing
 * capability, budget, cloud fallback disabled, or the error it returned.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider the provider's name
 * @param reason a sentence saying why
 */
public record ProviderSkip(String provider, String reason) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public ProviderSkip {
    Checks.notNull(provider, "provider");
    Checks.notNull(reason, "reason");
  }

  @Override
  public String toString() {
    return provider + ": " + reason;
  }
}
