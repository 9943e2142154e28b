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
 * host executor may run them on the calling thread. A thread whose step has ended runs one of the
 * steps queued by then itself, rather than hand it to another thread and go idle. Thread-safe.
 */
final class StepDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(StepDispatcher.class);

  /** Where the dispatcher reports. */
  interface Run {
    /**
     * Step {@code step} ended with {@code outcome}; called once per launched step, outside every
     * lock. Returns the queued step this thread runs next (taken with {@link #next()}), or null.
     */
    Launch stepEnded(String step, StepOutcome outcome);

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

  /** A step queued to run, with the outputs it references. */
  record Launch(
      String step, Map<String, JsonNode> outputs, boolean preApproved, Cancellation cancellation) {}

  /** Queues step {@code step} for {@link #launch()}. */
  void enqueue(String step, Map<String, JsonNode> outputs, boolean preApproved) {
    Cancellation cancellation = new Cancellation();
    cancellations.put(step, cancellation);
    toLaunch.add(new Launch(step, outputs, preApproved, cancellation));
  }

  /** Takes a queued step for the calling thread to run, or null if none is queued. */
  Launch next() {
    return toLaunch.poll();
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
      executor.execute(() -> runFrom(launch));
    } catch (RejectedExecutionException e) {
      cancellations.remove(launch.step());
      run.notLaunched(launch.step(), e);
    }
  }

  // Runs steps one after another on this thread for as long as each ending hands it the next one.
  // An interrupted thread hands it to the executor, which clears the flag or knows why it was set.
  private void runFrom(Launch first) {
    for (Launch launch = first; launch != null; ) {
      Launch next = runOne(launch);
      if (next != null && Thread.currentThread().isInterrupted()) {
        execute(next);
        return;
      }
      launch = next;
    }
  }

  // Returns the step to run next here, or null if this one ends later (after a consent given later,
  // on the thread that continues it, which then goes on from there).
  private Launch runOne(Launch launch) {
    StepMdc mdc = StepMdc.open(planId, launch.step(), attempt.toolsConfig());
    try {
      return runOneInScope(launch);
    } finally {
      mdc.close();
    }
  }

  private Launch runOneInScope(Launch launch) {
    CompletableFuture<StepOutcome> outcome;
    try {
      outcome =
          attempt.start(
              launch.step(), launch.outputs(), launch.preApproved(), launch.cancellation());
    } catch (RuntimeException | Error e) {
      outcome = CompletableFuture.completedFuture(crashed(launch.step(), e));
    }
    if (outcome.isDone()) {
      return outcome.handle((done, error) -> ended(launch.step(), done, error)).join();
    }
    outcome.whenComplete((done, error) -> runFrom(ended(launch.step(), done, error)));
    return null;
  }

  private Launch ended(String step, StepOutcome done, Throwable error) {
    cancellations.remove(step);
    return run.stepEnded(step, done != null ? done : crashed(step, error));
  }

  private StepOutcome crashed(String step, Throwable e) {
    LOG.error("step {} of plan {} crashed", step, planId, e);
    return new StepOutcome.Failed(StepFailures.of(e));
  }
}
