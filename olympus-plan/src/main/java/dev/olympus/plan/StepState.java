package dev.olympus.plan;

import dev.olympus.plan.internal.TransitionTable;

/**
 * The life cycle of one step. Legal moves are fixed by one table:
 *
 * <pre>
 * PENDING → RUNNING | BLOCKED | SKIPPED
 * RUNNING → DONE | FAILED | BLOCKED | SKIPPED | PENDING (interrupted, to be re-run)
 * BLOCKED → PENDING (approved) | SKIPPED (rejected) | DONE (the host settled it: the effect happened)
 * FAILED  → PENDING (explicit retry)
 * DONE, SKIPPED: terminal
 * </pre>
 */
public enum StepState {
  /** Waiting for its dependencies, consent or a free worker. */
  PENDING,
  /** The tool is being invoked. */
  RUNNING,
  /** Finished successfully; its output is available to dependents. */
  DONE,
  /** Finished with an error after its retries. */
  FAILED,
  /** Waiting for a decision by the host (consent denied, or interrupted side effect). */
  BLOCKED,
  /** Will never run, because an ancestor failed, the plan was cancelled or it was rejected. */
  SKIPPED;

  /** Returns true if no transition leaves this state. */
  public boolean isTerminal() {
    return TransitionTable.STEPS.isTerminal(this);
  }

  /** Returns true if the table allows moving from this state to {@code target}. */
  public boolean canMoveTo(StepState target) {
    return TransitionTable.STEPS.allows(this, target);
  }

  /**
   * Returns {@code target} if the move from this state is legal.
   *
   * @throws IllegalTransitionException if the table forbids the move
   */
  public StepState moveTo(StepState target) {
    return TransitionTable.STEPS.check(this, target);
  }
}
