package dev.olympus.temporal;

import dev.olympus.executor.PausedPlan;
import dev.olympus.executor.PlanExecutor;
import dev.olympus.executor.PlanNotFoundException;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.temporal.internal.Checks;
import dev.olympus.temporal.internal.EventTail;
import dev.olympus.temporal.internal.OpenPlans;
import dev.olympus.temporal.internal.PlanWorkflow;
import dev.olympus.temporal.internal.TemporalRun;
import dev.olympus.temporal.internal.Wire.PlanTask;
import dev.olympus.tools.ConsentDecision;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link PlanExecutor} that runs each plan as a Temporal workflow, with the same step semantics
 * as the in-process executor: the same {@link Plan} object, DAG, data flow, guards, budget, consent
 * and state machine. The workflow's history is the plan's durable state (a worker that dies is
 * replaced and the plan goes on); every transition is also written to the {@link MemoryStore}'s
 * event log, so {@code events}, {@code verify} and listeners work as they do in process. A host
 * swaps executors with one line:
 *
 * <pre>{@code
 * PlanExecutor executor = TemporalPlanExecutor.builder(client, memory).build();
 * // instead of: PlanExecutor executor = olympus.executor();
 * PlanResult result = executor.submit(plan).await();
 * }</pre>
 *
 * <p>The steps run on workers that {@link OlympusWorker#register registered} the workflow on the
 * same task queue. The plan id is the workflow id. Leases and {@code OwnedElsewhereException} do
 * not apply: Temporal runs a workflow once. Checkpoints are not written: the store's checkpoints
 * are the in-process executor's state, and a plan found there could be resumed by both.
 *
 * <p>Thread-safe. {@link #close()} stops hearing events; the plans go on in Temporal.
 */
public final class TemporalPlanExecutor implements PlanExecutor, AutoCloseable {
  /** The task queue used when none is set. */
  public static final String DEFAULT_TASK_QUEUE = "olympus-plans";

  private final WorkflowClient client;
  private final MemoryStore memory;
  private final String taskQueue;
  private final Builder settings;
  private final EventTail tail;
  private final ScheduledExecutorService poller;
  private final Map<String, TemporalRun> runs = new ConcurrentHashMap<>();
  private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private TemporalPlanExecutor(Builder b) {
    this.client = b.client;
    this.memory = b.memory;
    this.taskQueue = b.taskQueue;
    this.settings = b.copy();
    this.tail = new EventTail(memory.events());
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "olympus-temporal-events");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(this::hear, 20, 20, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts configuring an executor that starts workflows through {@code client} and hears their
   * events in {@code memory}'s log (the store the workers log to).
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(WorkflowClient client, MemoryStore memory) {
    return new Builder(Checks.notNull(client, "client"), Checks.notNull(memory, "memory"));
  }

  /**
   * Starts the workflow of {@code plan}.
   *
   * @throws NullPointerException if {@code plan} is null
   * @throws IllegalStateException if a plan with the same id was already submitted (a workflow with
   *     its id exists) or its id is already in the event log, or the executor is closed
   * @throws dev.olympus.memory.MemoryException if the store cannot be read
   */
  @Override
  public PlanRun submit(Plan plan) {
    return start(Checks.notNull(plan, "plan"), null);
  }

  /**
   * Like {@link #submit(Plan)}, with {@code listener} hearing every event of the run from the plan
   * being queued on.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException as {@link #submit(Plan)}
   * @throws dev.olympus.memory.MemoryException if the store cannot be read
   */
  @Override
  public PlanRun submit(Plan plan, Consumer<RunEvent> listener) {
    return start(Checks.notNull(plan, "plan"), Checks.notNull(listener, "listener"));
  }

  /**
   * Starts the workflow of {@code plan} and returns its id, following nothing of it here: on
   * Temporal every plan is queued, and whichever worker polls the task queue runs it. {@link
   * #resume(String)} attaches to it later from any process.
   *
   * @throws NullPointerException if {@code plan} is null
   * @throws IllegalStateException as {@link #submit(Plan)}
   * @throws dev.olympus.memory.MemoryException if the store cannot be read
   */
  @Override
  public String enqueue(Plan plan) {
    return start(Checks.notNull(plan, "plan"), null).planId();
  }

  private PlanRun start(Plan plan, Consumer<RunEvent> listener) {
    Checks.state(!closed, "the executor is closed");
    Checks.state(
        memory.events().byPlan(plan.id()).isEmpty(),
        "plan " + plan.id() + " is already in the event log");
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            PlanWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(plan.id())
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    TemporalRun run = new TemporalRun(plan.id(), stub, tail);
    if (listener != null) {
      run.onEvent(listener);
    }
    try {
      stub.start(task(plan));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new IllegalStateException("plan " + plan.id() + " was already submitted", e);
    }
    remember(run);
    return run;
  }

  private PlanTask task(Plan plan) {
    return new PlanTask(
        PlanJson.write(plan),
        plan.steps().size(),
        settings.parallelism,
        settings.maxStepTime.toMillis(),
        settings.heartbeat.toMillis(),
        settings.consentTimeout.map(Duration::toMillis).orElse(0L),
        settings.consentInWorkflow);
  }

  private void remember(TemporalRun run) {
    if (runs.putIfAbsent(run.planId(), run) == null) {
      order.add(run.planId());
    }
  }

  /**
   * A run of the workflow of {@code planId}, which Temporal keeps running whatever happened to the
   * process that submitted it; a finished plan gives a run that only reports its result.
   *
   * @throws NullPointerException if {@code planId} is null
   * @throws PlanNotFoundException if there is no workflow for this plan
   * @throws IllegalStateException if the executor is closed
   */
  @Override
  public PlanRun resume(String planId) {
    Checks.notNull(planId, "planId");
    Checks.state(!closed, "the executor is closed");
    TemporalRun known = runs.get(planId);
    if (known != null) {
      return known;
    }
    WorkflowStub stub =
        client.newUntypedWorkflowStub(planId, Optional.empty(), Optional.of(PlanWorkflow.TYPE));
    try {
      stub.describe();
    } catch (WorkflowNotFoundException e) {
      throw new PlanNotFoundException(planId);
    }
    TemporalRun run = new TemporalRun(planId, stub, tail);
    remember(run);
    return runs.get(planId);
  }

  /**
   * Runs of every open plan workflow on this executor's task queue that is QUEUED or RUNNING.
   * Nothing needs restarting: Temporal continues them on any live worker.
   *
   * @throws IllegalStateException if the executor is closed
   */
  @Override
  public List<PlanRun> recoverAll() {
    Checks.state(!closed, "the executor is closed");
    List<PlanRun> running = new ArrayList<>();
    for (String planId : OpenPlans.list(client, taskQueue)) {
      PlanRun run = resume(planId);
      if (run.state() == PlanState.RUNNING || run.state() == PlanState.QUEUED) {
        running.add(run);
      }
    }
    return running;
  }

  /** The open plan workflows on this executor's task queue that are PAUSED, oldest first. */
  @Override
  public List<PausedPlan> paused() {
    List<PausedPlan> paused = new ArrayList<>();
    for (String planId : OpenPlans.list(client, taskQueue)) {
      PlanSnapshot snapshot = resume(planId).snapshot();
      if (snapshot.state() == PlanState.PAUSED) {
        List<PausedPlan.Blocked> blocked = new ArrayList<>();
        snapshot
            .steps()
            .forEach(
                (step, status) -> {
                  if (status.state() == StepState.BLOCKED) {
                    String tool = snapshot.plan().step(step).capability().name();
                    blocked.add(new PausedPlan.Blocked(step, tool, status.error().orElseThrow()));
                  }
                });
        paused.add(new PausedPlan(planId, snapshot.plan().title(), blocked, snapshot.updatedAt()));
      }
    }
    paused.sort(java.util.Comparator.comparing(PausedPlan::since));
    return paused;
  }

  @Override
  public Optional<PlanRun> find(String planId) {
    return Optional.ofNullable(runs.get(planId));
  }

  @Override
  public List<PlanRun> active() {
    return order.stream().map(runs::get).filter(r -> !r.ended()).map(r -> (PlanRun) r).toList();
  }

  @Override
  public void onEvent(Consumer<RunEvent> listener) {
    tail.listen(runs::containsKey, Checks.notNull(listener, "listener"));
  }

  /**
   * The consent questions that plan {@code planId}'s workflow holds open, oldest first (only with
   * {@link Builder#consentInWorkflow}).
   *
   * @throws NullPointerException if {@code planId} is null
   * @throws PlanNotFoundException if there is no workflow for this plan
   */
  public List<ConsentQuestion> questions(String planId) {
    return ((TemporalRun) resume(planId)).questions();
  }

  /**
   * Answers the open consent question of step {@code stepId}: {@link ConsentDecision#deny} blocks
   * the step (the plan pauses, for {@code approve} or {@code reject}); any allowing decision lets
   * it run once with the input it asked about.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the step has no open question, or the decision edits the
   *     input or answers in the tool's place (not supported here)
   * @throws PlanNotFoundException if there is no workflow for this plan
   * @throws IllegalStateException if the plan has ended
   */
  public void answer(String planId, String stepId, ConsentDecision decision) {
    Checks.notNull(stepId, "stepId");
    Checks.notNull(decision, "decision");
    Checks.argument(
        !(decision instanceof ConsentDecision.AllowEdited)
            && !(decision instanceof ConsentDecision.AnswerInstead),
        "a question held by the workflow is answered by allowing or denying it, not " + decision);
    String reason = decision instanceof ConsentDecision.Deny deny ? deny.reason() : "";
    ((TemporalRun) resume(planId)).answer(stepId, decision.allowed(), reason);
  }

  private void hear() {
    try {
      tail.catchUp();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(TemporalPlanExecutor.class)
          .warn("could not read the event log", e);
    }
  }

  /** Stops hearing events; the workflows go on. Idempotent. */
  @Override
  public void close() {
    closed = true;
    poller.shutdownNow();
  }

  /**
   * Configures a {@link TemporalPlanExecutor}. The last call of a setting wins.
   *
   * <p>Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final WorkflowClient client;
    private final MemoryStore memory;
    private String taskQueue = DEFAULT_TASK_QUEUE;
    private int parallelism = 4;
    private Duration maxStepTime = Duration.ofMinutes(10);
    private Duration heartbeat = Duration.ofSeconds(30);
    private Optional<Duration> consentTimeout = Optional.empty();
    private boolean consentInWorkflow;

    private Builder(WorkflowClient client, MemoryStore memory) {
      this.client = client;
      this.memory = memory;
    }

    private Builder copy() {
      Builder copy = new Builder(client, memory);
      copy.taskQueue = taskQueue;
      copy.parallelism = parallelism;
      copy.maxStepTime = maxStepTime;
      copy.heartbeat = heartbeat;
      copy.consentTimeout = consentTimeout;
      copy.consentInWorkflow = consentInWorkflow;
      return copy;
    }

    /**
     * The task queue of the workers (default {@value #DEFAULT_TASK_QUEUE}).
     *
     * @throws NullPointerException if {@code taskQueue} is null
     * @throws IllegalArgumentException if it is blank
     */
    public Builder taskQueue(String taskQueue) {
      this.taskQueue = Checks.notBlank(taskQueue, "taskQueue");
      return this;
    }

    /**
     * How many steps of one plan may run at once (default 4).
     *
     * @throws IllegalArgumentException if not between 1 and 1024
     */
    public Builder parallelism(int parallelism) {
      Checks.argument(
          parallelism >= 1 && parallelism <= 1024,
          "parallelism must be between 1 and 1024 but was " + parallelism);
      this.parallelism = parallelism;
      return this;
    }

    /**
     * The time limit of one attempt of a step whose guard sets none (default 10 minutes).
     *
     * @throws NullPointerException if {@code maxStepTime} is null
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxStepTime(Duration maxStepTime) {
      this.maxStepTime = positive(maxStepTime, "maxStepTime");
      return this;
    }

    /**
     * How long a worker may go silent during a step before Temporal gives the step up (default 30
     * seconds; workers beat every third of it). The step is then run again on another worker if its
     * tool is safe to repeat, or BLOCKED for the host if it has a side effect.
     *
     * @throws NullPointerException if {@code heartbeat} is null
     * @throws IllegalArgumentException if not positive
     */
    public Builder heartbeatTimeout(Duration heartbeat) {
      this.heartbeat = positive(heartbeat, "heartbeat");
      return this;
    }

    /**
     * How long a consent question may stay unanswered before the step is BLOCKED as denied ("no
     * answer within ..."); by default it waits as long as the plan may run.
     *
     * @throws NullPointerException if {@code consentTimeout} is null
     * @throws IllegalArgumentException if not positive
     */
    public Builder consentTimeout(Duration consentTimeout) {
      this.consentTimeout = Optional.of(positive(consentTimeout, "consentTimeout"));
      return this;
    }

    /**
     * True to hold consent questions in the workflow, durably, until the host answers them with
     * {@link TemporalPlanExecutor#answer} (listed by {@link TemporalPlanExecutor#questions}),
     * instead of asking the workers' consent provider (default false). Standing grants on the
     * worker still answer without asking.
     */
    public Builder consentInWorkflow(boolean consentInWorkflow) {
      this.consentInWorkflow = consentInWorkflow;
      return this;
    }

    /** Builds the executor. */
    public TemporalPlanExecutor build() {
      return new TemporalPlanExecutor(this);
    }

    private static Duration positive(Duration value, String name) {
      Checks.argument(
          !Checks.notNull(value, name).isNegative() && !value.isZero(),
          name + " must be positive but was " + value);
      return value;
    }
  }
}
