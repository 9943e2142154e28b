package dev.olympus.llm;

/**
 * Receives what the router does, for metrics and tracing: answered calls (latency, tokens, cost,
 * cache hits), failures, skipped providers and circuit-breaker changes. Bridge it to Micrometer or
 * OpenTelemetry; every method does nothing by default.
 *
 * <pre>{@code
 * RouterListener metrics = new RouterListener() {
 *   public void onCall(CallEvent e) {
 *     registry.timer("llm.call", "provider", e.provider()).record(e.latency());
 *   }
 * };
 * }</pre>
 *
 * <p>Called synchronously on the calling thread (breaker changes on the thread that caused them);
 * keep it fast. An exception thrown by a listener is logged and otherwise ignored: it never fails a
 * call. Implementations must be thread-safe.
 */
public interface RouterListener {
  /** A listener that ignores everything. */
  RouterListener NONE = new RouterListener() {};

  /**
   * A call was answered, by a provider or from the cache.
   *
   * @param event what happened
   */
  default void onCall(CallEvent event) {}

  /**
   * A provider failed after its retries. Only called by the default {@link #onFailure(FailedCall)}:
   * override that one for the call's operation, model, latency and ids.
   *
   * @param provider the provider's name
   * @param error the failure
   */
  default void onFailure(String provider, LlmException error) {}

  /**
   * A provider failed after its retries; the router may go on to the next provider. By default
   * calls {@link #onFailure(String, LlmException)} with the failure's provider and error.
   *
   * @param failure the call, the provider and model tried, for how long, and why it failed
   */
  default void onFailure(FailedCall failure) {
    onFailure(failure.provider(), failure.error());
  }

  /**
   * A provider was passed over or failed, and the router moved on.
   *
   * @param skip the provider and why
   */
  default void onSkip(ProviderSkip skip) {}

  /**
   * A provider's circuit breaker changed state.
   *
   * @param provider the provider's name
   * @param state the new state
   */
  default void onBreakerStateChange(String provider, BreakerState state) {}
}
