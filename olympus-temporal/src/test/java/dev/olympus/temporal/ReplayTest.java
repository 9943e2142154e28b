package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.olympus.temporal.internal.PlanWorkflowImpl;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays a recorded history of a plan (data flow, a parallel pair, a retried step, a side effect
 * denied, paused, approved and done) against the workflow as it is now: a change that would make
 * plans already running on Temporal take another path fails here, before it reaches them. Record a
 * new history with {@link HistoryRecorder} only for a deliberate, versioned change.
 *
 * <p>The replaying worker allows a workflow task 30 seconds instead of Temporal's one: the first
 * replay in a cold JVM loads the plan classes on the workflow thread, which on a loaded machine (or
 * under a coverage agent) takes longer than a second and would be reported as a deadlock.
 */
class ReplayTest {
  private static final String HISTORY = "histories/plan-v1.json";

  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void replayer() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    worker =
        env.newWorker(
            "replay",
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
    worker.registerWorkflowImplementationTypes(PlanWorkflowImpl.class);
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void theRecordedPlanReplaysOnTheCurrentWorkflow() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, worker);
  }

  @Test
  void aHistoryOfAnotherPathDoesNotReplay() {
    assertThrows(
        RuntimeException.class,
        () ->
            WorkflowReplayer.replayWorkflowExecutionFromResource(
                "histories/plan-v1-tampered.json", worker));
  }
}
