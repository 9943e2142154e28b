package dev.olympus.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * The run-time status of one step: its state, how many attempts it made, its output or typed {@link
 * StepError}, and when it started and finished. Every change goes through the step transition
 * table.
 *
 * <p>Immutable and thread-safe: {@link #output()} returns a fresh copy each time.
 *
 * @param state the current state
 * @param attempts attempts started so far, {@code >= 0}
 * @param output the tool's output once DONE
 * @param error the error once FAILED, or why it is BLOCKED or SKIPPED
 * @param startedAt when the latest attempt started
 * @param finishedAt when it reached DONE, FAILED or SKIPPED
 */
public record StepStatus(
    StepState state,
    int attempts,
    Optional<JsonNode> output,
    Optional<StepError> error,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt) {

  private static final StepStatus PENDING =
      new StepStatus(
          StepState.PENDING,
          0,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  /**
   * Checks every field and copies the output.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  public StepStatus {
    Checks.notNull(state, "state");
    Checks.notNegative(attempts, "attempts");
    output = Checks.notNull(output, "output").map(JsonNode::deepCopy);
    Checks.notNull(error, "error");
    Checks.notNull(startedAt, "startedAt");
    Checks.notNull(finishedAt, "finishedAt");
  }

  /** A step that has not started. */
  public static StepStatus pending() {
    return PENDING;
  }

  /** Returns a copy of the output, if any. */
  @Override
  public Optional<JsonNode> output() {
    return output.map(JsonNode::deepCopy);
  }

  /**
   * A new attempt starts: RUNNING, one more attempt, no error.
   *
   * @throws IllegalTransitionException if the step cannot move to RUNNING
   */
  public StepStatus running(Instant at) {
    state.moveTo(StepState.RUNNING);
    return new StepStatus(
        StepState.RUNNING,
        attempts + 1,
        Optional.empty(),
        Optional.empty(),
        Optional.of(at),
        Optional.empty());
  }

  /**
   * The step finished with {@code output}.
   *
   * @throws IllegalTransitionException if the step cannot move to DONE
   */
  public StepStatus done(JsonNode output, Instant at) {
    state.moveTo(StepState.DONE);
    return new StepStatus(
        StepState.DONE,
        attempts,
        Optional.of(output),
        Optional.empty(),
        startedAt,
        Optional.of(at));
  }

  /**
   * The step moved to {@code target} (FAILED, BLOCKED or SKIPPED) because of {@code error}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalTransitionException if the table forbids the move
   */
  public StepStatus moveTo(StepState target, StepError error, Instant at) {
    return move(target, Optional.of(Checks.notNull(error, "error")), at);
  }

  /**
   * The step moved to {@code target} with no error (typically back to PENDING, to run again).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalTransitionException if the table forbids the move
   */
  public StepStatus moveTo(StepState target, Instant at) {
    return move(target, Optional.empty(), at);
  }

  private StepStatus move(StepState target, Optional<StepError> error, Instant at) {
    state.moveTo(target);
    Checks.notNull(at, "at");
    boolean finished = target == StepState.FAILED || target == StepState.SKIPPED;
    return new StepStatus(
        target,
        attempts,
        Optional.empty(),
        error,
        startedAt,
        finished ? Optional.of(at) : Optional.empty());
  }
}
