package dev.olympus.executor.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.OwnedElsewhereException;
import dev.olympus.executor.PausedPlan;
import dev.olympus.executor.PlanExecutor;
import dev.olympus.executor.PlanNotFoundException;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.executor.internal.Checks;
import dev.olympus.executor.internal.planning.PlanCheck;
import dev.olympus.executor.internal.wiring.ExecutorServices;
import dev.olympus.memory.Lease;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link PlanExecutor}: keeps the runs active in this process. Thread-safe. */
public final class DefaultPlanExecutor implements PlanExecutor {
  /** The kind of event a model call's spend is recorded under. */
  public static final String BUDGET_CHARGE = "budget.charge";

  // Only an old checkpoint can hold a BLOCKED step without a reason.
  private static final StepError UNKNOWN_BLOCK = new StepError.Unrecognized("blocked");

  private static final Logger LOG = LoggerFactory.getLogger(DefaultPlanExecutor.class);

  // What a worker claims: DRAFT too, a plan whose submitter died before it was queued.
  private static final Set<PlanState> QUEUE =
      EnumSet.of(PlanState.DRAFT, PlanState.QUEUED, PlanState.RUNNING);

  private final ExecutorServices services;
  private final PlanCheck planCheck;
  // In submission order, for active(): a linked map under the executor's lock.
  private final Map<String, PlanRunner> active =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
  private final List<Consumer<RunEvent>> everyRun = new CopyOnWriteArrayList<>();
  private final List<Runnable> runEnded = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** Creates an executor over the shared services; {@code planCheck} checks enqueued plans. */
  public DefaultPlanExecutor(ExecutorServices services, PlanCheck planCheck) {
    this.services = services;
    this.planCheck = planCheck;
  }

  @Override
  public PlanRun submit(Plan plan) {
    return proceed(submitted(plan, List.of()));
  }

  @Override
  public PlanRun submit(Plan plan, Consumer<RunEvent> listener) {
    return proceed(submitted(plan, List.of(Checks.notNull(listener, "listener"))));
  }

  // Steps start and listeners hear of the run outside this executor's lock: a host executor may run
  // steps on the calling thread, and a listener may wait for a thread that calls submit().
  private static PlanRun proceed(PlanRunner runner) {
    runner.proceed();
    return runner;
  }

  private synchronized PlanRunner submitted(Plan plan, List<Consumer<RunEvent>> listeners) {
    Checks.notNull(plan, "plan");
    Lease lease = claimUnused(plan.id());
    return underLease(
        lease,
        () -> {
          Instant now = services.clock().instant();
          services.budgets().open(plan, 0, BigDecimal.ZERO);
          PlanSnapshot initial = PlanSnapshot.initial(plan, now);
          services.journal().save(initial);
          PlanRunner runner = runner(initial, lease, now);
          listeners.forEach(runner::onEvent);
          runner.begin();
          return runner;
        });
  }

  // The lease on a new plan's id; the id is checked under it, since another process may have
  // submitted the same id a moment ago.
  private Lease claimUnused(String planId) {
    Checks.state(!closed, "the executor is closed");
    Checks.state(!active.containsKey(planId), alreadySubmitted(planId));
    Lease lease = claim(planId);
    return underLease(
        lease,
        () -> {
          Checks.state(services.journal().load(planId).isEmpty(), alreadySubmitted(planId));
          Checks.state(
              services.journal().events(planId).isEmpty(),
              "id " + planId + " is already in the event log (a chat or planning session's id?)");
          return lease;
        });
  }

  // Gives the lease up if the work fails, so the plan is not held until the lease lapses.
  private <T> T underLease(Lease lease, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      services.ownership().release(lease);
      throw e;
    }
  }

  @Override
  public String enqueue(Plan plan) {
    Checks.notNull(plan, "plan");
    planCheck.check(plan);
    synchronized (this) {
      Lease lease = claimUnused(plan.id());
      try {
        Instant now = services.clock().instant();
        services.journal().save(PlanSnapshot.initial(plan, now));
        PlanEvent queued = PlanEvent.planState(plan.id(), PlanState.DRAFT, PlanState.QUEUED, now);
        services
            .journal()
            .update(lease, plan.id(), PlanState.QUEUED, Map.of(), List.of(queued), now);
      } finally {
        services.ownership().release(lease);
      }
    }
    return plan.id();
  }

  /**
   * Claims the plan of the store's queue that has waited longest (QUEUED, RUNNING under a lapsed
   * lease, or DRAFT under a lapsed lease) and starts running it as {@link #resume} would; empty if
   * none is free or the executor is closed.
   */
  public Optional<PlanRun> claimNext() {
    Optional<PlanRunner> runner = claimedNext();
    runner.ifPresent(DefaultPlanExecutor::proceed);
    return runner.map(PlanRun.class::cast);
  }

  private synchronized Optional<PlanRunner> claimedNext() {
    if (closed) {
      return Optional.empty();
    }
    Optional<Lease> claimed =
        services
            .ownership()
            .claimNextPlan(
                QUEUE,
                lost -> find(Ownership.planId(lost.resource())).ifPresent(r -> lostRun(r, lost)));
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    Lease lease = claimed.get();
    String planId = Ownership.planId(lease.resource());
    if (active.containsKey(planId)) {
      // Our own lease had lapsed: the run here is fenced out by this claim and stops; giving the
      // new lease up puts the plan back in the queue.
      services.ownership().release(lease);
      return Optional.empty();
    }
    PlanRunner runner = underLease(lease, () -> resumedUnder(lease, planId));
    runner.claimedFromQueue();
    return Optional.of(runner);
  }

  /**
   * Hands {@code run}, which a worker claimed, back to the store if it waits for the host and no
   * host has resumed it here since (see {@link PlanRunner#handBackIfPaused}); under this executor's
   * lock, so {@link #resume} either keeps it here or finds it gone.
   */
  public boolean handBack(PlanRun run) {
    PlanRunner runner = (PlanRunner) run;
    if (!runner.commitPause()) {
      return false;
    }
    synchronized (this) {
      return runner.handBackIfPaused();
    }
  }

  /** The runs here that are not PAUSED: what a worker's capacity counts. */
  public int running() {
    return (int) runners().stream().filter(r -> r.state() != PlanState.PAUSED).count();
  }

  /**
   * Adds {@code watcher}, told (on the thread that ended it) whenever a run here lets its plan go.
   */
  public void whenRunEnds(Runnable watcher) {
    runEnded.add(watcher);
  }

  private static String alreadySubmitted(String planId) {
    return "plan " + planId + " was already submitted; use resume(planId)";
  }

  // The run learns of a lost lease through the executor: the lease is claimed before the run
  // exists.
  private Lease claim(String planId) {
    return services
        .ownership()
        .claim(Ownership.plan(planId), lost -> find(planId).ifPresent(r -> lostRun(r, lost)))
        .orElseThrow(
            () ->
                new OwnedElsewhereException(
                    planId,
                    services
                        .ownership()
                        .holder(Ownership.plan(planId))
                        .map(Lease::owner)
                        .orElse("unknown")));
  }

  private static void lostRun(PlanRun run, Lease lost) {
    PlanRunner runner = (PlanRunner) run;
    if (runner.lease() != null && runner.lease().token() == lost.token()) {
      runner.ownershipLost();
    }
  }

  @Override
  public PlanRun resume(String planId) {
    return proceed(resumed(planId));
  }

  private synchronized PlanRunner resumed(String planId) {
    Checks.notNull(planId, "planId");
    Checks.state(!closed, "the executor is closed");
    PlanRunner running = active.get(planId);
    if (running != null) {
      running.keptByHost();
      return running;
    }
    PlanSnapshot seen =
        services.journal().load(planId).orElseThrow(() -> new PlanNotFoundException(planId));
    if (seen.state().isTerminal()) {
      return runner(seen, null, startedAt(services.journal().events(planId)));
    }
    Lease lease = claim(planId);
    return underLease(lease, () -> resumedUnder(lease, planId));
  }

  // Read again under the lease: the previous owner may have moved on since the first look.
  private PlanRunner resumedUnder(Lease lease, String planId) {
    PlanSnapshot snapshot =
        services.journal().load(planId).orElseThrow(() -> new PlanNotFoundException(planId));
    List<PlanEvent> history = services.journal().events(planId);
    if (snapshot.state().isTerminal()) {
      services.ownership().release(lease);
      return runner(snapshot, null, startedAt(history));
    }
    openBudget(snapshot.plan(), history);
    PlanRunner runner = runner(snapshot, lease, startedAt(history));
    runner.recoverInterruptedSteps();
    runner.begin();
    return runner;
  }

  @Override
  public List<PlanRun> recoverAll() {
    List<PlanRun> runs = new ArrayList<>();
    for (PlanSnapshot snapshot : services.journal().unfinished()) {
      try {
        runs.add(resume(snapshot.planId()));
      } catch (OwnedElsewhereException e) {
        LOG.debug("plan {} is run by {}; left to it", snapshot.planId(), e.owner());
      }
    }
    return runs;
  }

  @Override
  public List<PausedPlan> paused() {
    return services.journal().paused().stream().map(DefaultPlanExecutor::pausedPlan).toList();
  }

  private static PausedPlan pausedPlan(PlanSnapshot snapshot) {
    Plan plan = snapshot.plan();
    List<PausedPlan.Blocked> blocked = new ArrayList<>();
    for (String step : plan.topologicalOrder()) {
      StepStatus status = snapshot.step(step);
      if (status.state() == StepState.BLOCKED) {
        String tool = plan.step(step).capability().name();
        StepError reason = status.error().orElse(UNKNOWN_BLOCK);
        blocked.add(new PausedPlan.Blocked(step, tool, reason));
      }
    }
    return new PausedPlan(plan.id(), plan.title(), blocked, snapshot.updatedAt());
  }

  @Override
  public Optional<PlanRun> find(String planId) {
    return Optional.ofNullable(active.get(Checks.notNull(planId, "planId")));
  }

  @Override
  public List<PlanRun> active() {
    return List.copyOf(runners());
  }

  private List<PlanRunner> runners() {
    synchronized (active) {
      return List.copyOf(active.values());
    }
  }

  @Override
  public void onEvent(Consumer<RunEvent> listener) {
    everyRun.add(Checks.notNull(listener, "listener"));
  }

  /** Routes an event about {@code planId} (a consent decision, a charge) to its run. */
  public void record(PlanEvent event) {
    PlanRunner runner = active.get(event.planId());
    if (runner != null) {
      runner.record(event);
    } else {
      services.journal().append(event);
    }
  }

  /**
   * Records {@code event} with its run's next commit if its plan runs here, else drops it: a chat
   * session's tool calls have a log of their own.
   */
  public void recordForRun(PlanEvent event) {
    PlanRunner runner = active.get(event.planId());
    if (runner != null) {
      runner.record(event);
    }
  }

  /**
   * Refuses new runs and suspends the active ones, leaving them resumable by {@link #recoverAll()}
   * in a later process; waits at most {@code grace} for each run's steps to return.
   */
  public void close(Duration grace) {
    closeRuns(grace);
    // Suspended runs stay in the store RUNNING; giving up their leases lets another process
    // continue them at once instead of after the lease lapses.
    for (PlanRunner runner : runners()) {
      if (runner.lease() != null) {
        services.ownership().release(runner.lease());
      }
    }
  }

  private void closeRuns(Duration grace) {
    synchronized (this) {
      closed = true;
    }
    long end = System.nanoTime() + grace.toNanos();
    boolean interrupted = false;
    for (PlanRunner runner : runners()) {
      try {
        runner.suspend(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
      } catch (InterruptedException e) {
        interrupted = true; // keep suspending the others without waiting
        end = System.nanoTime();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private PlanRunner runner(PlanSnapshot snapshot, Lease lease, Instant startedAt) {
    String id = snapshot.planId();
    PlanRunner runner =
        new PlanRunner(
            services,
            snapshot,
            lease,
            startedAt,
            () -> {
              active.remove(id);
              services.budgets().close(id);
              if (lease != null) {
                services.ownership().release(lease);
              }
              runEnded.forEach(Runnable::run);
            });
    if (!snapshot.state().isTerminal()) {
      everyRun.forEach(runner::onEvent);
      active.put(id, runner);
    }
    return runner;
  }

  // What earlier runs spent, from their budget.charge events: for the plan, and for each step.
  private void openBudget(Plan plan, List<PlanEvent> history) {
    Spent total = new Spent();
    Map<String, Spent> bySteps = new HashMap<>();
    for (PlanEvent event : history) {
      if (event.kind().equals(BUDGET_CHARGE)) {
        total.add(event.data());
        event
            .stepId()
            .ifPresent(step -> bySteps.computeIfAbsent(step, s -> new Spent()).add(event.data()));
      }
    }
    services.budgets().open(plan, total.tokens, total.usd);
    bySteps.forEach(
        (step, spent) -> services.budgets().openStep(plan.id(), step, spent.tokens, spent.usd));
  }

  private static final class Spent {
    long tokens;
    BigDecimal usd = BigDecimal.ZERO;

    void add(JsonNode charge) {
      tokens += charge.path("tokens").asLong();
      usd = usd.add(new BigDecimal(charge.path("usd").asText("0")));
    }
  }

  // The plan deadline counts from the first time the plan started running.
  private Instant startedAt(List<PlanEvent> history) {
    return history.stream()
        .filter(e -> e.kind().equals(PlanEvent.PLAN_STATE))
        .filter(e -> PlanState.RUNNING.name().equals(e.data().path("to").asText()))
        .map(PlanEvent::timestamp)
        .findFirst()
        .orElse(services.clock().instant());
  }
}
