package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.plan.Money;
import java.time.Duration;

/**
 * One answered call, for metrics: who answered, how long it took, what it used and cost.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operation what was called
 * @param provider the provider's name
 * @param model the model that answered
 * @param latency from the router's entry to the answer, retries included
 * @param usage the tokens used
 * @param cost the dollars charged
 * @param cached whether the answer came from the cache
 * @param budget the call's ids and allowances
 * @param routing why this provider answered: {@code "the host's order"}, {@code "cache"}, or, with
 *     {@link LlmRouter.Builder#preferHealthy health routing}, which providers were tried later and
 *     why (their recent error rate, p95 latency or open circuit)
 */
public record CallEvent(
    Operation operation,
    String provider,
    String model,
    Duration latency,
    Usage usage,
    Money cost,
    boolean cached,
    BudgetContext budget,
    String routing) {

  /** The router operations. */
  public enum Operation {
    /** {@code chat}. */
    CHAT,
    /** {@code stream}. */
    STREAM,
    /** {@code embed}. */
    EMBED
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public CallEvent {
    Checks.notNull(operation, "operation");
    Checks.notNull(provider, "provider");
    Checks.notNull(model, "model");
    Checks.notNull(latency, "latency");
    Checks.notNull(usage, "usage");
    Checks.notNull(cost, "cost");
    Checks.notNull(budget, "budget");
    Checks.notNull(routing, "routing");
  }
}
