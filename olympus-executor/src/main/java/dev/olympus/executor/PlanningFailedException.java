package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;

/**
 * Thrown when the model wrote no valid plan within the planner's depth limit. {@link #transcript()}
 * holds every draft and the problems found in each, so the host can show why.
 */
public final class PlanningFailedException extends ExecutorException {
  private static final long serialVersionUID = 1L;

  private final transient PlanningTranscript transcript;

  /**
   * Creates the exception.
   *
   * @throws NullPointerException if an argument is null
   */
  public PlanningFailedException(String message, PlanningTranscript transcript) {
    super(Checks.notNull(message, "message"), null);
    this.transcript = Checks.notNull(transcript, "transcript");
  }

  /** Every draft and the problems found in each. */
  public PlanningTranscript transcript() {
    return transcript;
  }
}
