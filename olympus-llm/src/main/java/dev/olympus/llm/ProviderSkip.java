package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;

/**
 * Why the router did not use a provider, or why the provider failed, as a {@link Kind} and a
 * sentence.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider the provider's name
 * @param kind what kept the provider from answering
 * @param reason a sentence saying why
 */
public record ProviderSkip(String provider, Kind kind, String reason) {
  /** What kept a provider from answering. */
  public enum Kind {
    /** A paid provider while cloud fallback is disabled. */
    CLOUD_DISABLED,
    /** The provider lacks a capability the request needs (tools, JSON mode, JSON schema). */
    UNSUPPORTED,
    /** The provider's circuit breaker is open. */
    CIRCUIT_OPEN,
    /** A dollar budget (the router's daily one, or the plan's or step's) has no room for it. */
    OVER_BUDGET,
    /** It was called and failed, or it is not ready. */
    FAILED
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public ProviderSkip {
    Checks.notNull(provider, "provider");
    Checks.notNull(kind, "kind");
    Checks.notNull(reason, "reason");
  }

  @Override
  public String toString() {
    return provider + ": " + reason;
  }
}
