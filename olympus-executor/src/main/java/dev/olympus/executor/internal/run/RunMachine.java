package dev.olympus.executor.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The state machine of one run, without threads or I/O: which steps run next, how an outcome moves
 * a step and the plan, which descendants a failure skips, and how the run settles (DONE, FAILED,
 * CANCELLED or PAUSED) once nothing is in flight. Every transition goes to {@link Effects}, in the
 * order it happened. Not thread-safe: the {@link PlanRunner} calls it under its lock.
 */
final class RunMachine {
  /** The reason recorded on a step the host rejected. */
  static final String REJECTED = "rejected by host";

  private static final StepError INTERRUPTED =
      new StepError.Interrupted("interrupted while running; approve to re-run");
  private static final StepError DEADLINE_PASSED =
      new StepError.Timeout("Timeout: the plan's deadline passed");
  private static final StepError SELF_CANCELLED =
      new StepError.ToolFailed(
          "ToolCancelledException: the call ended as cancelled, but nothing cancelled the plan",
          false);

  /** What the machine's transitions cause outside it. */
  interface Effects {
    /** Records changed step statuses and their events, in order, to be committed. */
    void persist(Map<String, StepStatus> changed, List<PlanEvent> events);

    /** Records an event that changes no state. */
    void note(PlanEvent event);

    /** Starts step {@code step} with the outputs it references. */
    void dispatch(String step, Map<String, JsonNode> outputs, boolean preApproved);

    /** Signals every step in flight to stop. */
    void cancelInFlight();
  }

  private final Plan plan;
  private final RunState run;
  private final Optional<Instant> deadline;
  private final Supplier<Instant> clock;
  private final Effects effects;
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> approved = new HashSet<>();
  private RunMode mode = RunMode.ACTIVE;

  RunMachine(
      PlanSnapshot snapshot, Optional<Instant> deadline, Supplier<Instant> clock, Effects effects) {
    this.plan = snapshot.plan();
    this.run = new RunState(snapshot);
    this.deadline = deadline;
    this.clock = clock;
    this.effects = effects;
  }

  PlanState state() {
    return run.state();
  }

  Instant updatedAt() {
    return run.updatedAt();
  }

  PlanSnapshot snapshot() {
    return run.snapshot();
  }

  StepStatus status(String step) {
    return run.status(step);
  }

  RunMode mode() {
    return mode;
  }

  boolean idle() {
    return inFlight.isEmpty();
  }

  /** True once {@code await()} may return: ended, paused or halted, with nothing in flight. */
  boolean settled() {
    PlanState state = run.state();
    return mode == RunMode.BROKEN
        || state.isTerminal()
        || ((state == PlanState.PAUSED || mode.halted()) && inFlight.isEmpty());
  }

  // ---- starting and recovery ---------------------------------------------------------------

  /** Moves a new, queued or paused plan to RUNNING and starts its ready steps. */
  void start(int parallelism) {
    if (run.state() == PlanState.DRAFT) {
      movePlan(PlanState.QUEUED);
    }
    if (run.state() == PlanState.QUEUED || run.state() == PlanState.PAUSED) {
      movePlan(PlanState.RUNNING);
    }
    pump(parallelism);
  }

  /** Settles steps a crash left RUNNING: re-run if safe to repeat, else block for the host. */
  void recoverInterrupted(Predicate<String> safeToRepeat) {
    for (String step : run.steps()) {
      StepStatus status = run.status(step);
      if (status.state() == StepState.RUNNING) {
        if (safeToRepeat.test(step)) {
          moveStep(
              step,
              status.moveTo(StepState.PENDING, now()),
              "interrupted while running; re-running (tool is safe to repeat)");
        } else {
          moveStep(step, status.moveTo(StepState.BLOCKED, INTERRUPTED, now()));
        }
      }
    }
  }

  // ---- a step's life -------------------------------------------------------------------------

  /**
   * Marks a dispatched step RUNNING; false if the run stopped starting steps meanwhile (the host
   * paused or cancelled it, a required step failed, the deadline passed, or it halted): a step that
   * waited for consent or its checks while that happened must not start after all.
   */
  boolean markRunning(String step) {
    noticeDeadline();
    if (mode != RunMode.ACTIVE) {
      return false;
    }
    moveStep(step, run.status(step).running(now()));
    approved.remove(step);
    return true;
  }

  /**
   * A step marked RUNNING whose tool was never called goes back to PENDING; false if it was not.
   */
  boolean unmark(String step) {
    if (mode == RunMode.BROKEN || run.status(step).state() != StepState.RUNNING) {
      return false;
    }
    moveStep(step, run.status(step).moveTo(StepState.PENDING, now()), "not started: run stopped");
    return true;
  }

  /** Attempt {@code number} (1-based) of {@code step} starts; counted once in its status. */
  void attemptStarted(String step, int number) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("attempt", number);
    effects.note(event("step.attempt", data).withStep(step));
    StepStatus s = run.status(step);
    if (number > s.attempts()) {
      StepStatus counted =
          new StepStatus(s.state(), number, s.output(), s.error(), s.startedAt(), s.finishedAt());
      run.status(step, counted, now());
      effects.persist(Map.of(step, counted), List.of());
    }
  }

  /**
   * A dispatched step ended with {@code outcome}: applies it and starts what it made ready. In a
   * halted run only a finished step is recorded; one that did not finish is left as it is, for
   * recovery.
   */
  void finished(String step, StepOutcome outcome, int parallelism) {
    inFlight.remove(step);
    if (mode == RunMode.BROKEN || (mode.halted() && !(outcome instanceof StepOutcome.Done))) {
      return;
    }
    apply(step, outcome);
    pump(parallelism);
  }

  /** A dispatched step could not even be handed to a thread: it fails with {@code error}. */
  void notLaunched(String step, StepError error, int parallelism) {
    inFlight.remove(step);
    failStep(step, error);
    pump(parallelism);
  }

  /** True if the plan is RUNNING and this process still runs it. */
  boolean goesOn() {
    return !mode.halted() && run.state() == PlanState.RUNNING;
  }

  // ---- host commands -------------------------------------------------------------------------

  /** The run stops in the mode given (SUSPENDED or BROKEN); running steps are signalled. */
  void halt(RunMode halted) {
    mode = mode.and(halted);
    effects.cancelInFlight();
  }

  void cancel(int parallelism) {
    if (run.state().isTerminal()) {
      return;
    }
    mode = mode.and(RunMode.CANCELLING);
    effects.cancelInFlight();
    if (run.state() == PlanState.PAUSED) {
      movePlan(PlanState.RUNNING);
    }
    pump(parallelism);
  }

  void pause(int parallelism) {
    if (run.state() == PlanState.RUNNING) {
      mode = mode.and(RunMode.PAUSING);
      pump(parallelism);
    }
  }

  /**
   * @throws IllegalStateException if the plan has ended
   */
  void resume(int parallelism) {
    Checks.state(!run.state().isTerminal(), "plan " + plan.id() + " is " + run.state());
    if (mode == RunMode.PAUSING) {
      mode = RunMode.ACTIVE;
    }
    if (run.state() == PlanState.PAUSED) {
      movePlan(PlanState.RUNNING);
    }
    pump(parallelism);
  }

  void approve(String stepId, int parallelism) {
    StepStatus status = blocked(stepId, StepState.PENDING);
    moveStep(stepId, status.moveTo(StepState.PENDING, now()), "approved by host");
    approved.add(stepId);
    resumeIfPaused(parallelism);
  }

  void reject(String stepId, String reason, int parallelism) {
    Checks.notNull(reason, "reason");
    if (run.state().isTerminal()) {
      run.status(Checks.notNull(stepId, "stepId")); // still refuses an unknown step
      return; // the plan ended (e.g. an earlier rejection failed it): nothing is left to reject
    }
    StepStatus status = blocked(stepId, StepState.SKIPPED);
    String why = REJECTED + (reason.isBlank() ? "" : ": " + reason);
    moveStep(stepId, status.moveTo(StepState.SKIPPED, new StepError.Rejected(why), now()));
    if (!plan.step(stepId).guard().optional()) {
      skipDescendants(stepId, "ancestor '" + stepId + "' was rejected");
      mode = mode.and(RunMode.FAILING);
    }
    resumeIfPaused(parallelism);
  }

  /** The host settled a BLOCKED step as DONE with {@code output}; {@code settled} says so. */
  void complete(String stepId, JsonNode output, PlanEvent settled, int parallelism) {
    StepStatus status = blocked(stepId, StepState.DONE);
    effects.note(settled);
    moveStep(stepId, status.done(output.deepCopy(), now()));
    resumeIfPaused(parallelism);
  }

  /**
   * Only a BLOCKED step of a live plan can be approved, rejected or completed: approving a step
   * that is running or failed would re-run its side effect without consent.
   *
   * @throws IllegalArgumentException if there is no such step
   * @throws IllegalStateException if the plan has ended
   * @throws IllegalTransitionException if the step is not BLOCKED
   */
  StepStatus blocked(String stepId, StepState target) {
    StepStatus status = run.status(Checks.notNull(stepId, "stepId"));
    Checks.state(!run.state().isTerminal(), "plan " + plan.id() + " is already " + run.state());
    if (status.state() != StepState.BLOCKED) {
      throw new IllegalTransitionException(status.state(), target);
    }
    return status;
  }

  private void resumeIfPaused(int parallelism) {
    if (run.state() == PlanState.PAUSED) {
      if (mode == RunMode.PAUSING) {
        mode = RunMode.ACTIVE;
      }
      movePlan(PlanState.RUNNING);
    }
    pump(parallelism);
  }

  // ---- scheduling ----------------------------------------------------------------------------

  /** Notices a passed deadline, starts ready steps while the run is ACTIVE, and settles if idle. */
  void pump(int parallelism) {
    if (run.state() != PlanState.RUNNING || mode.halted()) {
      return;
    }
    noticeDeadline();
    if (mode == RunMode.ACTIVE) {
      int free = parallelism - inFlight.size();
      if (free > 0) {
        run.ready(free, inFlight).forEach(this::dispatch);
      }
    }
    if (inFlight.isEmpty()) {
      settle();
    }
  }

  // The deadline is the instant the plan's time is up: from then on (not only after it) nothing
  // starts, since a step starting then would be given no time at all.
  private void noticeDeadline() {
    if (mode.compareTo(RunMode.TIMED_OUT) < 0
        && deadline.isPresent()
        && !now().isBefore(deadline.get())) {
      mode = RunMode.TIMED_OUT;
      effects.note(event("plan.deadline", JsonNodeFactory.instance.objectNode()));
      effects.cancelInFlight();
    }
  }

  private void dispatch(String step) {
    inFlight.add(step);
    // The approval is used up once the step runs: one that does not start keeps it.
    effects.dispatch(step, referencedOutputs(step), approved.contains(step));
  }

  private void apply(String step, StepOutcome outcome) {
    StepStatus status = run.status(step);
    if (outcome instanceof StepOutcome.NotStarted) {
      return; // still PENDING: settle() skips it, or it runs when the plan is resumed
    }
    if (outcome instanceof StepOutcome.Done done) {
      moveStep(step, status.done(done.output(), now()));
    } else if (outcome instanceof StepOutcome.Blocked blocked) {
      moveStep(step, status.moveTo(StepState.BLOCKED, blocked.reason(), now()));
    } else if (outcome instanceof StepOutcome.Failed failed) {
      failStep(step, failed.error());
    } else if (mode == RunMode.TIMED_OUT && status.state() == StepState.RUNNING) {
      moveStep(step, status.moveTo(StepState.FAILED, DEADLINE_PASSED, now()));
    } else if (mode != RunMode.TIMED_OUT && !mode.stopsSteps()) {
      failStep(step, SELF_CANCELLED); // nobody cancelled the plan: its tool gave up
    } else if (status.state().canMoveTo(StepState.SKIPPED)) {
      String why =
          status.state() == StepState.RUNNING
              ? "cancelled while running (its tool may have finished)"
              : "cancelled";
      moveStep(step, status.moveTo(StepState.SKIPPED, new StepError.Cancelled(why), now()));
    }
  }

  private void failStep(String step, StepError error) {
    StepStatus status = run.status(step);
    if (status.state() == StepState.PENDING) {
      status = status.running(now());
      moveStep(step, status);
    }
    moveStep(step, status.moveTo(StepState.FAILED, error, now()));
    if (!plan.step(step).guard().optional()) {
      skipDescendants(step, "ancestor '" + step + "' failed");
      mode = mode.and(RunMode.FAILING);
    }
  }

  // Descendants in flight are left to finish: their outcome is recorded as it comes.
  private void skipDescendants(String step, String reason) {
    StepError skipped = new StepError.AncestorFailed(reason);
    for (String d : plan.stepsToSkip(step, run.states())) {
      StepStatus s = run.status(d);
      if (!inFlight.contains(d) && s.state().canMoveTo(StepState.SKIPPED)) {
        moveStep(d, s.moveTo(StepState.SKIPPED, skipped, now()));
      }
    }
  }

  /** Nothing is in flight: finish, pause or cancel the plan. */
  private void settle() {
    if (mode == RunMode.CANCELLING) {
      skipRemaining(new StepError.Cancelled("cancelled"));
      movePlan(PlanState.CANCELLED);
    } else if (mode == RunMode.FAILING || mode == RunMode.TIMED_OUT) {
      skipRemaining(new StepError.NotRun("plan failed"));
      movePlan(PlanState.FAILED);
    } else if (mode == RunMode.PAUSING || run.any(StepState.BLOCKED)) {
      movePlan(PlanState.PAUSED);
    } else if (!run.hasReady()) {
      skipRemaining(new StepError.NotRun("unreachable"));
      movePlan(aRequiredStepFailed() ? PlanState.FAILED : PlanState.DONE);
    }
  }

  private boolean aRequiredStepFailed() {
    return run.any(StepState.FAILED)
        && run.steps().stream()
            .anyMatch(
                s -> run.status(s).state() == StepState.FAILED && !plan.step(s).guard().optional());
  }

  private void skipRemaining(StepError reason) {
    if (!run.any(StepState.PENDING) && !run.any(StepState.BLOCKED)) {
      return;
    }
    for (String step : run.steps()) {
      StepState state = run.status(step).state();
      if (state == StepState.PENDING || state == StepState.BLOCKED) {
        moveStep(step, run.status(step).moveTo(StepState.SKIPPED, reason, now()));
      }
    }
  }

  // ---- transitions ---------------------------------------------------------------------------

  private void moveStep(String step, StepStatus next) {
    moveStep(step, next, "");
  }

  // The event says why the step moved: its error, or else {@code reason} (empty for none).
  private void moveStep(String step, StepStatus next, String reason) {
    StepStatus previous = run.status(step);
    Instant at = now();
    PlanEvent event =
        next.error().isPresent()
            ? PlanEvent.stepState(
                plan.id(), step, previous.state(), next.state(), next.error().get(), at)
            : PlanEvent.stepState(plan.id(), step, previous.state(), next.state(), reason, at);
    run.status(step, next, at);
    effects.persist(Map.of(step, next), List.of(event));
  }

  private void movePlan(PlanState target) {
    PlanState from = run.state();
    from.moveTo(target);
    Instant at = now();
    run.state(target, at);
    effects.persist(Map.of(), List.of(PlanEvent.planState(plan.id(), from, target, at)));
  }

  private Map<String, JsonNode> referencedOutputs(String step) {
    Map<String, JsonNode> outputs = new HashMap<>();
    for (var reference : plan.step(step).references()) {
      run.status(reference.step()).output().ifPresent(o -> outputs.put(reference.step(), o));
    }
    return outputs;
  }

  PlanEvent event(String kind, ObjectNode data) {
    return PlanEvent.of(plan.id(), kind, now()).withData(data);
  }

  private Instant now() {
    return clock.get();
  }
}
