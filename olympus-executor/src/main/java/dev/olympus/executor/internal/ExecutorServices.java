package dev.olympus.executor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.CircuitBreaker;
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
  Ownership ownership() {
    return ownership;
  }

  Toolbox tools() {
    return tools;
  }

  ConsentGate consent() {
    return consent;
  }

  /** A gate without standing grants, for steps whose guard requires consent every time. */
  ConsentGate strictConsent() {
    return strictConsent.get();
  }

  BudgetBook budgets() {
    return budgets;
  }

  RunJournal journal() {
    return journal;
  }

  Executor executor() {
    return executor;
  }

  /** The one thread that commits the transitions of steps that are safe to repeat, in batches. */
  Executor journalWriter() {
    return journalWriter;
  }

  /** The thread that wakes runs whose deadline has passed. */
  ScheduledExecutorService timer() {
    return timer;
  }

  Clock clock() {
    return clock;
  }

  int parallelism() {
    return parallelism;
  }

  Duration maxStepTime() {
    return maxStepTime;
  }

  /** Told when a step fails, to remember approaches that failed for good. */
  HardFailureListener hardFailures() {
    return hardFailures;
  }

  CircuitBreaker<JsonNode> breaker(String toolId) {
    return breakers.computeIfAbsent(toolId, id -> Failures.breaker());
  }
}
