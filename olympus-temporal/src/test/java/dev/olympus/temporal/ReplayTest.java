package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.olympus.temporal.internal.PlanWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Replays a recorded history of a plan (data flow, a parallel pair, a retried step, a side effect
 * denied, paused, approved and done) against the workflow as it is now: a change that would make
 * plans already running on Temporal take another path fails here, before it reaches them. Record a
 * new history with {@link HistoryRecorder} only for a deliberate, versioned change.
 */
class ReplayTest {
  private static final String HISTORY = "histories/plan-v1.json";

  @Test
  void theRecordedPlanReplaysOnTheCurrentWorkflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, PlanWorkflowImpl.class);
  }

  @Test
  void aHistoryOfAnotherPathDoesNotReplay() {
    assertThrows(
        RuntimeException.class,
        () ->
            WorkflowReplayer.replayWorkflowExecutionFromResource(
                "histories/plan-v1-tampered.json", PlanWorkflowImpl.class));
  }
}
