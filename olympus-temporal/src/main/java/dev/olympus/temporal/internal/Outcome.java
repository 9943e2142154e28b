package dev.olympus.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.StepError;

/** How one step's run ended (the same four ends as in process). */
sealed interface Outcome {
  /** The tool returned {@code output}. */
  record Done(JsonNode output) implements Outcome {}

  /** The step failed with {@code error} after its retries. */
  record Failed(StepError error) implements Outcome {}

  /** The step needs the host (consent denied, or a side effect interrupted). */
  record Blocked(StepError reason) implements Outcome {}

  /** The run was cancelled, or its deadline passed, before or while the step ran. */
  record Cancelled() implements Outcome {}
}
