package dev.olympus.executor.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.StepError;

/** How one step's run ended. */
public sealed interface StepOutcome {
  /** The tool returned {@code output}. */
  record Done(JsonNode output) implements StepOutcome {}

  /** The step failed with {@code error} after its retries. */
  record Failed(StepError error) implements StepOutcome {}

  /** The step needs the host: consent was denied. */
  record Blocked(StepError.ConsentDenied reason) implements StepOutcome {}

  /** The run was cancelled before or while the step ran. */
  record Cancelled() implements StepOutcome {}

  /**
   * The step's tool was never called, because the run stopped starting steps (paused, failing,
   * timed out, cancelled) before it was marked RUNNING: it is left PENDING for the run to settle.
   */
  record NotStarted() implements StepOutcome {}
}
