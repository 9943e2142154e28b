package dev.olympus.executor.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.olympus.executor.StepFailures;
import dev.olympus.executor.internal.Durations;
import dev.olympus.executor.internal.Failures;
import dev.olympus.executor.internal.StepMdc;
import dev.olympus.executor.internal.wiring.ExecutorServices;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Guard;
import dev.olympus.plan.Plan;
import dev.olympus.plan.Step;
import dev.olympus.plan.StepError;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.ConsentGate;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs one step, in order: resolve its inputs, validate them against the tool's schema, ask for
 * consent, check the budget, mark it RUNNING, then invoke the tool inside Failsafe (retries for
 * retryable errors only, the tool's circuit breaker).
 */
final class StepAttempt {
  /** The callbacks into the run that owns the step. */
  interface Run {
    /**
     * Marks the step RUNNING; false if the run stopped starting steps meanwhile (paused, failing,
     * timed out, cancelled or halted), so its tool must not be called. The mark is on disk before
     * this returns unless {@code safeToRepeat}: a crash before it commits leaves such a step
     * PENDING, and recovery re-runs it either way.
     */
    boolean markRunning(String step, boolean safeToRepeat);

    /** Records the start of attempt {@code number} (1-based), durably unless safe to repeat. */
    void attemptStarted(String step, int number, boolean safeToRepeat);

    /**
     * Step {@code step} waits for a consent answer that comes later, holding no thread. The run
     * withdraws {@code question} by cancelling it once it starts no more steps (paused, failing):
     * the step then ends without starting, PENDING.
     */
    void waitingForConsent(String step, Future<?> question);

    /** When the whole plan must be finished, if it has a deadline. */
    Optional<Instant> deadline();
  }

  private final ExecutorServices services;
  private final Plan plan;
  private final Run run;
  // Steps of a plan mostly share a guard: one policy per guard and effect, for this run only.
  private final Map<PolicyKey, RetryPolicy<JsonNode>> policies = new ConcurrentHashMap<>();

  StepAttempt(ExecutorServices services, Plan plan, Run run) {
    this.services = services;
    this.plan = plan;
    this.run = run;
  }

  /**
   * Starts step {@code name}: its input checks and the consent question run now; what follows a
   * consent that a person gives later runs on the step executor then, so a step waiting for an
   * answer holds no thread. Never completes exceptionally.
   */
  CompletableFuture<StepOutcome> start(
      String name, Map<String, JsonNode> outputs, boolean approved, Cancellation cancellation) {
    Step step = plan.step(name);
    try {
      Tool tool = services.tools().get(step.capability().name());
      ToolCall call = ToolCall.of(tool.id(), plan.resolveInputs(name, outputs));
      ToolContext context = context(step, cancellation);
      if (approved) {
        services.tools().validate(call);
        return CompletableFuture.completedFuture(afterConsent(step, tool, call, context, null));
      }
      // The gate checks the input against the schema and the tool's pre-check before anyone is
      // asked, so the host is never asked to consent to a malformed or refused call.
      CompletableFuture<ConsentEvent> consent = gate(step).authorizeAsync(tool, call, context);
      if (consent.isDone() && !consent.isCompletedExceptionally()) {
        return CompletableFuture.completedFuture(
            afterConsent(step, tool, call, context, consent.join()));
      }
      if (!consent.isDone()) {
        run.waitingForConsent(name, consent);
      }
      return consent.handleAsync(
          (grant, error) -> {
            StepMdc mdc = StepMdc.open(plan.id(), name, toolsConfig());
            try {
              if (error == null) {
                return afterConsent(step, tool, call, context, grant);
              }
              return withdrawn(error, cancellation)
                  ? new StepOutcome.NotStarted()
                  : outcome(step, cancellation, error);
            } finally {
              mdc.close();
            }
          },
          services.executor());
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(outcome(step, cancellation, e));
    }
  }

  // The run withdrew the question (it pauses or fails); a cancelled step is told apart by its
  // signal.
  private static boolean withdrawn(Throwable error, Cancellation cancellation) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return e instanceof CancellationException && !cancellation.isCancelled();
  }

  /** The configuration hash of the tools, for the MDC of the step's log lines. */
  String toolsConfig() {
    return services.tools().configHash();
  }

  // With the grant, the registry runs the tool only with exactly the input that was approved.
  private StepOutcome afterConsent(
      Step step, Tool tool, ToolCall call, ToolContext context, ConsentEvent grant) {
    try {
      Optional<String> exhausted = services.budgets().exhausted(plan.id(), step.name());
      if (exhausted.isPresent()) {
        return new StepOutcome.Failed(
            new StepError.BudgetExceeded("BudgetExceeded: " + exhausted.get()));
      }
      if (!run.markRunning(step.name(), tool.spec().sideEffect().safeToRepeat())) {
        return new StepOutcome.NotStarted();
      }
      if (grant != null && grant.answer().isPresent()) {
        return answered(step, tool, grant.answer().get());
      }
      // What runs is what the person approved: the resolved input, or their edit of it.
      ToolCall approved = grant == null ? call : ToolCall.of(tool.id(), grant.request().input());
      return new StepOutcome.Done(invoke(step, approved, context, grant));
    } catch (RuntimeException e) {
      return outcome(step, context.cancellation(), e);
    }
  }

  // The person answered in the tool's place: the step is done with that, as the tool's would be.
  private StepOutcome answered(Step step, Tool tool, JsonNode answer) {
    try {
      OutputCheck.check(step.name(), tool.id(), tool.spec().outputSchema(), answer);
    } catch (IllegalArgumentException e) {
      return failed(
          step, e, new StepError.Validation(StepError.Schema.OUTPUT, Failures.describe(e)));
    }
    return new StepOutcome.Done(answer);
  }

  private StepOutcome outcome(Step step, Cancellation cancellation, Throwable thrown) {
    Throwable e =
        thrown instanceof CompletionException && thrown.getCause() != null
            ? thrown.getCause()
            : thrown;
    if (e instanceof ToolConsentDeniedException denied) {
      return new StepOutcome.Blocked(
          new StepError.ConsentDenied("consent denied: " + denied.reason()));
    }
    if (e instanceof ToolCancelledException || cancellation.isCancelled()) {
      return new StepOutcome.Cancelled();
    }
    if (e instanceof CircuitBreakerOpenException) {
      return new StepOutcome.Failed(
          new StepError.ToolFailed(
              "circuit breaker of tool '" + step.capability().name() + "' is open", true));
    }
    Throwable error = e instanceof RuntimeException r ? unwrap(r) : e;
    return failed(step, error, StepFailures.of(error));
  }

  private StepOutcome failed(Step step, Throwable error, StepError typed) {
    services.hardFailures().stepFailed(plan, step, error);
    return new StepOutcome.Failed(typed);
  }

  // The retries wrap the wait and the breaker, which sees the attempts only: a retry after a wait
  // meets the breaker as it is then, and no wait holds one of its half-open trial calls.
  private JsonNode invoke(Step step, ToolCall call, ToolContext context, ConsentEvent grant) {
    SideEffect effect = services.tools().get(call.toolId()).spec().sideEffect();
    RetryPolicy<JsonNode> retries =
        policies.computeIfAbsent(
            PolicyKey.of(step.guard(), effect), key -> Failures.retryPolicy(step.guard(), effect));
    FailsafeExecutor<JsonNode> breaker = Failsafe.with(services.breaker(step.capability().name()));
    return Failsafe.with(retries)
        .get(
            attempt -> {
              int number = attempt.getAttemptCount() + 1;
              if (number > 1) {
                waitToRetry(step, number - 1, attempt.getLastException(), context);
              }
              return breaker.get(
                  () -> {
                    run.attemptStarted(step.name(), number, effect.safeToRepeat());
                    return services
                        .tools()
                        .hooks()
                        .attempt(
                            plan.id(), step.name(), number, () -> call(step, call, context, grant));
                  });
            });
  }

  // The wait before retry number {@code retry} ends early when the step is cancelled (by the host,
  // the plan's deadline, close() or a lost lease), and then no further attempt starts.
  private static void waitToRetry(Step step, int retry, Throwable error, ToolContext context) {
    Duration wait =
        Failures.retryDelay(retry, error, step.guard(), ThreadLocalRandom.current().nextDouble());
    CountDownLatch cancelled = new CountDownLatch(1);
    Cancellation.Subscription stop = context.cancellation().onCancel(cancelled::countDown);
    try {
      cancelled.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(step.capability().name());
    } finally {
      stop.close();
    }
    context.throwIfCancelled(step.capability().name());
  }

  private JsonNode call(Step step, ToolCall call, ToolContext context, ConsentEvent grant) {
    context.throwIfCancelled(call.toolId());
    ToolContext limited = context.withDeadline(deadline(step));
    return grant == null
        ? services.tools().invoke(call, limited)
        : services.tools().invoke(call, limited, grant);
  }

  // What a retry policy is made of (its waits are the attempt's, see waitToRetry).
  private record PolicyKey(int retries, SideEffect effect) {
    static PolicyKey of(Guard guard, SideEffect effect) {
      return new PolicyKey(guard.retries(), effect);
    }
  }

  private ConsentGate gate(Step step) {
    return step.guard().consentRequired() ? services.strictConsent() : services.consent();
  }

  private ToolContext context(Step step, Cancellation cancellation) {
    return new ToolContext(
        plan.id(),
        step.name(),
        IdempotencyKeys.of(plan.id(), step.name()),
        deadline(step),
        services.clock(),
        cancellation);
  }

  // Each attempt gets the guard's deadline (or the default step time), capped by the plan's, on
  // Olympus's clock, which the context carries so that a host registry on another reads it alike.
  private Instant deadline(Step step) {
    Instant now = services.clock().instant();
    Instant attempt = Durations.after(now, step.guard().deadline().orElse(services.maxStepTime()));
    return run.deadline().filter(d -> d.isBefore(attempt)).orElse(attempt);
  }

  private static Throwable unwrap(RuntimeException e) {
    return e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
  }
}
