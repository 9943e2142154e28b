package dev.olympus.executor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.OwnershipLostException;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.Lease;
import dev.olympus.memory.MemoryException;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plan: schedules runnable steps onto the shared executor (at most {@code parallelism} at
 * a time), applies their outcomes, and checkpoints every transition. All state is guarded by {@code
 * this}; steps run without holding it.
 *
 * <p>What must be on disk before what: a side-effecting step's RUNNING (with every change before
 * it) before its tool is called, and its outcome before any step after it starts; every change
 * before a plan pauses or ends, before {@code await()} returns and before a listener hears of it.
 * All else is committed behind, by the journal thread: a crash that loses it leaves steps that are
 * safe to repeat as last committed, and recovery runs them again.
 */
public final class PlanRunner implements PlanRun, StepAttempt.Run {
  /** The reason recorded on a step the host rejected. */
  static final String REJECTED = "rejected by host";

  private static final Logger LOG = LoggerFactory.getLogger(PlanRunner.class);

  private final ExecutorServices services;
  private final Plan plan;
  private final StepAttempt attempt;
  private final Optional<Instant> deadline;
  private final Runnable onFinish;
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, Cancellation> cancellations = new HashMap<>();
  private final Set<String> approved = new HashSet<>();
  private final RunState run;
  private final RunCommits commits;
  private final Lease lease;
  private final Queue<Launch> toLaunch = new ConcurrentLinkedQueue<>();
  private final ReentrantLock launching = new ReentrantLock();
  private final Object finishing = new Object();
  private boolean finished; // guarded by finishing
  private ScheduledFuture<?> deadlineTimer;
  private boolean deadlineFired;
  private boolean pauseRequested;
  private boolean cancelRequested;
  private boolean failing;
  private boolean suspended;
  private RuntimeException broken;

  PlanRunner(
      ExecutorServices services,
      PlanSnapshot snapshot,
      Lease lease,
      Instant startedAt,
      Runnable onFinish) {
    this.services = services;
    this.plan = snapshot.plan();
    this.run = new RunState(snapshot);
    this.lease = lease;
    this.commits =
        new RunCommits(plan.id(), lease, run.state(), run.updatedAt(), services, this::stopped);
    this.attempt = new StepAttempt(services, plan, this);
    this.deadline = plan.deadline().map(startedAt::plus);
    this.onFinish = onFinish;
  }

  // ---- starting ----------------------------------------------------------------------------

  /**
   * Moves a new or interrupted plan to RUNNING and commits it; {@link #proceed()} then starts its
   * runnable steps. Split so that the executor can call this under its own lock and the rest, which
   * may call the host's executor and listeners, outside it.
   */
  void begin() {
    startLocked();
    commits.commit(false);
    deadline.ifPresent(this::armDeadline);
  }

  /**
   * Starts the steps made runnable, tells the listeners, and ends the run once its end is on disk.
   */
  void proceed() {
    launch();
    commits.deliver();
    finishIfEnded();
  }

  // After a change made under the lock by a host call: commit it before returning, so a host that
  // saw cancel() return knows the plan will not come back RUNNING after a crash.
  private void afterHostChange() {
    commits.commitAndDeliver();
    launch();
    finishIfEnded();
    checkHealthy();
  }

  private synchronized void startLocked() {
    if (run.state() == PlanState.DRAFT) {
      movePlan(PlanState.QUEUED);
    }
    if (run.state() == PlanState.QUEUED || run.state() == PlanState.PAUSED) {
      movePlan(PlanState.RUNNING);
    }
    pump();
  }

  /** Settles steps a crash left RUNNING: re-run if safe to repeat, else block for the host. */
  synchronized void recoverInterruptedSteps() {
    for (String step : run.steps()) {
      StepStatus status = run.status(step);
      if (status.state() == StepState.RUNNING) {
        boolean safe = safeToRepeat(plan.step(step).capability().name());
        moveStep(
            step,
            status.moveTo(
                safe ? StepState.PENDING : StepState.BLOCKED,
                safe
                    ? "interrupted while running; re-running (tool is safe to repeat)"
                    : "interrupted while running; approve to re-run",
                now()));
      }
    }
  }

  private boolean safeToRepeat(String toolId) {
    try {
      return services.tools().get(toolId).spec().sideEffect().safeToRepeat();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The lease this run writes under; null for a finished plan's run, which writes nothing. */
  Lease lease() {
    return lease;
  }

  // ---- PlanRun -----------------------------------------------------------------------------

  @Override
  public String planId() {
    return plan.id();
  }

  @Override
  public synchronized PlanState state() {
    return run.state();
  }

  @Override
  public synchronized PlanSnapshot snapshot() {
    return run.snapshot();
  }

  @Override
  public PlanResult await() throws InterruptedException {
    var result = awaitLocked();
    afterSettling();
    return result;
  }

  // await() returns once the result is on disk and every listener has heard it.
  private void afterSettling() {
    commits.commitAll();
    commits.deliverAll();
    finishIfEnded();
    checkHealthy();
  }

  private synchronized PlanResult awaitLocked() throws InterruptedException {
    while (!settled()) {
      wait();
    }
    return new PlanResult(run.snapshot());
  }

  @Override
  public Optional<PlanResult> await(Duration timeout) throws InterruptedException {
    var result = awaitLocked(timeout);
    afterSettling();
    return result;
  }

  private synchronized Optional<PlanResult> awaitLocked(Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + Checks.notNull(timeout, "timeout").toNanos();
    while (!settled()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000), 0);
    }
    return Optional.of(new PlanResult(run.snapshot()));
  }

  private boolean settled() {
    if (broken != null) {
      return true;
    }
    PlanState state = run.state();
    return state.isTerminal() || ((state == PlanState.PAUSED || suspended) && inFlight.isEmpty());
  }

  /**
   * Stops this run in this process without ending the plan (Olympus is closing): no new step
   * starts, running steps are signalled, and the checkpoint keeps the plan resumable. Waits at most
   * {@code grace} for running steps to return.
   */
  void suspend(Duration grace) throws InterruptedException {
    suspendLocked(grace);
    commits.commitAll();
    commits.deliver();
  }

  private synchronized void suspendLocked(Duration grace) throws InterruptedException {
    if (run.state().isTerminal()) {
      return;
    }
    suspended = true;
    cancellations.values().forEach(Cancellation::cancel);
    long end = System.nanoTime() + grace.toNanos();
    while (!inFlight.isEmpty() && System.nanoTime() < end) {
      wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
    }
  }

  @Override
  public void cancel() {
    cancelLocked();
    afterHostChange();
  }

  private synchronized void cancelLocked() {
    if (run.state().isTerminal()) {
      return;
    }
    cancelRequested = true;
    cancellations.values().forEach(Cancellation::cancel);
    if (run.state() == PlanState.PAUSED) {
      movePlan(PlanState.RUNNING);
    }
    pump();
  }

  @Override
  public void pause() {
    pauseLocked();
    afterHostChange();
  }

  private synchronized void pauseLocked() {
    if (run.state() == PlanState.RUNNING) {
      pauseRequested = true;
      pump();
    }
  }

  @Override
  public void resume() {
    resumeLocked();
    afterHostChange();
  }

  private synchronized void resumeLocked() {
    Checks.state(!run.state().isTerminal(), "plan " + planId() + " is " + run.state());
    pauseRequested = false;
    if (run.state() == PlanState.PAUSED) {
      movePlan(PlanState.RUNNING);
    }
    pump();
  }

  @Override
  public void approve(String stepId) {
    approveLocked(stepId);
    afterHostChange();
  }

  private synchronized void approveLocked(String stepId) {
    checkHealthy();
    StepStatus status = blocked(stepId, StepState.PENDING);
    moveStep(stepId, status.moveTo(StepState.PENDING, "approved by host", now()));
    approved.add(stepId);
    resumeIfPaused();
  }

  @Override
  public void reject(String stepId, String reason) {
    rejectLocked(stepId, reason);
    afterHostChange();
  }

  private synchronized void rejectLocked(String stepId, String reason) {
    checkHealthy();
    Checks.notNull(reason, "reason");
    if (run.state().isTerminal()) {
      run.status(Checks.notNull(stepId, "stepId")); // still refuses an unknown step
      return; // the plan ended (e.g. an earlier rejection failed it): nothing is left to reject
    }
    StepStatus status = blocked(stepId, StepState.SKIPPED);
    String why = REJECTED + (Checks.notNull(reason, "reason").isBlank() ? "" : ": " + reason);
    moveStep(stepId, status.moveTo(StepState.SKIPPED, why, now()));
    if (!plan.step(stepId).guard().optional()) {
      skipDescendants(stepId, "ancestor '" + stepId + "' was rejected");
      failing = true;
    }
    resumeIfPaused();
  }

  @Override
  public void complete(String stepId, JsonNode output) {
    completeLocked(stepId, output);
    afterHostChange();
  }

  // The host says the effect happened: the step is DONE with the output it gives, and the audit
  // log says who settled it.
  private synchronized void completeLocked(String stepId, JsonNode output) {
    checkHealthy();
    Checks.notNull(output, "output");
    StepStatus status = blocked(stepId, StepState.DONE);
    String toolId = plan.step(stepId).capability().name();
    OutputCheck.check(stepId, toolId, services.tools().get(toolId).spec().outputSchema(), output);
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("by", "host").put("tool", toolId);
    commits.note(event("step.settled", data).withStep(stepId));
    moveStep(stepId, status.done(output.deepCopy(), now()));
    resumeIfPaused();
  }

  // Only a BLOCKED step of a live plan can be approved or rejected: approving a step that is
  // running or failed would re-run its side effect without consent.
  private StepStatus blocked(String stepId, StepState target) {
    StepStatus status = run.status(Checks.notNull(stepId, "stepId"));
    Checks.state(!run.state().isTerminal(), "plan " + planId() + " is already " + run.state());
    if (status.state() != StepState.BLOCKED) {
      throw new IllegalTransitionException(status.state(), target);
    }
    return status;
  }

  private void resumeIfPaused() {
    if (run.state() == PlanState.PAUSED) {
      pauseRequested = false;
      movePlan(PlanState.RUNNING);
    }
    pump();
  }

  @Override
  public PlanRun onEvent(Consumer<PlanEvent> listener) {
    commits.listen(Checks.notNull(listener, "listener"));
    return this;
  }

  // ---- StepAttempt.Run ----------------------------------------------------------------------

  @Override
  public boolean markRunning(String step, boolean safeToRepeat) {
    if (!markRunningLocked(step)) {
      return false;
    }
    commits.commit(safeToRepeat);
    if (isHealthy()) {
      return true;
    }
    unmark(step);
    return false;
  }

  // Marked, but the run stopped before the tool was called: say so, or recovery would ask the host
  // to approve repeating an effect that never happened.
  private void unmark(String step) {
    synchronized (this) {
      if (broken != null || run.status(step).state() != StepState.RUNNING) {
        return;
      }
      moveStep(step, run.status(step).moveTo(StepState.PENDING, "not started: run stopped", now()));
    }
    commits.commit(false);
  }

  private synchronized boolean markRunningLocked(String step) {
    if (cancelRequested || suspended) {
      return false;
    }
    moveStep(step, run.status(step).running(now()));
    return true;
  }

  private synchronized boolean isHealthy() {
    return broken == null && !suspended;
  }

  @Override
  public void attemptStarted(String step, int number, boolean safeToRepeat) {
    attemptStartedLocked(step, number);
    if (number > 1) {
      commits.commit(safeToRepeat);
    }
  }

  private synchronized void attemptStartedLocked(String step, int number) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("attempt", number);
    commits.note(event("step.attempt", data).withStep(step));
    StepStatus s = run.status(step);
    if (number > s.attempts()) {
      StepStatus counted =
          new StepStatus(s.state(), number, s.output(), s.error(), s.startedAt(), s.finishedAt());
      run.status(step, counted, now());
      persist(Map.of(step, counted), List.of());
    }
  }

  @Override
  public Optional<Instant> deadline() {
    return deadline;
  }

  /**
   * Records an event that changes no state (a consent decision, a budget charge). It is written
   * with the run's next transition, in the same transaction, so it costs no commit of its own; a
   * budget charge is written at once, because money spent must survive a crash.
   */
  public void record(PlanEvent event) {
    commits.note(event);
    if (event.kind().equals(DefaultPlanExecutor.BUDGET_CHARGE)) {
      commits.commitAll();
    }
  }

  // ---- scheduling ---------------------------------------------------------------------------

  private void pump() {
    if (run.state() != PlanState.RUNNING || suspended) {
      notifyAll();
      return;
    }
    if (!cancelRequested
        && !deadlineFired
        && deadline.isPresent()
        && now().isAfter(deadline.get())) {
      deadlineFired = true;
      failing = true;
      record(event("plan.deadline", JsonNodeFactory.instance.objectNode()));
      cancellations.values().forEach(Cancellation::cancel);
    }
    if (!cancelRequested && !pauseRequested && !failing) {
      dispatchRunnable();
    }
    if (inFlight.isEmpty()) {
      settle();
    }
    notifyAll();
  }

  private void dispatchRunnable() {
    int free = services.parallelism() - inFlight.size();
    if (free > 0) {
      run.ready(free, inFlight).forEach(this::dispatch);
    }
  }

  private void dispatch(String step) {
    inFlight.add(step);
    Cancellation cancellation = new Cancellation();
    cancellations.put(step, cancellation);
    boolean preApproved = approved.remove(step);
    Map<String, JsonNode> outputs = referencedOutputs(step);
    toLaunch.add(new Launch(step, () -> runStep(step, outputs, preApproved, cancellation)));
  }

  private record Launch(String step, Runnable work) {}

  // Steps are handed to the executor outside the run's lock: a host executor may run them on the
  // calling thread. Such a step's own launch() call returns at once, and this loop goes on, so the
  // stack does not grow with the plan.
  private void launch() {
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
      services.executor().execute(launch.work());
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        inFlight.remove(launch.step());
        cancellations.remove(launch.step());
        failStep(launch.step(), "executor rejected the step: " + e.getMessage());
        pump();
      }
      commits.commit(false);
    }
  }

  private void runStep(
      String step, Map<String, JsonNode> outputs, boolean preApproved, Cancellation cancellation) {
    CompletableFuture<StepOutcome> outcome;
    try {
      outcome = attempt.start(step, outputs, preApproved, cancellation);
    } catch (RuntimeException | Error e) {
      outcome = CompletableFuture.completedFuture(crashed(step, e));
    }
    // Here or, after a consent given later, on the thread that continued the step.
    outcome.whenComplete(
        (done, error) -> stepEnded(step, done != null ? done : crashed(step, error)));
  }

  private StepOutcome crashed(String step, Throwable e) {
    LOG.error("step {} of plan {} crashed", step, planId(), e);
    return new StepOutcome.Failed(Failures.describe(e));
  }

  private void stepEnded(String step, StepOutcome outcome) {
    boolean planGoesOn = finish(step, outcome);
    // A side effect's outcome is on disk before any step after it starts: lost, it would leave the
    // step RUNNING, and recovery would ask the host to repeat an effect that is done.
    commits.commit(planGoesOn && safeToRepeat(plan.step(step).capability().name()));
    proceed();
  }

  /** Applies the outcome; true if the plan is still running afterwards. */
  private synchronized boolean finish(String step, StepOutcome outcome) {
    inFlight.remove(step);
    cancellations.remove(step);
    try {
      if (suspended && !(outcome instanceof StepOutcome.Done)) {
        return false; // interrupted by shutdown: the checkpoint keeps the step for recovery
      }
      if (broken == null) {
        apply(step, outcome);
        pump();
      }
    } catch (RuntimeException e) {
      abort(e);
    } finally {
      notifyAll();
    }
    return broken == null && !suspended && run.state() == PlanState.RUNNING;
  }

  // The store refused a write: the run cannot go on safely in this process. Running steps are
  // signalled; the last checkpoint stays as it was, so recoverAll() can continue elsewhere.
  private void abort(RuntimeException e) {
    if (broken != null) {
      return;
    }
    if (e instanceof OwnershipLostException) {
      LOG.warn("plan {} stopped here: another executor has claimed it", planId());
    } else {
      LOG.error("plan {} stopped: its progress could not be recorded", planId(), e);
    }
    broken = e;
    suspended = true;
    commits.stop();
    cancellations.values().forEach(Cancellation::cancel);
  }

  private void stopped(RuntimeException e) {
    synchronized (this) {
      abort(e instanceof MemoryException.LeaseLost ? new OwnershipLostException(planId(), e) : e);
      notifyAll();
    }
    finishIfEnded();
  }

  /** Another executor claimed this plan: stop at once, start nothing more, write nothing more. */
  void ownershipLost() {
    stopped(new OwnershipLostException(planId(), null));
  }

  // The executor forgets the run only once its end is on disk (or it can write no more): until
  // then resume() and recoverAll() return this run rather than start a second one from an older
  // checkpoint.
  private void finishIfEnded() {
    boolean ended;
    synchronized (this) {
      ended = commits.endCommitted() || broken != null;
    }
    if (!ended) {
      return;
    }
    synchronized (finishing) { // a second caller returns only once the run is let go
      if (finished) {
        return;
      }
      finished = true;
      synchronized (this) {
        if (deadlineTimer != null) {
          deadlineTimer.cancel(false);
        }
      }
      services.consent().endPlan(planId());
      onFinish.run();
    }
  }

  // Without a timer, a deadline would only be noticed when a step finishes or the host calls in.
  private void armDeadline(Instant at) {
    long delay = Math.max(0, Duration.between(now(), at).toMillis() + 1);
    ScheduledFuture<?> timer =
        services.timer().schedule(this::deadlinePassed, delay, TimeUnit.MILLISECONDS);
    synchronized (this) {
      deadlineTimer = timer;
    }
  }

  private void deadlinePassed() {
    synchronized (this) {
      pump();
    }
    commits.commit(false);
    launch();
    finishIfEnded();
  }

  private synchronized void checkHealthy() {
    if (broken instanceof OwnershipLostException lost) {
      throw new OwnershipLostException(planId(), lost);
    }
    if (broken != null) {
      throw new IllegalStateException(
          "plan " + planId() + " stopped because its progress could not be recorded: " + broken,
          broken);
    }
  }

  private void apply(String step, StepOutcome outcome) {
    StepStatus status = run.status(step);
    if (outcome instanceof StepOutcome.Done done) {
      moveStep(step, status.done(done.output(), now()));
    } else if (outcome instanceof StepOutcome.Blocked blocked) {
      moveStep(step, status.moveTo(StepState.BLOCKED, blocked.reason(), now()));
    } else if (outcome instanceof StepOutcome.Failed failed) {
      failStep(step, failed.error());
    } else if (deadlineFired && status.state() == StepState.RUNNING) {
      moveStep(step, status.moveTo(StepState.FAILED, "Timeout: the plan's deadline passed", now()));
    } else if (status.state().canMoveTo(StepState.SKIPPED)) {
      String why =
          status.state() == StepState.RUNNING
              ? "cancelled while running (its tool may have finished)"
              : "cancelled";
      moveStep(step, status.moveTo(StepState.SKIPPED, why, now()));
    }
  }

  private void failStep(String step, String error) {
    StepStatus status = run.status(step);
    if (status.state() == StepState.PENDING) {
      status = status.running(now());
      moveStep(step, status);
    }
    moveStep(step, status.moveTo(StepState.FAILED, error, now()));
    if (!plan.step(step).guard().optional()) {
      skipDescendants(step, "ancestor '" + step + "' failed");
      failing = true;
    }
  }

  private void skipDescendants(String step, String reason) {
    for (String d : plan.stepsToSkip(step, run.states())) {
      StepStatus s = run.status(d);
      if (!inFlight.contains(d) && s.state().canMoveTo(StepState.SKIPPED)) {
        moveStep(d, s.moveTo(StepState.SKIPPED, reason, now()));
      }
    }
  }

  /** Nothing is in flight: finish, pause or cancel the plan. */
  private void settle() {
    if (cancelRequested) {
      skipRemaining("cancelled");
      movePlan(PlanState.CANCELLED);
    } else if (failing) {
      skipRemaining("plan failed");
      movePlan(PlanState.FAILED);
    } else if (pauseRequested || run.any(StepState.BLOCKED)) {
      movePlan(PlanState.PAUSED);
    } else if (!run.hasReady()) {
      boolean failed =
          run.any(StepState.FAILED)
              && run.steps().stream()
                  .anyMatch(
                      s ->
                          run.status(s).state() == StepState.FAILED
                              && !plan.step(s).guard().optional());
      skipRemaining("unreachable");
      movePlan(failed ? PlanState.FAILED : PlanState.DONE);
    }
  }

  private void skipRemaining(String reason) {
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

  // ---- persistence --------------------------------------------------------------------------

  private void moveStep(String step, StepStatus next) {
    StepStatus previous = run.status(step);
    Instant at = now();
    PlanEvent event =
        PlanEvent.stepState(
            planId(), step, previous.state(), next.state(), next.error().orElse(""), at);
    run.status(step, next, at);
    persist(Map.of(step, next), List.of(event));
  }

  private void movePlan(PlanState target) {
    PlanState from = run.state();
    from.moveTo(target);
    Instant at = now();
    run.state(target, at);
    persist(Map.of(), List.of(PlanEvent.planState(planId(), from, target, at)));
  }

  // Buffered in order under the run's lock; RunCommits decides when they reach the store.
  private void persist(Map<String, StepStatus> changed, List<PlanEvent> events) {
    commits.change(run.state(), run.updatedAt(), changed, events);
  }

  private Map<String, JsonNode> referencedOutputs(String step) {
    Map<String, JsonNode> outputs = new HashMap<>();
    for (var reference : plan.step(step).references()) {
      run.status(reference.step()).output().ifPresent(o -> outputs.put(reference.step(), o));
    }
    return outputs;
  }

  private PlanEvent event(String kind, ObjectNode data) {
    return PlanEvent.of(planId(), kind, now()).withData(data);
  }

  private Instant now() {
    return services.clock().instant();
  }
}
