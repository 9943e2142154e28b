package dev.olympus.executor.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.OwnershipLostException;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.executor.internal.Checks;
import dev.olympus.executor.internal.Durations;
import dev.olympus.executor.internal.wiring.ExecutorServices;
import dev.olympus.memory.Lease;
import dev.olympus.memory.LeaseLostException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plan: the host's commands on it, and the glue between its {@link RunMachine} (what
 * happens, under {@code this}), its {@link StepDispatcher} (which launches steps, without the lock)
 * and its {@link RunCommits} (what is on disk when).
 *
 * <p>What must be on disk before what: a side-effecting step's RUNNING (with every change before
 * it) before its tool is called, and its outcome before any step after it starts (it rides with the
 * next step's RUNNING mark, which every step then commits before calling its tool); every change
 * before a plan pauses or ends, before {@code await()} returns and before a listener hears of it.
 * All else is committed behind, by the journal thread: a crash that loses it leaves steps that are
 * safe to repeat as last committed, and recovery runs them again.
 */
public final class PlanRunner
    implements PlanRun, StepAttempt.Run, StepDispatcher.Run, RunMachine.Effects {
  private static final Logger LOG = LoggerFactory.getLogger(PlanRunner.class);

  private final ExecutorServices services;
  private final Plan plan;
  private final Optional<Instant> deadline;
  private final Runnable onFinish;
  private final RunMachine machine; // guarded by this
  private final RunCommits commits;
  private final StepDispatcher dispatcher;
  private final Lease lease;
  private final Object finishing = new Object();
  private boolean finished; // guarded by finishing
  private ScheduledFuture<?> deadlineTimer;
  private RuntimeException broken; // why the run is BROKEN
  private boolean fromQueue; // guarded by this: a worker claimed it and no host resumed it since
  private final Map<String, Future<?>> questions = new ConcurrentHashMap<>(); // open consent asks

  PlanRunner(
      ExecutorServices services,
      PlanSnapshot snapshot,
      Lease lease,
      Instant startedAt,
      Runnable onFinish) {
    this.services = services;
    this.plan = snapshot.plan();
    this.lease = lease;
    this.deadline = plan.deadline().map(d -> Durations.after(startedAt, d));
    this.machine = new RunMachine(snapshot, deadline, this::now, this);
    this.commits =
        new RunCommits(
            plan.id(), lease, snapshot.state(), snapshot.updatedAt(), services, this::stopped);
    StepAttempt attempt = new StepAttempt(services, plan, this);
    this.dispatcher = new StepDispatcher(plan.id(), services.executor(), attempt, this);
    this.onFinish = onFinish;
  }

  // ---- starting ----------------------------------------------------------------------------

  /**
   * Moves a new or interrupted plan to RUNNING and commits it; {@link #proceed()} then starts its
   * runnable steps. Split so that the executor can call this under its own lock and the rest, which
   * may call the host's executor and listeners, outside it.
   */
  void begin() {
    synchronized (this) {
      machine.start(parallelism());
      notifyAll();
    }
    commits.commit(false);
    deadline.ifPresent(this::armDeadline);
  }

  /**
   * Starts the steps made runnable, tells the listeners, and ends the run once its end is on disk.
   */
  void proceed() {
    dispatcher.launch();
    commits.deliver();
    finishIfEnded();
  }

  /** Settles steps a crash left RUNNING: re-run if safe to repeat, else block for the host. */
  synchronized void recoverInterruptedSteps() {
    machine.recoverInterrupted(step -> safeToRepeat(plan.step(step).capability().name()));
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
    return machine.state();
  }

  @Override
  public synchronized PlanSnapshot snapshot() {
    return machine.snapshot();
  }

  @Override
  public PlanResult await() throws InterruptedException {
    PlanResult result;
    synchronized (this) {
      while (!machine.settled()) {
        wait();
      }
      result = new PlanResult(machine.snapshot());
    }
    afterSettling();
    return result;
  }

  @Override
  public Optional<PlanResult> await(Duration timeout) throws InterruptedException {
    var result = awaitLocked(timeout);
    afterSettling();
    return result;
  }

  private synchronized Optional<PlanResult> awaitLocked(Duration timeout)
      throws InterruptedException {
    long nanos = Durations.capped(Checks.notNull(timeout, "timeout")).toNanos();
    long start = System.nanoTime();
    while (!machine.settled()) {
      long left = nanos - (System.nanoTime() - start);
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000), 0);
    }
    return Optional.of(new PlanResult(machine.snapshot()));
  }

  // await() returns once the result is on disk and every listener has heard it.
  private void afterSettling() {
    commits.commitAll();
    commits.deliverAll();
    finishIfEnded();
    checkHealthy();
  }

  /**
   * Stops this run in this process without ending the plan (Olympus is closing): no new step
   * starts, running steps are signalled, and the checkpoint keeps the plan resumable. Waits at most
   * {@code grace} for running steps to return.
   */
  void suspend(Duration grace) throws InterruptedException {
    boolean suspended = false;
    synchronized (this) {
      if (!machine.state().isTerminal()) {
        machine.halt(RunMode.SUSPENDED);
        suspended = true;
        long end = System.nanoTime() + grace.toNanos();
        while (!machine.idle() && System.nanoTime() < end) {
          wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
      }
    }
    commits.commitAll();
    commits.deliver();
    if (suspended) {
      services.tools().hooks().suspended(planId());
    }
  }

  @Override
  public void cancel() {
    hostCommand(() -> machine.cancel(parallelism()));
  }

  @Override
  public void pause() {
    hostCommand(() -> machine.pause(parallelism()));
  }

  @Override
  public void resume() {
    hostCommand(() -> machine.resume(parallelism()));
  }

  @Override
  public void approve(String stepId) {
    hostCommand(
        () -> {
          checkHealthy();
          machine.approve(stepId, parallelism());
        });
  }

  @Override
  public void reject(String stepId, String reason) {
    hostCommand(
        () -> {
          checkHealthy();
          machine.reject(stepId, reason, parallelism());
        });
  }

  // The host says the effect happened: the step is DONE with the output it gives, and the audit
  // log says who settled it.
  @Override
  public void complete(String stepId, JsonNode output) {
    hostCommand(
        () -> {
          checkHealthy();
          Checks.notNull(output, "output");
          machine.blocked(stepId, StepState.DONE);
          String toolId = plan.step(stepId).capability().name();
          JsonNode schema = services.tools().get(toolId).spec().outputSchema();
          OutputCheck.check(stepId, toolId, schema, output);
          ObjectNode data =
              JsonNodeFactory.instance.objectNode().put("by", "host").put("tool", toolId);
          PlanEvent settled = machine.event("step.settled", data).withStep(stepId);
          machine.complete(stepId, output, settled, parallelism());
        });
  }

  // A change made under the lock by a host call is committed before returning, so a host that saw
  // cancel() return knows the plan will not come back RUNNING after a crash. A run that writes no
  // more (stopped, or suspended by close()) refuses the command rather than ignore it.
  private void hostCommand(Runnable command) {
    synchronized (this) {
      checkHealthy();
      Checks.state(
          machine.mode() != RunMode.SUSPENDED,
          "plan "
              + planId()
              + " was suspended when Olympus closed: nothing more is written here, and the next"
              + " process continues it (recoverAll or resume)");
      command.run();
      notifyAll();
    }
    commits.commitAndDeliver();
    withdrawQuestionsIfStopped();
    dispatcher.launch();
    finishIfEnded();
    checkHealthy();
  }

  @Override
  public PlanRun onEvent(Consumer<RunEvent> listener) {
    commits.listen(RunEvents.typed(Checks.notNull(listener, "listener")));
    return this;
  }

  // ---- StepAttempt.Run ----------------------------------------------------------------------

  @Override
  public boolean markRunning(String step, boolean safeToRepeat) {
    synchronized (this) {
      if (!machine.markRunning(step)) {
        return false;
      }
    }
    commits.commitBeforeStart(safeToRepeat);
    if (isHealthy()) {
      return true;
    }
    unmark(step);
    return false;
  }

  // Marked, but the run stopped before the tool was called: say so, or recovery would ask the host
  // to approve repeating an effect that never happened.
  private void unmark(String step) {
    boolean unmarked;
    synchronized (this) {
      unmarked = machine.unmark(step);
    }
    if (unmarked) {
      commits.commit(false);
    }
  }

  private synchronized boolean isHealthy() {
    return !machine.mode().halted();
  }

  @Override
  public void attemptStarted(String step, int number, boolean safeToRepeat) {
    synchronized (this) {
      machine.attemptStarted(step, number);
    }
    if (number > 1) {
      commits.commitBeforeStart(safeToRepeat);
    }
  }

  @Override
  public void waitingForConsent(String step, Future<?> question) {
    questions.put(step, question);
    commits.releaseHeld();
    withdrawQuestionsIfStopped(); // the run may have stopped starting steps while it was asked
  }

  // A question whose answer could start nothing is withdrawn (a UI may close its dialog), so a
  // pausing or failing run settles without waiting for a person. Outside the lock: cancelling may
  // run the step's ending on this thread.
  private void withdrawQuestionsIfStopped() {
    if (questions.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (machine.mode() == RunMode.ACTIVE) {
        return;
      }
    }
    questions.values().forEach(question -> question.cancel(false));
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

  // ---- StepDispatcher.Run --------------------------------------------------------------------

  // A side effect's outcome is on disk before any step after it starts: lost, it would leave the
  // step RUNNING, and recovery would ask the host to repeat an effect that is done. The next step's
  // mark carries it, in one commit; the step this thread runs next is taken before deciding.
  @Override
  public StepDispatcher.Launch stepEnded(String step, StepOutcome outcome) {
    questions.remove(step);
    boolean planGoesOn = finish(step, outcome);
    StepDispatcher.Launch next = dispatcher.next();
    if (!planGoesOn) {
      commits.commit(false);
    } else if (safeToRepeat(plan.step(step).capability().name())) {
      commits.commit(true);
    } else {
      commits.holdForNextStart(next != null);
    }
    withdrawQuestionsIfStopped();
    proceed();
    return next;
  }

  /** Applies the outcome; true if the plan is still running afterwards. */
  private synchronized boolean finish(String step, StepOutcome outcome) {
    try {
      machine.finished(step, outcome, parallelism());
    } catch (RuntimeException e) {
      abort(e);
    } finally {
      notifyAll();
    }
    return machine.goesOn();
  }

  @Override
  public void notLaunched(String step, RejectedExecutionException refused) {
    synchronized (this) {
      StepError error =
          new StepError.ToolFailed("executor rejected the step: " + refused.getMessage(), true);
      machine.notLaunched(step, error, parallelism());
      notifyAll();
    }
    commits.commit(false);
  }

  // ---- RunMachine.Effects (called under the lock) --------------------------------------------

  // Buffered in order; RunCommits decides when they reach the store.
  @Override
  public void persist(Map<String, StepStatus> changed, List<PlanEvent> events) {
    commits.change(machine.state(), machine.updatedAt(), changed, events);
  }

  @Override
  public void note(PlanEvent event) {
    record(event);
  }

  @Override
  public void dispatch(String step, Map<String, JsonNode> outputs, boolean preApproved) {
    dispatcher.enqueue(step, outputs, preApproved);
  }

  @Override
  public void cancelInFlight() {
    dispatcher.cancelAll();
  }

  // ---- stopping ------------------------------------------------------------------------------

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
    commits.stop();
    machine.halt(RunMode.BROKEN);
  }

  private void stopped(RuntimeException e) {
    synchronized (this) {
      abort(e instanceof LeaseLostException ? new OwnershipLostException(planId(), e) : e);
      notifyAll();
    }
    finishIfEnded();
  }

  /** A worker claimed this run from the queue: it may hand the plan back when it pauses. */
  synchronized void claimedFromQueue() {
    fromQueue = true;
  }

  /** A host resumed this run here: it stays here whatever it waits for. */
  synchronized void keptByHost() {
    fromQueue = false;
  }

  /**
   * Hands a plan that waits for the host back to the store, for the worker that claimed it from the
   * queue: if the run is PAUSED with nothing in flight (and no host resumed it here since), it
   * stops here as if it had ended (its lease is given up, so any process may resume it) and its
   * handle reports {@link OwnershipLostException} from then on. Call {@link #commitPause()} first,
   * outside the executor's lock. False if the run does not wait for the host.
   */
  boolean handBackIfPaused() {
    synchronized (this) {
      if (!waitsForHost()) {
        return false;
      }
      broken = new OwnershipLostException(planId(), null);
      commits.stop();
      machine.halt(RunMode.SUSPENDED);
      notifyAll();
    }
    finishIfEnded();
    return true;
  }

  /** Commits and delivers everything of a run about to be handed back; true if it waits. */
  boolean commitPause() {
    synchronized (this) {
      if (!waitsForHost()) {
        return false;
      }
    }
    commits.commitAll();
    commits.deliverAll();
    return true;
  }

  private boolean waitsForHost() {
    return fromQueue && broken == null && machine.state() == PlanState.PAUSED && machine.settled();
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
      machine.pump(parallelism());
      notifyAll();
    }
    commits.commit(false);
    dispatcher.launch();
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

  private int parallelism() {
    return services.parallelism();
  }

  private Instant now() {
    return services.clock().instant();
  }
}
