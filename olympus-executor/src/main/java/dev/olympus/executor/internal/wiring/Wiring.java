package dev.olympus.executor.internal.wiring;

import dev.olympus.executor.ChatOptions;
import dev.olympus.executor.ChatSession;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.Planner;
import dev.olympus.executor.StepListener;
import dev.olympus.executor.internal.Durations;
import dev.olympus.executor.internal.StepHooks;
import dev.olympus.executor.internal.chat.ChatSessions;
import dev.olympus.executor.internal.planning.DefaultPlanner;
import dev.olympus.executor.internal.planning.PlanCheck;
import dev.olympus.executor.internal.planning.PlanningJournal;
import dev.olympus.executor.internal.planning.Refractory;
import dev.olympus.executor.internal.run.BudgetBook;
import dev.olympus.executor.internal.run.DefaultPlanExecutor;
import dev.olympus.executor.internal.run.Ownership;
import dev.olympus.executor.internal.run.QueueWorker;
import dev.olympus.executor.internal.run.RunJournal;
import dev.olympus.executor.internal.tools.CombinedRegistry;
import dev.olympus.executor.internal.tools.LlmTools;
import dev.olympus.executor.internal.tools.MemoryTools;
import dev.olympus.executor.internal.tools.Toolbox;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.tools.ConsentGate;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds an {@link Olympus} from the builder's settings. */
public final class Wiring {
  // How long close() lets running steps react to their cancellation signal.
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final MemoryStore memory;
  private final LlmRouter llm;
  private final ToolRegistry hostTools;
  private final ConsentProvider consent;
  private final Optional<Duration> consentTimeout;
  private final ConsentGrants policy;
  private final java.util.concurrent.Executor executor;
  private final int parallelism;
  private final Clock clock;
  private final Duration maxStepTime;
  private final String owner;
  private final Duration leaseDuration;
  private final int workerCapacity;
  private final StepListener stepListener;

  /** Takes the settings; nulls mean "use the default". */
  public Wiring(
      MemoryStore memory,
      LlmRouter llm,
      ToolRegistry hostTools,
      ConsentProvider consent,
      Optional<Duration> consentTimeout,
      ConsentGrants policy,
      java.util.concurrent.Executor executor,
      int parallelism,
      Clock clock,
      Duration maxStepTime,
      String owner,
      Duration leaseDuration,
      int workerCapacity,
      StepListener stepListener) {
    this.memory = memory;
    this.llm = llm;
    this.hostTools = hostTools;
    this.consent = consent;
    this.consentTimeout = consentTimeout;
    this.policy = policy;
    this.executor = executor;
    this.parallelism = parallelism;
    this.clock = clock;
    this.maxStepTime = maxStepTime;
    this.owner = owner;
    this.leaseDuration = leaseDuration;
    this.workerCapacity = workerCapacity;
    this.stepListener = stepListener;
  }

  /** Wires everything. */
  public Olympus build() {
    List<AutoCloseable> owned = new ArrayList<>();
    ExecutorService journalWriter =
        Executors.newSingleThreadExecutor(daemonThreads("olympus-journal-"));
    owned.add(() -> drain(journalWriter));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("olympus-deadline-"));
    owned.add(() -> shutdown(timer));
    MemoryStore store = memory;
    if (store == null) {
      store = SqliteMemoryStore.inMemory();
      owned.add(store);
    }
    java.util.concurrent.Executor workers = executor;
    if (workers == null) {
      ExecutorService pool =
          Executors.newFixedThreadPool(parallelism, daemonThreads("olympus-step-"));
      owned.add(() -> shutdown(pool));
      workers = pool;
    }
    EventSink sink = new EventSink();
    ConsentEvents consentEvents = new ConsentEvents(sink);
    ConsentGate gate = gate(consentEvents, policy);
    // A fresh gate per request: answers given to a step that must always ask are never remembered.
    java.util.function.Supplier<ConsentGate> strict =
        () -> gate(consentEvents, ConsentGrants.empty());
    BudgetBook budgets = new BudgetBook();
    RunJournal journal = new RunJournal(store);
    List<ToolRegistry> registries = new ArrayList<>();
    if (hostTools != null) {
      registries.add(hostTools);
    }
    registries.add(builtins(store, budgets, sink));
    EventSink toolCalls = new EventSink();
    Toolbox toolbox = new Toolbox(registries, new StepHooks(stepListener), toolCalls, clock);
    Refractory refractory = new Refractory(store, clock);
    Ownership ownership = new Ownership(store.leases(), owner, leaseDuration, timer);
    ExecutorServices services =
        new ExecutorServices(
            toolbox,
            gate,
            strict,
            budgets,
            journal,
            workers,
            journalWriter,
            timer,
            clock,
            parallelism,
            maxStepTime,
            refractory,
            ownership);
    ToolRegistry allTools = new CombinedRegistry(toolbox, registries);
    DefaultPlanExecutor planExecutor = new DefaultPlanExecutor(services, new PlanCheck(allTools));
    toolCalls.sendTo(planExecutor::recordForRun);
    Planner planner =
        new DefaultPlanner(llm, allTools, refractory, new PlanningJournal(store, clock));
    ChatSessions chats = new ChatSessions(services, allTools, store, llm);
    sink.sendTo(
        event -> {
          if (!chats.record(event)) {
            planExecutor.record(event);
          }
        });
    AutoCloseable worker =
        workerCapacity == 0
            ? () -> {}
            : new QueueWorker(planExecutor, workerCapacity, "olympus-queue-1");
    return new Instance(
        planExecutor,
        store,
        allTools,
        llm,
        planner,
        chats,
        ownership,
        worker,
        owned,
        new AtomicBoolean());
  }

  private ConsentGate gate(ConsentEvents listener, ConsentGrants grants) {
    ConsentGate.Builder gate =
        ConsentGate.builder().provider(consent).grants(grants).listener(listener).clock(clock);
    consentTimeout.map(Durations::capped).ifPresent(gate::timeout);
    return gate.build();
  }

  private ToolRegistry builtins(MemoryStore store, BudgetBook budgets, EventSink sink) {
    ToolRegistry.Builder builder = ToolRegistry.builder().clock(clock);
    builder.add(new MemoryTools(store, clock).tools());
    if (llm != null) {
      builder.add(new LlmTools(llm, budgets, sink, clock).tools());
    }
    return builder.build();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  // Commits already queued still run: they may hold the last transitions of a finished plan.
  private static void drain(ExecutorService journalWriter) throws InterruptedException {
    journalWriter.shutdown();
    journalWriter.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static void shutdown(ExecutorService pool) throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** The wired instance. */
  private record Instance(
      DefaultPlanExecutor executor,
      MemoryStore memory,
      ToolRegistry tools,
      LlmRouter router,
      Planner planner,
      ChatSessions chats,
      Ownership ownership,
      AutoCloseable worker,
      List<AutoCloseable> owned,
      AtomicBoolean closed)
      implements Olympus {

    @Override
    public ChatSession chat(String sessionId, ChatOptions options) {
      return chats.open(sessionId, options);
    }

    @Override
    public Optional<LlmRouter> llm() {
      return Optional.ofNullable(router);
    }

    @Override
    public void close() {
      if (closed.getAndSet(true)) {
        return; // idempotent: the runs were suspended and the resources released once
      }
      closeQuietly(worker); // no new claim while the runs are suspended
      executor.close(CLOSE_GRACE);
      chats.closeAll();
      ownership.close();
      owned.forEach(Instance::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable resource) {
      try {
        resource.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Wiring.class).warn("could not close {}", resource, e);
      }
    }
  }
}
