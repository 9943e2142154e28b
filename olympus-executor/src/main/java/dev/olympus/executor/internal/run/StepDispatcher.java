package dev.olympus.executor.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.StepFailures;
import dev.olympus.executor.internal.StepMdc;
import dev.olympus.plan.Cancellation;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches the steps of one run on the step executor, each with its own cancellation, and reports
 * how each ended. Steps are queued under the run's lock and handed to the executor outside it: a
 * host executor may run them on the calling thread. Thread-safe.
 */
final class StepDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(StepDispatcher.class);

  /** Where the dispatcher reports. */
  interface Run {
    /** Step {@code step} ended with {@code outcome}; called once per launched step. */
    void stepEnded(String step, StepOutcome outcome);

    /** The executor refused step {@code step}; it never started. */
    void notLaunched(String step, RejectedExecutionException refused);
  }

  private final String planId;
  private final Executor executor;
  private final StepAttempt attempt;
  private final Run run;
  private final Map<String, Cancellation> cancellations = new ConcurrentHashMap<>();
  private final Queue<Launch> toLaunch = new ConcurrentLinkedQueue<>();
  private final ReentrantLock launching = new ReentrantLock();

  StepDispatcher(String planId, Executor executor, StepAttempt attempt, Run run) {
    this.planId = planId;
    this.executor = executor;
    this.attempt = attempt;
    this.run = run;
  }

  private record Launch(String step, Runnable work) {}

  /** Queues step {@code step} for {@link #launch()}. */
  void enqueue(String step, Map<String, JsonNode> outputs, boolean preApproved) {
    Cancellation cancellation = new Cancellation();
    cancellations.put(step, cancellation);
    toLaunch.add(new Launch(step, () -> runStep(step, outputs, preApproved, cancellation)));
  }

  /** Signals every step in flight to stop, even when a tool's cancel callback throws. */
  void cancelAll() {
    for (Cancellation cancellation : cancellations.values()) {
      try {
        cancellation.cancel();
      } catch (RuntimeException e) {
        LOG.warn("a cancel callback of a step failed; the other steps are cancelled anyway", e);
      }
    }
  }

  // A step's own launch() call (made on the thread the host executor ran it on) returns at once and
  // the loop below goes on, so the stack does not grow with the plan.
  /** Hands the queued steps to the executor. */
  void launch() {
    while (!toLaunch.isEmpty() && launching.tryLock()) {
      try {
        if (launching.getHoldCount() > 1) {
          return;
        }
        for (Launch next = toLaunch.poll(); next != null; next = toLaunch.poll()) {
          execute(next);
        }
      } finally {
        launching.unlock();
      }
    }
  }

  private void execute(Launch launch) {
    try {
      executor.execute(launch.work());
    } catch (RejectedExecutionException e) {
      cancellations.remove(launch.step());
      run.notLaunched(launch.step(), e);
    }
  }

  private void runStep(
      String step, Map<String, JsonNode> outputs, boolean preApproved, Cancellation cancellation) {
    StepMdc mdc = StepMdc.open(planId, step, attempt.toolsConfig());
    try {
      runStepInScope(step, outputs, preApproved, cancellation);
    } finally {
      mdc.close();
    }
  }

  private void runStepInScope(
      String step, Map<String, JsonNode> outputs, boolean preApproved, Cancellation cancellation) {
    CompletableFuture<StepOutcome> outcome;
    try {
      outcome = attempt.start(step, outputs, preApproved, cancellation);
    } catch (RuntimeException | Error e) {
      outcome = CompletableFuture.completedFuture(crashed(step, e));
    }
    // Here or, after a consent given later, on the thread that continued the step.
    outcome.whenComplete(
        (done, error) -> {
          cancellations.remove(step);
          run.stepEnded(step, done != null ? done : crashed(step, error));
        });
  }

  private StepOutcome crashed(String step, Throwable e) {
    LOG.error("step {} of plan {} crashed", step, planId, e);
    return new StepOutcome.Failed(StepFailures.of(e));
  }
}
