package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a step is protected: retries with exponential backoff and jitter, a deadline per attempt, a
 * step budget, whether consent must always be asked, and whether the plan may continue when the
 * step fails.
 *
 * <pre>{@code
 * .step("fetch", s -> s.uses("net.http.get").with("url", u)
 *     .guard(g -> g.retries(3).backoff(Duration.ofMillis(500)).deadline(Duration.ofSeconds(10))))
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Guard {
  /** The most retries a guard allows. */
  public static final int MAX_RETRIES = 100;

  /** Defaults: no retry, 200 ms backoff, 20% jitter, no deadline, no budget, not optional. */
  public static final Guard DEFAULT = builder().build();

  private final int retries;
  private final Duration backoff;
  private final double jitter;
  private final Optional<Duration> deadline;
  private final Budget budget;
  private final boolean consentRequired;
  private final boolean optional;

  private Guard(Builder b) {
    Checks.argument(
        b.retries >= 0 && b.retries <= MAX_RETRIES,
        "retries must be between 0 and " + MAX_RETRIES + " but was " + b.retries);
    Checks.argument(
        !b.backoff.isNegative() && !b.backoff.isZero(),
        "backoff must be positive but was " + b.backoff);
    Checks.argument(
        b.jitter >= 0 && b.jitter <= 1, "jitter must be between 0 and 1 but was " + b.jitter);
    b.deadline.ifPresent(
        d ->
            Checks.argument(
                !d.isNegative() && !d.isZero(), "deadline must be positive but was " + d));
    this.retries = b.retries;
    this.backoff = b.backoff;
    this.jitter = b.jitter;
    this.deadline = b.deadline;
    this.budget = b.budget;
    this.consentRequired = b.consentRequired;
    this.optional = b.optional;
  }

  /** A builder that starts from the {@linkplain #DEFAULT defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this guard's settings. */
  public Builder toBuilder() {
    Builder b =
        builder()
            .retries(retries)
            .backoff(backoff)
            .jitter(jitter)
            .budget(budget)
            .consentRequired(consentRequired)
            .optional(optional);
    b.deadline = deadline;
    return b;
  }

  /** Extra attempts after the first, for retryable errors only; {@code >= 0}. */
  public int retries() {
    return retries;
  }

  /** The delay before the first retry, doubled for each further retry; positive. */
  public Duration backoff() {
    return backoff;
  }

  /** The random fraction (0 to 1) added to or taken from each delay. */
  public double jitter() {
    return jitter;
  }

  /** The time limit of one attempt, if any; positive. */
  public Optional<Duration> deadline() {
    return deadline;
  }

  /** The step's own token and dollar limit (unlimited by default). */
  public Budget budget() {
    return budget;
  }

  /** True to ask the host every time, even when a standing grant covers the step. */
  public boolean consentRequired() {
    return consentRequired;
  }

  /** True if the plan continues (and dependents still run) when this step fails. */
  public boolean optional() {
    return optional;
  }

  /**
   * Returns the delay before retry number {@code retry} (1-based), before jitter.
   *
   * @throws IllegalArgumentException if {@code retry} is less than 1
   */
  public Duration backoffBefore(int retry) {
    Checks.argument(retry >= 1, "retry must be >= 1 but was " + retry);
    int doublings = Math.min(retry - 1, 30);
    return backoff.multipliedBy(1L << doublings);
  }

  /** Equal when every setting is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Guard g
        && retries == g.retries
        && backoff.equals(g.backoff)
        && Double.compare(jitter, g.jitter) == 0
        && deadline.equals(g.deadline)
        && budget.equals(g.budget)
        && consentRequired == g.consentRequired
        && optional == g.optional;
  }

  @Override
  public int hashCode() {
    return Objects.hash(retries, backoff, jitter, deadline, budget, consentRequired, optional);
  }

  @Override
  public String toString() {
    return "Guard[retries="
        + retries
        + ", backoff="
        + backoff
        + ", jitter="
        + jitter
        + ", deadline="
        + deadline
        + ", budget="
        + budget
        + ", consentRequired="
        + consentRequired
        + ", optional="
        + optional
        + "]";
  }

  /**
   * Builds a {@link Guard}: obtained from {@link Guard#builder()}, {@link Guard#toBuilder()} or
   * {@link Step.Builder#guard}. The last call of a setter wins; values are checked by {@link
   * #build()} (in a plan, when the plan is built, so every problem of a plan is reported together).
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private int retries;
    private Duration backoff = Duration.ofMillis(200);
    private double jitter = 0.2;
    private Optional<Duration> deadline = Optional.empty();
    private Budget budget = Budget.unlimited();
    private boolean consentRequired;
    private boolean optional;

    Builder() {}

    /** Extra attempts after the first, for retryable errors (0 to {@value Guard#MAX_RETRIES}). */
    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    /**
     * The delay before the first retry; it doubles for each further retry.
     *
     * @throws NullPointerException if {@code backoff} is null
     */
    public Builder backoff(Duration backoff) {
      this.backoff = Checks.notNull(backoff, "backoff");
      return this;
    }

    /** The random fraction, 0 to 1, applied to each backoff delay. */
    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * The time limit of one attempt.
     *
     * @throws NullPointerException if {@code deadline} is null
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Optional.of(Checks.notNull(deadline, "deadline"));
      return this;
    }

    /**
     * The step's own budget; it must fit within the plan's.
     *
     * @throws NullPointerException if {@code budget} is null
     */
    public Builder budget(Budget budget) {
      this.budget = Checks.notNull(budget, "budget");
      return this;
    }

    /** Ask the host every time, even when a standing grant covers the step. */
    public Builder consentRequired(boolean consentRequired) {
      this.consentRequired = consentRequired;
      return this;
    }

    /** Let the plan continue when this step fails. */
    public Builder optional(boolean optional) {
      this.optional = optional;
      return this;
    }

    /**
     * Builds the guard; the builder can build again.
     *
     * @throws IllegalArgumentException if a value is out of range, naming it
     */
    public Guard build() {
      return new Guard(this);
    }
  }
}
