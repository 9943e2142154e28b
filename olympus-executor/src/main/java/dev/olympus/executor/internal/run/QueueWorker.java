package dev.olympus.executor.internal.run;

import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.plan.PlanState;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes plans from the store's queue for one executor: while fewer than {@code capacity} of its
 * runs are running, it claims the plan that has waited longest and runs it as {@code resume} would.
 * It polls again at once after a claim, when a run here lets its plan go, or when a claimed run
 * pauses; otherwise after a pause that doubles while the queue stays empty. A claimed plan that
 * pauses for the host is handed back to the store, so any process may answer it. One daemon thread;
 * {@link #close()} stops polling and leaves the runs to the executor. Thread-safe.
 */
public final class QueueWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
  private static final long FIRST_PAUSE_MS = 25;
  private static final long LONGEST_PAUSE_MS = 1_000;

  private final DefaultPlanExecutor executor;
  private final int capacity;
  private final Set<PlanRunner> claimed = ConcurrentHashMap.newKeySet();
  private final Object signal = new Object();
  private boolean woken; // guarded by signal
  private volatile boolean closed;
  private final Thread thread;

  /** Starts polling for {@code executor}, running at most {@code capacity} plans at once. */
  public QueueWorker(DefaultPlanExecutor executor, int capacity, String threadName) {
    this.executor = executor;
    this.capacity = capacity;
    executor.whenRunEnds(this::wake);
    this.thread = new Thread(this::serve, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  private void serve() {
    long pause = FIRST_PAUSE_MS;
    while (!closed) {
      handBackPaused();
      pause = fill() ? FIRST_PAUSE_MS : Math.min(LONGEST_PAUSE_MS, pause * 2);
      if (!sleep(pause)) {
        return;
      }
    }
  }

  // True if it claimed a plan.
  private boolean fill() {
    boolean any = false;
    while (!closed && executor.running() < capacity) {
      Optional<PlanRun> next;
      try {
        next = executor.claimNext();
      } catch (RuntimeException e) {
        LOG.warn("could not take a plan from the queue; retrying", e);
        return any;
      }
      if (next.isEmpty()) {
        return any;
      }
      PlanRunner runner = (PlanRunner) next.get();
      claimed.add(runner);
      runner.onEvent(this::wakeOnPause);
      any = true;
    }
    return any;
  }

  private void wakeOnPause(RunEvent event) {
    if (event instanceof RunEvent.PlanChanged changed && changed.to() == PlanState.PAUSED) {
      wake();
    }
  }

  // A claimed run that waits for the host would hold this worker's capacity and its lease until the
  // host answered, and only this process could answer.
  private void handBackPaused() {
    for (PlanRunner runner : claimed) {
      boolean ended = executor.find(runner.planId()).filter(run -> run == runner).isEmpty();
      if (ended || executor.handBack(runner)) {
        claimed.remove(runner);
      }
    }
  }

  private void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  // False if interrupted.
  private boolean sleep(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    synchronized (signal) {
      try {
        while (!woken && !closed) {
          long left = end - System.nanoTime();
          if (left <= 0) {
            break;
          }
          signal.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        return false;
      }
      woken = false;
    }
    return true;
  }

  /** Stops polling and waits for the polling thread to end; the runs go on. Idempotent. */
  @Override
  public void close() {
    closed = true;
    wake();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
