package dev.olympus.temporal.internal;

import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import dev.olympus.temporal.internal.Wire.JournalBatch;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The workflow's copy of its events for the host's event log: noted in the order they happen and
 * written by one activity at a time, in batches, so the log's order is the order of the run and a
 * step never waits for the log unless it asks to ({@link #awaitWritten()}).
 *
 * <p>Workflow code: runs on the workflow's threads only.
 */
final class Journal {
  private static final Logger LOG = Workflow.getLogger(Journal.class);

  private final String planId;
  private final StepActivities activities;
  private final List<String> buffered = new ArrayList<>();
  private long noted;
  private long written;
  private int batches;
  private boolean closing;
  private Promise<Void> writer;

  Journal(String planId, StepActivities activities) {
    this.planId = planId;
    this.activities = activities;
  }

  /** Adds {@code event} to the log, behind every event noted before it. */
  void note(PlanEvent event) {
    buffered.add(PlanJson.write(event));
    noted++;
    if (writer == null) {
      writer = Async.procedure(this::writeAll);
    }
  }

  /** Returns once every event noted so far is in the log. */
  void awaitWritten() {
    long target = noted;
    Workflow.await(() -> written >= target);
  }

  /** True if every event noted so far is in the log. */
  boolean caughtUp() {
    return written >= noted;
  }

  /** Writes what is left and returns once it is in the log. */
  void close() {
    closing = true;
    awaitWritten();
    if (writer != null) {
      writer.get();
    }
  }

  private void writeAll() {
    while (true) {
      Workflow.await(() -> !buffered.isEmpty() || closing);
      if (buffered.isEmpty()) {
        return;
      }
      List<String> batch = List.copyOf(buffered);
      buffered.clear();
      long upTo = noted;
      String marker = Workflow.getInfo().getWorkflowId() + "#" + ++batches;
      try {
        activities.journal(new JournalBatch(planId, marker, batch));
      } catch (ActivityFailure e) {
        // Only a refused batch gets here (a store fault is retried): the run goes on without it.
        LOG.error("plan {}: {} events could not be logged: {}", planId, batch.size(), e);
      }
      written = upTo;
    }
  }
}
