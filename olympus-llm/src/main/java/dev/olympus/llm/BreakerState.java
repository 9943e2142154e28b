package dev.olympus.llm;

/** The state of a provider's circuit breaker. */
public enum BreakerState {
  /** Calls go through. */
  CLOSED,
  /** Too many recent failures: the provider is skipped until a delay passes. */
  OPEN,
  /** The delay passed: trial calls go through; success closes, failure reopens. */
  HALF_OPEN
}
