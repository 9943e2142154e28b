package dev.olympus.executor;

/** Thrown when a plan id names no checkpointed plan. */
public final class PlanNotFoundException extends ExecutorException {
  private static final long serialVersionUID = 1L;

  private final String planId;

  /** Creates the exception for {@code planId}. */
  public PlanNotFoundException(String planId) {
    super("no checkpointed plan with id '" + planId + "'", null);
    this.planId = planId;
  }

  /** The id that was not found. */
  public String planId() {
    return planId;
  }
}
