package dev.olympus.executor.internal.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.CircuitBreaker;
import dev.olympus.executor.internal.Failures;
import dev.olympus.executor.internal.planning.HardFailureListener;
import dev.olympus.executor.internal.run.BudgetBook;
import dev.olympus.executor.internal.run.Ownership;
import dev.olympus.executor.internal.run.RunJournal;
import dev.olympus.executor.internal.tools.Toolbox;
import dev.olympus.tools.ConsentGate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every run of an executor shares: tools, consent gates, budgets, the journal and its writer
 * thread, the worker executor, the clock, and one circuit breaker per tool. Thread-safe.
 */
public final class ExecutorServices {
  private final Toolbox tools;
  private final ConsentGate consent;
  private final java.util.function.Supplier<ConsentGate> strictConsent;
  private final BudgetBook budgets;
  private final RunJournal journal;
  private final Executor executor;
  private final Executor journalWriter;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final int parallelism;
  private final Duration maxStepTime;
  private final HardFailureListener hardFailures;
  private final Ownership ownership;
  private final Map<String, CircuitBreaker<JsonNode>> breakers = new ConcurrentHashMap<>();

  /** Collects the shared services. */
  public ExecutorServices(
      Toolbox tools,
      ConsentGate consent,
      java.util.function.Supplier<ConsentGate> strictConsent,
      BudgetBook budgets,
      RunJournal journal,
      Executor executor,
      Executor journalWriter,
      ScheduledExecutorService timer,
      Clock clock,
      int parallelism,
      Duration maxStepTime,
      HardFailureListener hardFailures,
      Ownership ownership) {
    this.tools = tools;
    this.consent = consent;
    this.strictConsent = strictConsent;
    this.budgets = budgets;
    this.journal = journal;
    this.executor = executor;
    this.journalWriter = journalWriter;
    this.timer = timer;
    this.clock = clock;
    this.parallelism = parallelism;
    this.maxStepTime = maxStepTime;
    this.hardFailures = hardFailures;
    this.ownership = ownership;
  }

  /** The leases this executor instance holds on plans and chat sessions. */
  public Ownership ownership() {
    return ownership;
  }

  public Toolbox tools() {
    return tools;
  }

  public ConsentGate consent() {
    return consent;
  }

  /** A gate without standing grants, for steps whose guard requires consent every time. */
  public ConsentGate strictConsent() {
    return strictConsent.get();
  }

  public BudgetBook budgets() {
    return budgets;
  }

  public RunJournal journal() {
    return journal;
  }

  public Executor executor() {
    return executor;
  }

  /** The one thread that commits the transitions of steps that are safe to repeat, in batches. */
  public Executor journalWriter() {
    return journalWriter;
  }

  /** The thread that wakes runs whose deadline has passed. */
  public ScheduledExecutorService timer() {
    return timer;
  }

  public Clock clock() {
    return clock;
  }

  public int parallelism() {
    return parallelism;
  }

  public Duration maxStepTime() {
    return maxStepTime;
  }

  /** Told when a step fails, to remember approaches that failed for good. */
  public HardFailureListener hardFailures() {
    return hardFailures;
  }

  public CircuitBreaker<JsonNode> breaker(String toolId) {
    return breakers.computeIfAbsent(
        toolId, id -> Failures.breaker(state -> tools.hooks().breakerChanged(id, state)));
  }
}
