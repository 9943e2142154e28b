package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.executor.internal.run.OwnerIds;
import dev.olympus.executor.internal.wiring.SqliteResponseStore;
import dev.olympus.executor.internal.wiring.SqliteSpendLedger;
import dev.olympus.executor.internal.wiring.Wiring;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The one entry point: wires memory, tools, consent and models into a {@link PlanExecutor}.
 * Defaults let a host start in three lines — an in-memory store, deny-all consent, no model:
 *
 * <pre>{@code
 * try (Olympus olympus = Olympus.builder()
 *     .memory(SqliteMemoryStore.open(home.resolve("olympus.db")))
 *     .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
 *     .consent(request -> ui.ask(request))
 *     .llm(router)
 *     .build()) {
 *   PlanResult result = olympus.executor().submit(plan).await();
 * }
 * }</pre>
 *
 * <p>The model becomes the tools {@code llm.generate} and {@code llm.extract}; memory becomes
 * {@code memory.search} and {@code memory.remember}. Thread-safe. {@link #close()} suspends running
 * plans (they stay resumable with {@code executor().recoverAll()} in the next process, exactly as
 * after a crash), leaves paused plans paused, and releases what Olympus created itself (the default
 * store and worker threads), never what the host passed in.
 */
public interface Olympus extends AutoCloseable {

  /** Starts configuring an instance. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A model router builder whose spend ledger and response cache live in {@code memory}'s SQLite
   * file: the day's spending on paid providers and the cached answers survive restarts, and every
   * router on the file, in any process, stays under one daily ceiling. Add providers and budgets as
   * on {@link LlmRouter#builder()}; its spend ledger and response store are set (setting them again
   * throws {@link IllegalStateException}). The store must outlive the router.
   *
   * <pre>{@code
   * LlmRouter router = Olympus.routerBuilder(memory).local(ollama).build();
   * }</pre>
   *
   * @throws NullPointerException if {@code memory} is null
   */
  static LlmRouter.Builder routerBuilder(MemoryStore memory) {
    Checks.notNull(memory, "memory");
    return LlmRouter.builder()
        .spendLedger(new SqliteSpendLedger(memory.counters()))
        .responseStore(new SqliteResponseStore(memory.cache()));
  }

  /** The durable plan executor. */
  PlanExecutor executor();

  /** The memory store. */
  MemoryStore memory();

  /** The host's tools together with the built-in LLM and memory tools. */
  ToolRegistry tools();

  /** The model router, if one was configured. */
  Optional<LlmRouter> llm();

  /**
   * The planner, which drafts plans with the model over {@link #tools()} (see {@link Planner}).
   * Always available; {@link Planner#plan} throws {@link ModelNotConfiguredException} if no model
   * was configured.
   */
  Planner planner();

  /**
   * The chat session {@code sessionId} with default options, continuing its stored conversation
   * (see {@link ChatSession}).
   *
   * @throws NullPointerException if {@code sessionId} is null
   * @throws IllegalArgumentException if {@code sessionId} is blank
   * @throws IllegalStateException if the session is open with other options
   * @throws OwnedElsewhereException if another executor (process) has the session open
   */
  default ChatSession chat(String sessionId) {
    return chat(sessionId, ChatOptions.defaults());
  }

  /**
   * The chat session {@code sessionId} with {@code options}, continuing its stored conversation.
   * While a session is open (until {@link ChatSession#close()}), opening its id again returns the
   * same session, and no other executor on the store may open it: like a plan, a session is held
   * through a lease (see {@link PlanExecutor}), and a session whose lease another executor took
   * over after this one stalled throws {@link OwnershipLostException} from then on.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code sessionId} is blank or already a plan's id (the two
   *     share the event log and consent grants), or {@code options} name a tool that is not
   *     registered
   * @throws IllegalStateException if the session is open with other options
   * @throws OwnedElsewhereException if another executor (process) has the session open
   * @throws OwnershipLostException if another executor took the session over while this one,
   *     stalled past the lease it had just claimed, was still opening it (answering the tool calls
   *     a crash left without a result)
   */
  ChatSession chat(String sessionId, ChatOptions options);

  /**
   * Suspends running plans and releases owned resources. No new step starts; running steps are
   * signalled through their tool context and given a few seconds to return; the checkpoints keep
   * the plans RUNNING (or PAUSED) so {@code recoverAll()} continues them later. Open chat sessions
   * are closed, and every lease is given up, so another process may continue at once. To end a plan
   * for good, call {@link PlanRun#cancel()} first. Idempotent.
   */
  @Override
  void close();

  /**
   * Configures an {@link Olympus}. Each setter checks its argument; setting an option again
   * replaces it (the last call wins). Not thread-safe.
   */
  final class Builder {
    private MemoryStore memory;
    private LlmRouter llm;
    private ToolRegistry tools;
    private ConsentProvider consent;
    private Duration consentTimeout;
    private ConsentGrants policy;
    private Executor executor;
    private Integer parallelism;
    private Clock clock;
    private Duration maxStepTime;
    private String owner;
    private Duration leaseDuration;
    private int workerCapacity;
    private StepListener stepListener = StepListener.NONE;

    Builder() {}

    /**
     * The memory store (default: an in-memory SQLite store, closed with Olympus).
     *
     * @throws NullPointerException if {@code memory} is null
     */
    public Builder memory(MemoryStore memory) {
      this.memory = Checks.notNull(memory, "memory");
      return this;
    }

    /**
     * The model router (default: none, so {@code llm.*} tools are absent).
     *
     * @throws NullPointerException if {@code llm} is null
     */
    public Builder llm(LlmRouter llm) {
      this.llm = Checks.notNull(llm, "llm");
      return this;
    }

    /**
     * The host's tools (default: none).
     *
     * @throws NullPointerException if {@code tools} is null
     */
    public Builder tools(ToolRegistry tools) {
      this.tools = Checks.notNull(tools, "tools");
      return this;
    }

    /**
     * The host's consent callback (default: deny everything that needs a scope). One that answers
     * later, for a UI ({@link ConsentProvider#async}): a step waiting for the answer holds no
     * thread, a restart while the question is open asks again, and cancelling the plan, its
     * deadline, {@link #consentTimeout} or {@link Olympus#close()} withdraw the question.
     *
     * @throws NullPointerException if {@code consent} is null
     */
    public Builder consent(ConsentProvider consent) {
      this.consent = Checks.notNull(consent, "consent");
      return this;
    }

    /**
     * How long a consent question may stay unanswered before the step is BLOCKED as denied ("no
     * answer within ..."); by default it waits as long as the plan may run, as one too long to ever
     * run out ({@code ChronoUnit.FOREVER.getDuration()}) does.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder consentTimeout(Duration consentTimeout) {
      Checks.argument(
          !Checks.notNull(consentTimeout, "consentTimeout").isNegative()
              && !consentTimeout.isZero(),
          "consentTimeout must be positive but was " + consentTimeout);
      this.consentTimeout = Checks.notNull(consentTimeout, "consentTimeout");
      return this;
    }

    /**
     * Standing grants (default: none).
     *
     * @throws NullPointerException if {@code policy} is null
     */
    public Builder consentGrants(ConsentGrants policy) {
      this.policy = Checks.notNull(policy, "consentGrants");
      return this;
    }

    /**
     * Where steps run (default: a pool of {@code parallelism} daemon threads owned by Olympus).
     *
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Checks.notNull(executor, "executor");
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
      this.parallelism = Checks.notNull(parallelism, "parallelism");
      return this;
    }

    /**
     * The clock for timestamps and deadlines (default: system UTC). It is the one clock of a run:
     * step and plan deadlines are set on it, and each tool call's {@link
     * dev.olympus.tools.ToolContext} carries it, so the host's {@link #tools} registry and its
     * tools read those deadlines on this clock whatever clock the registry was built with (a
     * registry's own clock paces only its rate limits). Time limits are waited in real time: a
     * clock that stands still makes no step time out early or late; one moved past a deadline fails
     * the next check of it at once.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /**
     * The time limit of one attempt of a step whose guard sets none (default 10 minutes); one too
     * long to ever run out, such as {@code ChronoUnit.FOREVER.getDuration()}, is no limit.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxStepTime(Duration maxStepTime) {
      Checks.argument(
          !Checks.notNull(maxStepTime, "maxStepTime").isNegative() && !maxStepTime.isZero(),
          "maxStepTime must be positive but was " + maxStepTime);
      this.maxStepTime = Checks.notNull(maxStepTime, "maxStepTime");
      return this;
    }

    /**
     * This instance's owner id in the store's leases. Several processes, or several instances in
     * one process, may share one store: each plan and chat session is run by one owner at a time
     * (see {@link PlanExecutor}), so live instances must never share an owner id. The default names
     * this process and a random part, which lets a restarted process take over at once the plans of
     * a process of this machine that has died, instead of waiting for its leases to lapse; with an
     * id of your own they wait.
     *
     * @throws NullPointerException if {@code owner} is null
     * @throws IllegalArgumentException if {@code owner} is blank or longer than 200 characters
     */
    public Builder owner(String owner) {
      Checks.argument(
          !Checks.notNull(owner, "owner").isBlank() && owner.length() <= 200,
          "owner must be 1 to 200 characters, not blank");
      this.owner = Checks.notNull(owner, "owner");
      return this;
    }

    /**
     * How long this instance's claim on a plan or chat session lasts without renewal (default 30
     * seconds); it is renewed every third of this, in the background. Another process may take over
     * a plan only after its owner has failed to renew for this long, so a crashed process's plans
     * wait at most this long before {@code recoverAll()} elsewhere can continue them. One longer
     * than about 73 years counts as 73 years.
     *
     * @throws IllegalArgumentException if shorter than 1 second
     */
    public Builder leaseDuration(Duration leaseDuration) {
      Checks.argument(
          Checks.notNull(leaseDuration, "leaseDuration").compareTo(Duration.ofSeconds(1)) >= 0,
          "leaseDuration must be at least 1 second but was " + leaseDuration);
      this.leaseDuration = Checks.notNull(leaseDuration, "leaseDuration");
      return this;
    }

    /**
     * Makes this instance a worker of the store's work queue (default: not a worker, so only plans
     * submitted or resumed here run here). A worker claims, one at a time and oldest first, the
     * plans any process {@linkplain PlanExecutor#enqueue enqueued}, and the plans whose owner died
     * once their lease has lapsed, while fewer than {@code capacity} plans run here (plans that are
     * PAUSED do not count; plans submitted or resumed here do), and runs each as {@link
     * PlanExecutor#resume} would. It polls on a daemon thread ({@code olympus-queue-1}): again at
     * once when a run here ends, otherwise after a pause that grows to one second while the queue
     * is empty. A claimed plan that pauses for the host (a consent denied, an interrupted side
     * effect) is handed back to the store for any process to answer (see {@link
     * PlanExecutor#paused()}). {@link Olympus#close()} stops polling first.
     *
     * @throws IllegalArgumentException if not between 1 and 1024
     */
    public Builder worker(int capacity) {
      Checks.argument(
          capacity >= 1 && capacity <= 1024,
          "worker capacity must be between 1 and 1024 but was " + capacity);
      this.workerCapacity = capacity;
      return this;
    }

    /**
     * Hears each step attempt and tool call as it happens, on the thread that runs it (default:
     * {@link StepListener#NONE}); for tracing, as olympus-otel does.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder stepListener(StepListener listener) {
      this.stepListener = Checks.notNull(listener, "listener");
      return this;
    }

    /** Wires the parts. */
    public Olympus build() {
      return new Wiring(
              memory,
              llm,
              tools,
              consent == null ? ConsentProvider.denyAll() : consent,
              Optional.ofNullable(consentTimeout),
              policy == null ? ConsentGrants.empty() : policy,
              executor,
              parallelism == null ? 4 : parallelism,
              clock == null ? Clock.systemUTC() : clock,
              maxStepTime == null ? Duration.ofMinutes(10) : maxStepTime,
              owner == null ? OwnerIds.forThisProcess() : owner,
              leaseDuration == null ? Duration.ofSeconds(30) : leaseDuration,
              workerCapacity,
              stepListener)
          .build();
    }
  }
}
