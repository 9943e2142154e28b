package dev.olympus.temporal.internal;

import dev.olympus.temporal.internal.Wire.PlanTask;
import dev.olympus.temporal.internal.Wire.View;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One plan run as a Temporal workflow. The host steers it with updates (each refused by its
 * validator, with the same exceptions as {@code PlanRun}, when it does not apply) and reads it with
 * a query. Names are fixed here: a recorded history refers to them.
 */
@WorkflowInterface
public interface PlanWorkflow {
  /** The workflow type name. */
  String TYPE = "OlympusPlan";

  /** Runs the plan to its end; returns the final snapshot as JSON. */
  @WorkflowMethod(name = TYPE)
  String run(PlanTask task);

  /** The plan's state now. */
  @QueryMethod(name = "view")
  View view();

  /** Starts no new step; the plan becomes PAUSED once the running steps return. */
  @UpdateMethod(name = "pause")
  void pause();

  /** Continues a paused plan. */
  @UpdateMethod(name = "resume")
  void resume();

  /** Refuses {@link #resume()} on a finished plan. */
  @UpdateValidatorMethod(updateName = "resume")
  void validateResume();

  /** Cancels the plan. */
  @UpdateMethod(name = "cancel")
  void cancel();

  /** Approves a BLOCKED step. */
  @UpdateMethod(name = "approve")
  void approve(String stepId);

  /** Refuses {@link #approve} of a step that is not BLOCKED. */
  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(String stepId);

  /** Rejects a BLOCKED step. */
  @UpdateMethod(name = "reject")
  void reject(String stepId, String reason);

  /** Refuses {@link #reject} of a step that is not BLOCKED. */
  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(String stepId, String reason);

  /** Settles a BLOCKED step as DONE with {@code output} (JSON). */
  @UpdateMethod(name = "complete")
  void complete(String stepId, String output);

  /** Refuses {@link #complete} of a step that is not BLOCKED. */
  @UpdateValidatorMethod(updateName = "complete")
  void validateComplete(String stepId, String output);

  /** Answers an open consent question: allowed, or denied for {@code reason}. */
  @UpdateMethod(name = "answer")
  void answer(String stepId, boolean allowed, String reason);

  /** Refuses {@link #answer} for a step with no open question. */
  @UpdateValidatorMethod(updateName = "answer")
  void validateAnswer(String stepId, boolean allowed, String reason);
}
