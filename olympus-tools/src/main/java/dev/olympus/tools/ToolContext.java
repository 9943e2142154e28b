package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.plan.Cancellation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a tool knows about the step it runs for. Immutable.
 *
 * <p>A tool with side effects should use {@link #idempotencyKey()} so a re-run after a crash does
 * not repeat the effect, stop by {@link #deadline()}, and check {@link #cancellation()} in long
 * loops (it is also interrupted when the call is cancelled or times out).
 *
 * @param planId the plan the step belongs to
 * @param stepId the step being run
 * @param idempotencyKey a key that is the same for every attempt of this step
 * @param deadline when the call must have finished
 * @param cancellation the signal that the call should stop
 */
public record ToolContext(
    String planId,
    String stepId,
    String idempotencyKey,
    Instant deadline,
    Cancellation cancellation) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id or the key is blank
   */
  public ToolContext {
    notBlank(planId, "planId");
    notBlank(stepId, "stepId");
    notBlank(idempotencyKey, "idempotencyKey");
    notNull(deadline, "deadline");
    notNull(cancellation, "cancellation");
  }

  /**
   * Returns a context for a call outside any plan run (tests, a host's own use): plan and step ids
   * as given, idempotency key {@code planId/stepId}, deadline {@code timeout} from now.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id is blank
   */
  public static ToolContext of(String planId, String stepId, Duration timeout) {
    notNull(timeout, "timeout");
    return new ToolContext(
        planId, stepId, planId + "/" + stepId, Instant.now().plus(timeout), new Cancellation());
  }

  /**
   * Returns this context with {@code deadline} instead.
   *
   * @throws NullPointerException if {@code deadline} is null
   */
  public ToolContext withDeadline(Instant deadline) {
    return new ToolContext(planId, stepId, idempotencyKey, deadline, cancellation);
  }

  /**
   * Returns the time left before the deadline according to {@code clock}, never negative.
   *
   * @throws NullPointerException if {@code clock} is null
   */
  public Duration remaining(Clock clock) {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * Throws if the call was cancelled.
   *
   * @throws ToolCancelledException naming {@code toolId} if {@link #cancellation()} is cancelled
   */
  public void throwIfCancelled(String toolId) {
    if (cancellation.isCancelled()) {
      throw new ToolCancelledException(toolId);
    }
  }
}
