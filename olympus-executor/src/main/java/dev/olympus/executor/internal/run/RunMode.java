package dev.olympus.executor.internal.run;

/**
 * What a run is doing besides running its steps, in rising precedence: a run only moves to a later
 * mode (the host's resume takes PAUSING back to ACTIVE), so when two things happen the stronger one
 * decides, e.g. a cancel during a pause cancels.
 */
enum RunMode {
  /** Starting steps as they become ready. */
  ACTIVE,
  /** The host asked to pause: no new step starts; PAUSED once the running ones return. */
  PAUSING,
  /** A required step failed or was rejected: no new step starts; FAILED once they return. */
  FAILING,
  /** The plan's deadline passed: running steps are signalled; FAILED once they return. */
  TIMED_OUT,
  /** The host cancelled: running steps are signalled; CANCELLED once they return. */
  CANCELLING,
  /** Olympus is closing: nothing more happens here; the checkpoint keeps the plan resumable. */
  SUSPENDED,
  /** Progress could not be written (or another executor took the plan): the run stopped here. */
  BROKEN;

  /** The stronger of this mode and {@code other}. */
  RunMode and(RunMode other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** True once no new step may start or be marked RUNNING, whatever else happens. */
  boolean stopsSteps() {
    return compareTo(CANCELLING) >= 0;
  }

  /** True once this process does nothing more for the run (suspended or broken). */
  boolean halted() {
    return compareTo(SUSPENDED) >= 0;
  }
}
