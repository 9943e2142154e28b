package dev.olympus.temporal.internal;

import dev.olympus.temporal.internal.Wire.InvokeRequest;
import dev.olympus.temporal.internal.Wire.Invoked;
import dev.olympus.temporal.internal.Wire.JournalBatch;
import dev.olympus.temporal.internal.Wire.OutputCheck;
import dev.olympus.temporal.internal.Wire.PrepareRequest;
import dev.olympus.temporal.internal.Wire.Prepared;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a plan's workflow asks of the worker: everything that touches the tools, the consent
 * provider, the model or the event log. Failures come back as {@code ApplicationFailure}s whose
 * type is the simple name of the error and whose message is the step's error text.
 */
@ActivityInterface(namePrefix = "olympus.")
public interface StepActivities {

  /** Checks a step's input and asks for consent; see {@link PrepareRequest}. */
  @ActivityMethod
  Prepared prepare(PrepareRequest request);

  /** Calls a step's tool once (Temporal's retry policy makes the further attempts). */
  @ActivityMethod
  Invoked invoke(InvokeRequest request);

  /** Appends a batch of events to the host's event log, exactly once. */
  @ActivityMethod
  void journal(JournalBatch batch);

  /** Checks an output the host settles a step with against its tool's output schema. */
  @ActivityMethod
  void checkOutput(OutputCheck check);
}
