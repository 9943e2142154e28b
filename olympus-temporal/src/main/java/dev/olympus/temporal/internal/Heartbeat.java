package dev.olympus.temporal.internal;

import dev.olympus.plan.Cancellation;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells Temporal that an activity's worker is alive while a tool or a consent question takes its
 * time, and passes a cancellation of the step (the plan cancelled, its deadline passed) on to the
 * tool through its context. Thread-safe.
 */
final class Heartbeat implements AutoCloseable {
  private final ScheduledFuture<?> beat;

  private Heartbeat(ScheduledFuture<?> beat) {
    this.beat = beat;
  }

  /** Beats for {@code activity} every third of its heartbeat timeout until closed. */
  static Heartbeat start(
      ScheduledExecutorService timer,
      ActivityExecutionContext activity,
      Cancellation cancellation) {
    long every = Math.max(50, activity.getInfo().getHeartbeatTimeout().toMillis() / 3);
    Runnable beat =
        () -> {
          try {
            activity.heartbeat(null);
          } catch (ActivityCompletionException e) {
            cancellation.cancel(); // cancelled, timed out or the workflow is gone
          }
        };
    try {
      return new Heartbeat(timer.scheduleAtFixedRate(beat, 0, every, TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      return new Heartbeat(null); // the worker is closing: Temporal hears no more from it
    }
  }

  @Override
  public void close() {
    if (beat != null) {
      beat.cancel(false);
    }
  }
}
