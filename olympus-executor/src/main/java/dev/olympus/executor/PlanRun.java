package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A handle on one plan being run: follow its progress, wait for it, steer it.
 *
 * <pre>{@code
 * PlanRun run = olympus.executor().submit(plan, e -> ui.show(e));
 * PlanResult result = run.await();
 * if (result.state() == PlanState.PAUSED) {      // a step is BLOCKED on consent
 *   run.approve(result.blockedSteps().get(0));
 *   result = run.await();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Listeners are called outside the run's lock, one at a time and in the order the
 * events were persisted, on a thread of the run (a step's worker or the caller of a method of this
 * interface); {@link #await()} returns only after they have seen every event up to its result. A
 * listener may call back into the run, but should not wait for the run to end: with a small step
 * pool it may be holding the thread the remaining steps need. A listener that throws is logged and
 * otherwise ignored.
 */
public interface PlanRun {

  /** The id of the plan being run. */
  String planId();

  /** The plan's current state. */
  PlanState state();

  /**
   * The plan and every step's status as this process knows them now: possibly ahead of the
   * checkpoint by changes not yet committed (see {@link PlanExecutor} for what is on disk when).
   */
  PlanSnapshot snapshot();

  /**
   * Waits until the plan is DONE, FAILED or CANCELLED, or PAUSED awaiting the host, or until the
   * run is suspended because {@link Olympus#close()} was called (the result then shows the plan
   * still RUNNING, to be continued by {@code recoverAll()}).
   *
   * @throws InterruptedException if the waiting thread is interrupted
   * @throws OwnershipLostException if another executor claimed the plan and this run stopped
   * @throws IllegalStateException if the run stopped because its progress could not be written
   */
  PlanResult await() throws InterruptedException;

  /**
   * Waits at most {@code timeout} for the plan to finish or pause; empty if it is still running. A
   * timeout too long to ever run out ({@code ChronoUnit.FOREVER.getDuration()}) waits as {@link
   * #await()} does.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws InterruptedException if the waiting thread is interrupted
   * @throws OwnershipLostException if another executor claimed the plan and this run stopped
   * @throws IllegalStateException if the run stopped because its progress could not be written
   */
  Optional<PlanResult> await(Duration timeout) throws InterruptedException;

  /**
   * Cancels the run: running steps are signalled through their tool context (a step waiting to
   * retry stops waiting and is not tried again), no new step starts, and once the running ones
   * return the plan is CANCELLED with no step RUNNING. Does nothing if the plan already finished.
   *
   * @throws IllegalStateException if the change could not be written, or {@link Olympus#close()}
   *     suspended the run (the next process continues it)
   * @throws OwnershipLostException if another executor has claimed the plan
   */
  void cancel();

  /**
   * Starts no new step; the plan becomes PAUSED once the running steps return. A consent question
   * still open is withdrawn (its stage is cancelled, so a dialog can close): its step stays PENDING
   * and is asked again after {@link #resume()}. (Likewise no step starts, and open questions are
   * withdrawn, once a required step has failed or the deadline has passed.)
   *
   * @throws IllegalStateException if the change could not be written, or {@link Olympus#close()}
   *     suspended the run (the next process continues it)
   * @throws OwnershipLostException if another executor has claimed the plan
   */
  void pause();

  /**
   * Continues a PAUSED plan.
   *
   * @throws IllegalStateException if the plan has finished, the change could not be written, or
   *     {@link Olympus#close()} suspended the run
   * @throws OwnershipLostException if another executor has claimed the plan
   */
  void resume();

  /**
   * Approves a BLOCKED step: it becomes PENDING and runs without asking for consent again (for a
   * step interrupted by a crash, this allows re-running its side effect).
   *
   * @throws NullPointerException if {@code stepId} is null
   * @throws IllegalArgumentException if the plan has no such step
   * @throws IllegalStateException if the plan has ended, the change could not be written, or {@link
   *     Olympus#close()} suspended the run
   * @throws dev.olympus.plan.IllegalTransitionException if the step is not BLOCKED
   * @throws OwnershipLostException if another executor has claimed the plan
   */
  void approve(String stepId);

  /**
   * Rejects a BLOCKED step: it and its descendants are SKIPPED and the plan ends FAILED (unless the
   * step is optional). Rejecting a step of a plan that has already ended (for example because an
   * earlier rejection failed it, which skipped its other BLOCKED steps) does nothing.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the plan has no such step
   * @throws IllegalStateException if the change could not be written, or {@link Olympus#close()}
   *     suspended the run (the next process continues it)
   * @throws dev.olympus.plan.IllegalTransitionException if the plan is live and the step is not
   *     BLOCKED
   * @throws OwnershipLostException if another executor has claimed the plan
   */
  void reject(String stepId, String reason);

  /**
   * Settles a BLOCKED step as done, with {@code output} as its tool's result: the host declares
   * that its effect did happen (typically a side effect interrupted by a crash after it ran but
   * before its outcome was committed, which the host has checked). The step becomes DONE without
   * its tool being called, the audit log records a {@code step.settled} event saying the host
   * settled it, its dependents receive {@code output}, and the plan continues.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the plan has no such step, or {@code output} does not match
   *     the tool's output schema (the message names every problem)
   * @throws IllegalStateException if the plan has ended, the change could not be written, or {@link
   *     Olympus#close()} suspended the run
   * @throws dev.olympus.plan.IllegalTransitionException if the step is not BLOCKED
   * @throws OwnershipLostException if another executor has claimed the plan
   */
  void complete(String stepId, JsonNode output);

  /**
   * Adds a listener for every event of this run committed from now on, typed as {@link RunEvent};
   * to hear a new run from its start, pass the listener to {@link
   * PlanExecutor#submit(dev.olympus.plan.Plan, java.util.function.Consumer)} instead.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  PlanRun onEvent(Consumer<RunEvent> listener);
}
