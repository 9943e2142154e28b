package dev.olympus.temporal;

import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.temporal.internal.Checks;
import dev.olympus.temporal.internal.Consent;
import dev.olympus.temporal.internal.PlanWorkflowImpl;
import dev.olympus.temporal.internal.StepActivitiesImpl;
import dev.olympus.temporal.internal.Toolset;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ToolRegistry;
import io.temporal.worker.Worker;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a Temporal worker needs to run Olympus plans: the tools the steps call, the consent provider
 * asked before a step with scopes runs, the model router behind {@code llm.generate} and {@code
 * llm.extract}, and the memory store whose event log receives every transition and which {@code
 * memory.search} and {@code memory.remember} use, as in process ({@link
 * dev.olympus.executor.BuiltInTools}). {@link #register(Worker)} puts the plan workflow and its
 * activities on a worker of the task queue that {@link TemporalPlanExecutor} submits to.
 *
 * <pre>{@code
 * WorkerFactory factory = WorkerFactory.newInstance(client);
 * OlympusWorker olympus = OlympusWorker.builder(memory).tools(tools).consent(ui::ask).build();
 * olympus.register(factory.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
 * factory.start();
 * }</pre>
 *
 * <p>A plan continues on any worker of its task queue when this one stops. Stop it by shutting the
 * factory down and then closing this, which ends the heartbeats of a tool call still running on it.
 * On Temporal's in-memory test service, which never moves a workflow task off a stopped worker's
 * sticky queue, create such workers with {@code
 * WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO)}; a cluster does
 * that after the sticky schedule-to-start timeout by itself.
 *
 * <p>Thread-safe. {@link #close()} stops its heartbeat thread; close it after the worker factory.
 * The store, tools and router stay the host's.
 */
public final class OlympusWorker implements AutoCloseable {
  private final Toolset tools;
  private final Consent consent;
  private final MemoryStore memory;
  private final ScheduledExecutorService beats;

  private OlympusWorker(Builder b) {
    this.tools = new Toolset(b.tools, b.memory, b.llm);
    this.consent = new Consent(b.consent, b.grants);
    this.memory = b.memory;
    this.beats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "olympus-temporal-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts configuring a worker whose activities log to {@code memory}.
   *
   * @throws NullPointerException if {@code memory} is null
   */
  public static Builder builder(MemoryStore memory) {
    return new Builder(Checks.notNull(memory, "memory"));
  }

  /**
   * Registers the plan workflow and its activities on {@code worker}. Call before the worker's
   * factory starts.
   *
   * @throws NullPointerException if {@code worker} is null
   * @throws IllegalStateException if the worker already has them, or its factory has started
   */
  public void register(Worker worker) {
    Checks.notNull(worker, "worker");
    worker.registerWorkflowImplementationTypes(PlanWorkflowImpl.class);
    worker.registerActivitiesImplementations(new StepActivitiesImpl(tools, consent, memory, beats));
  }

  /** Stops the heartbeat thread. Idempotent. */
  @Override
  public void close() {
    beats.shutdownNow();
  }

  /**
   * Configures an {@link OlympusWorker}. The last call of a setting wins.
   *
   * <p>Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final MemoryStore memory;
    private ToolRegistry tools = ToolRegistry.builder().build();
    private ConsentProvider consent = ConsentProvider.denyAll();
    private ConsentGrants grants = ConsentGrants.empty();
    private LlmRouter llm;

    private Builder(MemoryStore memory) {
      this.memory = memory;
    }

    /**
     * The tools steps may use (default: none).
     *
     * @throws NullPointerException if {@code tools} is null
     */
    public Builder tools(ToolRegistry tools) {
      this.tools = Checks.notNull(tools, "tools");
      return this;
    }

    /**
     * The host's consent callback, asked from an activity (default: deny everything that needs a
     * scope). One that answers later ({@link ConsentProvider#async}) is asked from an activity that
     * heartbeats while the question is open. For a person who may answer after the worker restarts,
     * submit with {@link TemporalPlanExecutor.Builder#consentInWorkflow(boolean)} instead.
     *
     * @throws NullPointerException if {@code consent} is null
     */
    public Builder consent(ConsentProvider consent) {
      this.consent = Checks.notNull(consent, "consent");
      return this;
    }

    /**
     * Standing grants (default: none).
     *
     * @throws NullPointerException if {@code grants} is null
     */
    public Builder consentGrants(ConsentGrants grants) {
      this.grants = Checks.notNull(grants, "grants");
      return this;
    }

    /**
     * The model router behind the tools {@code llm.generate} and {@code llm.extract} (default:
     * none, so those tools are absent).
     *
     * @throws NullPointerException if {@code llm} is null
     */
    public Builder llm(LlmRouter llm) {
      this.llm = Checks.notNull(llm, "llm");
      return this;
    }

    /**
     * Builds the worker's parts.
     *
     * @throws IllegalStateException if the tools already have {@code memory.search} or {@code
     *     memory.remember}, or {@code llm.generate} or {@code llm.extract} while a router is set
     */
    public OlympusWorker build() {
      return new OlympusWorker(this);
    }
  }
}
