package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import java.time.Duration;

/**
 * One provider's failed try at a call, after its retries, for tracing: which call, which provider
 * and model, how long the provider was tried and why it failed. The router makes these and passes
 * them to {@link RouterListener#onFailure(FailedCall)}; a call that falls back to another provider
 * reports one per provider that failed, then the answer as a {@link CallEvent}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operation what was called
 * @param provider the provider's name, e.g. {@code ollama/llama3.2}
 * @param model the provider's model
 * @param latency how long this provider was tried, its retries included
 * @param error why it failed
 * @param budget the call's ids and meters
 */
public record FailedCall(
    CallEvent.Operation operation,
    String provider,
    String model,
    Duration latency,
    LlmException error,
    BudgetContext budget) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public FailedCall {
    Checks.notNull(operation, "operation");
    Checks.notNull(provider, "provider");
    Checks.notNull(model, "model");
    Checks.notNull(latency, "latency");
    Checks.notNull(error, "error");
    Checks.notNull(budget, "budget");
  }
}
