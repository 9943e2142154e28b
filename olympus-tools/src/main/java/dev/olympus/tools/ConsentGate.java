package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.plan.ToolCall;
import dev.olympus.tools.internal.consent.DefaultConsentGate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a tool call may run. First the input is checked against the tool's input schema
 * and the tool's {@link Tool#precheck} runs, so nobody is asked about a call that would be refused.
 * Then a call needing no scopes passes; otherwise standing grants in the {@link ConsentGrants} are
 * checked, then {@link ConsentDecision.AllowForPlan} answers remembered for the call's plan, and
 * only then the {@link ConsentProvider} is asked. {@code ALLOW_ALWAYS} answers become standing
 * grants; every event goes to the {@link Listener}. A call needing one of the {@link
 * Builder#alwaysAsk} scopes (by default {@code desktop.open}) is asked about every time: no grant
 * covers it and no answer to it is remembered. Thread-safe.
 *
 * <pre>{@code
 * ConsentGate gate = ConsentGate.builder()
 *     .provider(request -> askTheUser(request))
 *     .grants(grants)
 *     .listener(event -> auditLog.append(event))
 *     .build();
 * ConsentEvent granted = gate.authorize(tool, call, context);  // throws on DENY
 * registry.invoke(call, context, granted);                      // runs exactly what was approved
 * }</pre>
 */
public interface ConsentGate {
  /** Returns a new builder: the default provider denies, no standing grants, no listener. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Returns normally if {@code call} of {@code tool} may run, reporting each step to the listener.
   *
   * @return the event that granted the call
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code call} names a different tool than {@code tool}
   * @throws ToolValidationException if the input does not match the tool's input schema
   * @throws ToolException what the tool's {@link Tool#precheck} refuses the call with (a runtime
   *     exception other than a {@link ToolException} becomes a {@link ToolExecutionException})
   * @throws ToolConsentDeniedException if consent is refused (the provider said DENY, returned null
   *     or threw)
   */
  ConsentEvent authorize(Tool tool, ToolCall call, ToolContext context);

  /**
   * Like {@link #authorize}, without waiting for the person: the input checks run at once (and
   * throw as there), and the returned stage completes with the granting event when the decision is
   * made, or exceptionally with {@link ToolConsentDeniedException} (denied, no answer within the
   * gate's timeout, or the provider failed) or {@link ToolCancelledException} (the call's
   * cancellation fired, or the caller cancelled the stage's future, which also cancels the
   * question). The stage may complete on the thread that answered (e.g. a UI thread): continue with
   * an {@code ...Async} method and an executor of your own.
   *
   * @return the decision, when it is made
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code call} names a different tool than {@code tool}
   * @throws ToolValidationException if the input does not match the tool's input schema
   * @throws ToolException what the tool's {@link Tool#precheck} refuses the call with
   */
  CompletableFuture<ConsentEvent> authorizeAsync(Tool tool, ToolCall call, ToolContext context);

  /**
   * Forgets the {@link ConsentDecision.AllowForPlan} answers given for {@code planId}; call it when
   * the plan ends.
   *
   * @throws NullPointerException if {@code planId} is null
   */
  void endPlan(String planId);

  /** Returns the store of standing grants this gate checks and adds to. */
  ConsentGrants grants();

  /**
   * Receives every consent event (asked, granted, denied, answered), e.g. to write it to an audit
   * log. Called synchronously on the thread that asks for consent or that answered; must be
   * thread-safe. If it throws, the exception propagates out of {@link ConsentGate#authorize} (or
   * completes {@link ConsentGate#authorizeAsync}'s stage with it) and the call does not run: an
   * unaudited decision never lets a call through.
   */
  @FunctionalInterface
  interface Listener {
    /**
     * Records {@code event}.
     *
     * @param event what happened
     */
    void onConsent(ConsentEvent event);
  }

  /**
   * Builds a {@link ConsentGate}. Settings may be called again: the last call wins; {@link
   * #alwaysAsk} adds. Not thread-safe; can build more than once.
   */
  final class Builder {
    private ConsentProvider provider = ConsentProvider.denyAll();
    private Optional<Duration> timeout = Optional.empty();
    private ConsentGrants grants = ConsentGrants.empty();
    private Listener listener = event -> {};
    private Clock clock = Clock.systemUTC();
    private final Set<String> alwaysAsk = new LinkedHashSet<>(Set.of("desktop.open"));

    Builder() {}

    /**
     * Adds scopes whose calls are asked about every time, whatever standing or plan grants hold; an
     * {@code ALLOW_ALWAYS} or {@code ALLOW_FOR_PLAN} answer to such a call allows that call only.
     * {@code desktop.open} is always among them.
     *
     * @throws NullPointerException if {@code scopes} or a scope is null
     */
    public Builder alwaysAsk(String... scopes) {
      for (String scope : notNull(scopes, "scopes")) {
        alwaysAsk.add(notNull(scope, "scope"));
      }
      return this;
    }

    /**
     * Sets who is asked (see {@link ConsentProvider#async} for one that answers later); the default
     * denies everything.
     *
     * @throws NullPointerException if {@code provider} is null
     */
    public Builder provider(ConsentProvider provider) {
      this.provider = notNull(provider, "provider");
      return this;
    }

    /**
     * How long a question may stay unanswered before the call is denied ("no answer within ...");
     * by default it waits until the call is cancelled.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder timeout(Duration timeout) {
      argument(
          !notNull(timeout, "timeout").isNegative() && !timeout.isZero(),
          "timeout must be positive but was " + timeout);
      this.timeout = Optional.of(timeout);
      return this;
    }

    /**
     * Sets the standing grants (shared, not copied: revocations apply at once); default empty.
     *
     * @throws NullPointerException if {@code grants} is null
     */
    public Builder grants(ConsentGrants grants) {
      this.grants = notNull(grants, "grants");
      return this;
    }

    /**
     * Sets who receives every consent event.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(Listener listener) {
      this.listener = notNull(listener, "listener");
      return this;
    }

    /**
     * Sets the clock stamping events; default {@link Clock#systemUTC()}.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /** Builds the gate. */
    public ConsentGate build() {
      return new DefaultConsentGate(
          provider, timeout, grants, listener, clock, Set.copyOf(alwaysAsk));
    }
  }
}
