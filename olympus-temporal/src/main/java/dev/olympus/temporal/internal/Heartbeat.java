package dev.olympus.temporal.internal;

import dev.olympus.plan.Cancellation;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells Temporal that an activity's worker is alive while a tool or a consent question takes its
 * time, and passes a cancellation of the step (the plan cancelled, its deadline passed) on to the
 * tool through its context. Thread-safe.
 */
final class Heartbeat implements AutoCloseable {
  private final ScheduledFuture<?> beat;
  private final AtomicBoolean workerStopping;

  private Heartbeat(ScheduledFuture<?> beat, AtomicBoolean workerStopping) {
    this.beat = beat;
    this.workerStopping = workerStopping;
  }

  /** Beats for {@code activity} every third of its heartbeat timeout until closed. */
  static Heartbeat start(
      ScheduledExecutorService timer,
      ActivityExecutionContext activity,
      Cancellation cancellation) {
    long every = Math.max(50, activity.getInfo().getHeartbeatTimeout().toMillis() / 3);
    AtomicBoolean workerStopping = new AtomicBoolean();
    Runnable beat =
        () -> {
          try {
            activity.heartbeat(null);
          } catch (ActivityCompletionException e) {
            // cancelled by the workflow, timed out, the workflow gone, or this worker stopping
            if (e instanceof ActivityWorkerShutdownException) {
              workerStopping.set(true);
            }
            cancellation.cancel();
          }
        };
    try {
      ScheduledFuture<?> beating = timer.scheduleAtFixedRate(beat, 0, every, TimeUnit.MILLISECONDS);
      return new Heartbeat(beating, workerStopping);
    } catch (RejectedExecutionException e) {
      // the worker is closing: Temporal hears no more from it
      workerStopping.set(true);
      return new Heartbeat(null, workerStopping);
    }
  }

  /**
   * True if this worker is stopping (its heartbeats refused, or the calling thread interrupted, as
   * a worker's shutdown does): a tool call cancelled now was cut short by the stop, not by the
   * workflow, and its step must continue elsewhere.
   */
  boolean workerStopping() {
    return workerStopping.get() || Thread.currentThread().isInterrupted();
  }

  @Override
  public void close() {
    if (beat != null) {
      beat.cancel(false);
    }
  }
}
