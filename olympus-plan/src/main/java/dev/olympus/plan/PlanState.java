package dev.olympus.plan;

import dev.olympus.plan.internal.TransitionTable;

/**
 * The life cycle of a plan. Legal moves are fixed by one table:
 *
 * <pre>
 * DRAFT   → QUEUED | CANCELLED
 * QUEUED  → RUNNING | CANCELLED
 * RUNNING → PAUSED | DONE | FAILED | CANCELLED
 * PAUSED  → RUNNING | FAILED | CANCELLED
 * DONE, FAILED, CANCELLED: terminal
 * </pre>
 */
public enum PlanState {
  /** Built but not yet submitted. */
  DRAFT,
  /** Submitted, waiting to start. */
  QUEUED,
  /** Steps are being executed. */
  RUNNING,
  /** Waiting for the host (a blocked step, or an explicit pause). */
  PAUSED,
  /** Every step is DONE or SKIPPED and none failed. */
  DONE,
  /** A required step failed, or the plan's deadline or budget was exceeded. */
  FAILED,
  /** Cancelled by the host. */
  CANCELLED;

  /** Returns true if no transition leaves this state. */
  public boolean isTerminal() {
    return TransitionTable.PLANS.isTerminal(this);
  }

  /** Returns true if the table allows moving from this state to {@code target}. */
  public boolean canMoveTo(PlanState target) {
    return TransitionTable.PLANS.allows(this, target);
  }

  /**
   * Returns {@code target} if the move from this state is legal.
   *
   * @throws IllegalTransitionException if the table forbids the move
   */
  public PlanState moveTo(PlanState target) {
    return TransitionTable.PLANS.check(this, target);
  }
}
