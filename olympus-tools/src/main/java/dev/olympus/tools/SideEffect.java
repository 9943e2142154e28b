package dev.olympus.tools;

/**
 * What running a tool does to the world; the executor uses it to decide whether a re-run is safe.
 */
public enum SideEffect {
  /** Reads only; running it again changes nothing. */
  READ_ONLY,
  /** Changes state, but running it again with the same input leaves the same state. */
  IDEMPOTENT,
  /** Changes state in a way a repeat would duplicate (send, append, pay). */
  SIDE_EFFECT;

  /** Returns whether a call interrupted by a crash may be re-run without asking. */
  public boolean safeToRepeat() {
    return this != SIDE_EFFECT;
  }
}
