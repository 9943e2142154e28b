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
 * <p>The deadline is an instant on {@link #clock()}, the clock of whoever set it (for a step of an
 * Olympus run, Olympus's clock), and is only ever read on that clock: {@link #remaining()} is what
 * a tool and a {@link ToolRegistry} bound their waits by, so a registry or tool on another clock
 * never misreads it. The waits themselves take real time: a clock that stands still never makes a
 * call time out early or late, and one moved past the deadline makes the next check fail at once.
 *
 * @param planId the plan the step belongs to
 * @param stepId the step being run
 * @param idempotencyKey a key that is the same for every attempt of this step
 * @param deadline when the call must have finished, on {@code clock}
 * @param clock the clock {@code deadline} is on
 * @param cancellation the signal that the call should stop
 */
public record ToolContext(
    String planId,
    String stepId,
    String idempotencyKey,
    Instant deadline,
    Clock clock,
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
    notNull(clock, "clock");
    notNull(cancellation, "cancellation");
  }

  /**
   * Creates a context whose deadline is on the system clock ({@link Clock#systemUTC()}), as one
   * computed from {@link Instant#now()} is.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id or the key is blank
   */
  public ToolContext(
      String planId,
      String stepId,
      String idempotencyKey,
      Instant deadline,
      Cancellation cancellation) {
    this(planId, stepId, idempotencyKey, deadline, Clock.systemUTC(), cancellation);
  }

  /**
   * Returns a context for a call outside any plan run (tests, a host's own use): plan and step ids
   * as given, idempotency key {@code planId/stepId}, deadline {@code timeout} from now on the
   * system clock.
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
   * Returns this context with {@code deadline}, an instant on this context's {@link #clock()},
   * instead.
   *
   * @throws NullPointerException if {@code deadline} is null
   */
  public ToolContext withDeadline(Instant deadline) {
    return new ToolContext(planId, stepId, idempotencyKey, deadline, clock, cancellation);
  }

  /** Returns the time left before the deadline, read on its {@link #clock()}, never negative. */
  public Duration remaining() {
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
