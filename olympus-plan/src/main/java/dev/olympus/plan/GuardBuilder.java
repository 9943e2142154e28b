package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * Fluent builder for a {@link Guard}, used inside {@link StepBuilder#guard}. Values are checked
 * when the plan is built, so every problem of a plan is reported together.
 *
 * <p>Not thread-safe.
 */
public final class GuardBuilder {
  private int retries = Guard.DEFAULT.retries();
  private Duration backoff = Guard.DEFAULT.backoff();
  private double jitter = Guard.DEFAULT.jitter();
  private Optional<Duration> deadline = Guard.DEFAULT.deadline();
  private Budget budget = Guard.DEFAULT.budget();
  private boolean consentRequired;
  private boolean optional;

  GuardBuilder() {}

  /** Extra attempts after the first, for retryable errors (0 to {@value Guard#MAX_RETRIES}). */
  public GuardBuilder retries(int retries) {
    this.retries = retries;
    return this;
  }

  /**
   * The delay before the first retry; it doubles for each further retry.
   *
   * @throws NullPointerException if {@code backoff} is null
   */
  public GuardBuilder backoff(Duration backoff) {
    this.backoff = Checks.notNull(backoff, "backoff");
    return this;
  }

  /** The random fraction, 0 to 1, applied to each backoff delay. */
  public GuardBuilder jitter(double jitter) {
    this.jitter = jitter;
    return this;
  }

  /**
   * The time limit of one attempt.
   *
   * @throws NullPointerException if {@code deadline} is null
   */
  public GuardBuilder deadline(Duration deadline) {
    this.deadline = Optional.of(Checks.notNull(deadline, "deadline"));
    return this;
  }

  /**
   * The step's own budget; it must fit within the plan's.
   *
   * @throws NullPointerException if {@code budget} is null
   */
  public GuardBuilder budget(Budget budget) {
    this.budget = Checks.notNull(budget, "budget");
    return this;
  }

  /** Ask the host every time, even when a standing grant covers the step. */
  public GuardBuilder consentRequired(boolean consentRequired) {
    this.consentRequired = consentRequired;
    return this;
  }

  /** Let the plan continue when this step fails. */
  public GuardBuilder optional(boolean optional) {
    this.optional = optional;
    return this;
  }

  /**
   * Builds the guard.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  Guard build() {
    return new Guard(retries, backoff, jitter, deadline, budget, consentRequired, optional);
  }
}
