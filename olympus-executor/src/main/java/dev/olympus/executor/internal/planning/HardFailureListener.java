package dev.olympus.executor.internal.planning;

import dev.olympus.plan.Plan;
import dev.olympus.plan.Step;

/**
 * Told when a step is about to be marked FAILED by an error; the listener decides whether the error
 * is worth remembering (see {@link Refractory}). Called on the step's worker thread, without the
 * run's lock; it must not throw, and should be quick.
 */
public interface HardFailureListener {
  /** A listener that ignores every failure. */
  HardFailureListener NONE = (plan, step, error) -> {};

  /** Step {@code step} of {@code plan} failed with {@code error} after its retries. */
  void stepFailed(Plan plan, Step step, Throwable error);
}
