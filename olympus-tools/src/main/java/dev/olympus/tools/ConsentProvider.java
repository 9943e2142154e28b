package dev.olympus.tools;

/**
 * Asks the user (or a policy) whether a tool call may run; the host's consent UI implements it,
 * usually as a lambda:
 *
 * <pre>{@code
 * ConsentProvider consent = request ->
 *     ui.confirm(request.summary()) ? ConsentDecision.allowOnce() : ConsentDecision.deny("user said no");
 * }</pre>
 *
 * <p>Called by the {@link ConsentGate} only when no standing or plan grant covers the call, from
 * the thread running the step; it may block while the user decides. Must be thread-safe if plans
 * run steps in parallel. If it throws or returns null, the call is denied.
 */
@FunctionalInterface
public interface ConsentProvider {
  /**
   * Decides on {@code request}.
   *
   * @param request what the call will do, with its exact input
   * @return the decision, never null
   */
  ConsentDecision decide(ConsentRequest request);

  /** Returns the default provider, which denies every request. */
  static ConsentProvider denyAll() {
    return request -> ConsentDecision.deny("no consent provider is configured");
  }
}
