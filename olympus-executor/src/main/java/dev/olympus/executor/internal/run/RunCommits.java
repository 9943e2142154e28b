package dev.olympus.executor.internal.run;

import dev.olympus.executor.internal.HostCallbacks;
import dev.olympus.executor.internal.StepMdc;
import dev.olympus.executor.internal.wiring.ExecutorServices;
import dev.olympus.memory.Lease;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of one run. Changes are buffered in the order they happen and committed in
 * batches, each in one transaction with its events: now, by the calling thread, or soon, by the
 * journal thread, which takes everything buffered by the time it runs, so the slower the store, the
 * larger the batches. Committed events then go to the listeners, one thread at a time, in order,
 * never on the journal thread (a slow listener would hold up every commit).
 *
 * <p>A side effect's outcome may be held back for the commit that marks the next step RUNNING
 * ({@link #holdForNextStart}): until it is on disk, every step's start commits at once ({@link
 * #commitBeforeStart}), so no tool is called before it is durable, and one commit serves both.
 *
 * <p>Thread-safe. A failed commit stops all further commits and is reported once to {@code
 * onFailure}; what was committed before stays, so the plan can be recovered.
 */
final class RunCommits {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommits.class);

  private final String planId;
  private final Lease fence;
  private final RunJournal journal;
  private final Executor journalWriter;
  private final Executor listenerExecutor;
  private final Consumer<RuntimeException> onFailure;
  private final List<Consumer<PlanEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Object commitLock = new Object();
  private final AtomicBoolean commitQueued = new AtomicBoolean();
  private final AtomicBoolean deliveryQueued = new AtomicBoolean();
  private final Queue<PlanEvent> outbox = new ConcurrentLinkedQueue<>();
  private final ReentrantLock delivering = new ReentrantLock();

  // Guarded by this.
  private Map<String, StepStatus> steps = new LinkedHashMap<>();
  private List<PlanEvent> events = new ArrayList<>();
  private boolean changed;
  private PlanState state;
  private Instant updatedAt;
  private boolean failed;
  private long held; // side effects' outcomes buffered so far, each held for the next start
  private volatile long durable; // how many of those are on disk
  private volatile boolean endCommitted;

  RunCommits(
      String planId,
      Lease fence,
      PlanState state,
      Instant updatedAt,
      ExecutorServices services,
      Consumer<RuntimeException> onFailure) {
    this.planId = planId;
    this.fence = fence;
    this.state = state;
    this.updatedAt = updatedAt;
    this.journal = services.journal();
    this.journalWriter = services.journalWriter();
    this.listenerExecutor = services.executor();
    this.onFailure = onFailure;
  }

  /** Buffers a change: the plan's {@code state} as of {@code at}, steps that changed, events. */
  synchronized void change(
      PlanState state, Instant at, Map<String, StepStatus> changedSteps, List<PlanEvent> events) {
    this.state = state;
    this.updatedAt = at;
    this.steps.putAll(changedSteps);
    this.events.addAll(events);
    this.changed = true;
  }

  /** Buffers an event that changes no state; it waits for the next change or forced commit. */
  synchronized void note(PlanEvent event) {
    events.add(event);
  }

  /** Commits nothing more: the run stopped, and its last commit is what recovery will find. */
  synchronized void stop() {
    failed = true;
  }

  /** Adds a listener for committed events. */
  void listen(Consumer<PlanEvent> listener) {
    listeners.add(listener);
  }

  /** Whether the plan's end (a terminal state) is on disk. */
  boolean endCommitted() {
    return endCommitted;
  }

  /**
   * Commits what is buffered now, or leaves it to the journal thread ({@code behind}); either way
   * the listeners hear of it soon, on a step thread.
   */
  void commit(boolean behind) {
    if (behind) {
      commitSoon();
    } else {
      commitNow(false);
      deliverSoon();
    }
  }

  /**
   * Commits what is buffered before a step's tool is called: now if the tool is not safe to repeat
   * (its RUNNING mark must be on disk first) or a side effect's outcome is held; else behind.
   */
  void commitBeforeStart(boolean safeToRepeat) {
    commit(safeToRepeat && !holding());
  }

  /**
   * Holds the side effect's outcome just buffered for the next step's start, which commits it with
   * its own mark; left to the journal thread when no step is about to start on this thread.
   */
  void holdForNextStart(boolean stepStartsHere) {
    synchronized (this) {
      held++;
    }
    if (!stepStartsHere) {
      commitSoon();
    }
  }

  /** Commits a held outcome behind: the step that would have carried it waits (for a person). */
  void releaseHeld() {
    if (holding()) {
      commitSoon();
    }
  }

  private synchronized boolean holding() {
    return held > durable;
  }

  /** Commits what is buffered now, then delivers what is committed. */
  void commitAndDeliver() {
    commitNow(false);
    deliver();
  }

  /** Commits everything buffered, events alone included, before returning. */
  void commitAll() {
    commitNow(true);
    deliverSoon();
  }

  // At most one commit of this run is queued at a time; it takes what is buffered when it runs.
  private void commitSoon() {
    if (commitQueued.compareAndSet(false, true)) {
      try {
        journalWriter.execute(this::runQueuedCommit);
      } catch (RejectedExecutionException e) {
        commitQueued.set(false);
        commitNow(false);
      }
    }
  }

  private void runQueuedCommit() {
    commitQueued.set(false);
    commitNow(false);
    deliverSoon();
  }

  private void deliverSoon() {
    if (!outbox.isEmpty() && deliveryQueued.compareAndSet(false, true)) {
      try {
        listenerExecutor.execute(this::runQueuedDelivery);
      } catch (RejectedExecutionException e) {
        deliveryQueued.set(false); // await() delivers what is left
      }
    }
  }

  private void runQueuedDelivery() {
    deliveryQueued.set(false);
    deliver();
  }

  // Batches are taken and committed under one lock, so they reach the store in order: once one is
  // written (or found empty), everything buffered before it was taken is on disk.
  private void commitNow(boolean force) {
    synchronized (commitLock) {
      Batch batch = take(force);
      if (batch != null && (batch.empty() || written(batch))) {
        durable = batch.held();
      }
    }
  }

  private boolean written(Batch batch) {
    try {
      write(batch);
    } catch (RuntimeException | Error e) {
      stop();
      onFailure.accept(e instanceof RuntimeException r ? r : new IllegalStateException(e));
      return false;
    }
    if (batch.state().isTerminal()) {
      endCommitted = true;
    }
    if (!listeners.isEmpty()) {
      outbox.addAll(batch.events());
    }
    return true;
  }

  // A live run writes only under its lease: a run that lost its plan to another process is refused.
  private void write(Batch batch) {
    if (fence == null) {
      journal.update(planId, batch.state, batch.steps, batch.events, batch.at);
    } else {
      journal.update(fence, planId, batch.state, batch.steps, batch.events, batch.at);
    }
  }

  // Null once the run failed; an empty batch when there is nothing to write.
  private synchronized Batch take(boolean force) {
    if (failed) {
      return null;
    }
    if (!changed && (!force || events.isEmpty())) {
      return new Batch(null, Map.of(), List.of(), updatedAt, held);
    }
    Batch batch = new Batch(state, steps, events, updatedAt, held);
    steps = new LinkedHashMap<>();
    events = new ArrayList<>();
    changed = false;
    return batch;
  }

  private record Batch(
      PlanState state,
      Map<String, StepStatus> steps,
      List<PlanEvent> events,
      Instant at,
      long held) {
    boolean empty() {
      return state == null;
    }
  }

  /**
   * Delivers committed events, unless another thread is delivering them already or this thread is
   * (a listener calling back into the run): the delivery under way goes on with the new events, so
   * every listener hears every event in order.
   */
  void deliver() {
    if (delivering.isHeldByCurrentThread()) {
      return;
    }
    while (!outbox.isEmpty() && delivering.tryLock()) {
      try {
        drainOutbox();
      } finally {
        delivering.unlock();
      }
    }
  }

  /**
   * Delivers every committed event before returning, waiting for another deliverer if need be (not
   * when called from a listener, which cannot wait for itself).
   */
  void deliverAll() {
    if (delivering.isHeldByCurrentThread()) {
      return;
    }
    delivering.lock();
    try {
      drainOutbox();
    } finally {
      delivering.unlock();
    }
  }

  private void drainOutbox() {
    StepMdc mdc = StepMdc.open(planId, "", "");
    try {
      deliverOutbox();
    } finally {
      mdc.close();
    }
  }

  private void deliverOutbox() {
    for (PlanEvent event = outbox.poll(); event != null; event = outbox.poll()) {
      for (Consumer<PlanEvent> listener : listeners) {
        try {
          listener.accept(event);
        } catch (RuntimeException | Error e) {
          HostCallbacks.rethrowIfFatal(e);
          LOG.warn("event listener of plan {} failed on {}", planId, event.kind(), e);
        }
      }
    }
  }
}
