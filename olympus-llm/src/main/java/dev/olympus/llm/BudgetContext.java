package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.budget.ContextHold;
import dev.olympus.plan.Money;
import java.util.List;
import java.util.Objects;

/**
 * Who a call is for and what it may spend: the plan, step and correlation ids (logged in the MDC
 * and passed to listeners) and the meters of the plan's and step's tokens and dollars.
 *
 * <pre>{@code
 * BudgetContext ctx = BudgetContext.builder("plan-7", "summarize")
 *     .correlationId("req-42")
 *     .planTokens(planTokens)            // shared by every step of the plan
 *     .stepTokens(TokenMeter.of(2_000))
 *     .planUsd(planDollars)              // a UsdMeter, shared too
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe (the meters it refers to are thread-safe).
 */
public final class BudgetContext {
  private final String planId;
  private final String stepId;
  private final String correlationId;
  private final TokenMeter planTokens;
  private final TokenMeter stepTokens;
  private final UsdMeter planUsd;
  private final UsdMeter stepUsd;

  private BudgetContext(Builder b) {
    this.planId = b.planId;
    this.stepId = b.stepId;
    this.correlationId = b.correlationId;
    this.planTokens = b.planTokens;
    this.stepTokens = b.stepTokens;
    this.planUsd = b.planUsd;
    this.stepUsd = b.stepUsd;
  }

  /** No ids and no limits: fresh unlimited meters, shared with no other context. */
  public static BudgetContext none() {
    return builder("", "").build();
  }

  /**
   * A builder for a context of one step of a plan, without limits until some are set.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(String planId, String stepId) {
    return new Builder().planId(planId).stepId(stepId);
  }

  /** A builder that starts from this context's settings. */
  public Builder toBuilder() {
    return new Builder()
        .planId(planId)
        .stepId(stepId)
        .correlationId(correlationId)
        .planTokens(planTokens)
        .stepTokens(stepTokens)
        .planUsd(planUsd)
        .stepUsd(stepUsd);
  }

  /** The plan's id, or empty. */
  public String planId() {
    return planId;
  }

  /** The step's id, or empty. */
  public String stepId() {
    return stepId;
  }

  /** An id that ties log lines together, or empty. */
  public String correlationId() {
    return correlationId;
  }

  /** The plan's token meter. */
  public TokenMeter planTokens() {
    return planTokens;
  }

  /** The step's token meter. */
  public TokenMeter stepTokens() {
    return stepTokens;
  }

  /** The plan's dollar meter. */
  public UsdMeter planUsd() {
    return planUsd;
  }

  /** The step's dollar meter. */
  public UsdMeter stepUsd() {
    return stepUsd;
  }

  /**
   * Reserves {@code tokens} and {@code usd} on all four meters at once, or on none: no other call
   * sees a part of the reservation. The router calls this before every model call with the call's
   * worst case; a host that calls a provider itself can do the same.
   *
   * @param tokens the most tokens the call may use
   * @param usd the most the call may cost
   * @return the hold, to settle with the real usage or to close
   * @throws NullPointerException if {@code usd} is null
   * @throws IllegalArgumentException if {@code tokens} is negative
   * @throws BudgetExceededException if a meter has no room, naming the first that has none (plan
   *     tokens, step tokens, plan dollars, step dollars, in that order)
   */
  public BudgetHold reserve(long tokens, Money usd) {
    Checks.notNegative(tokens, "tokens");
    Checks.notNull(usd, "usd");
    return ContextHold.reserve(
        this,
        List.of(
            planTokens.reserver(), stepTokens.reserver(), planUsd.reserver(), stepUsd.reserver()),
        tokens,
        usd);
  }

  /** Equal when the ids are equal and the meters are the same objects. */
  @Override
  public boolean equals(Object o) {
    return o instanceof BudgetContext c
        && planId.equals(c.planId)
        && stepId.equals(c.stepId)
        && correlationId.equals(c.correlationId)
        && planTokens == c.planTokens
        && stepTokens == c.stepTokens
        && planUsd == c.planUsd
        && stepUsd == c.stepUsd;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        planId,
        stepId,
        correlationId,
        System.identityHashCode(planTokens),
        System.identityHashCode(stepTokens),
        System.identityHashCode(planUsd),
        System.identityHashCode(stepUsd));
  }

  @Override
  public String toString() {
    return "BudgetContext[planId="
        + planId
        + ", stepId="
        + stepId
        + ", correlationId="
        + correlationId
        + ", planTokens="
        + planTokens
        + ", stepTokens="
        + stepTokens
        + ", planUsd="
        + planUsd
        + ", stepUsd="
        + stepUsd
        + "]";
  }

  /**
   * Builds a {@link BudgetContext}; every setting defaults to empty ids and unlimited meters, and
   * the last call of a setter wins. Not thread-safe; {@link #build()} can be called more than once.
   */
  public static final class Builder {
    private String planId = "";
    private String stepId = "";
    private String correlationId = "";
    private TokenMeter planTokens = TokenMeter.unlimited();
    private TokenMeter stepTokens = TokenMeter.unlimited();
    private UsdMeter planUsd = UsdMeter.unlimited();
    private UsdMeter stepUsd = UsdMeter.unlimited();

    Builder() {}

    /**
     * Sets the plan's id (empty for none).
     *
     * @throws NullPointerException if {@code planId} is null
     */
    public Builder planId(String planId) {
      this.planId = Checks.notNull(planId, "planId");
      return this;
    }

    /**
     * Sets the step's id (empty for none).
     *
     * @throws NullPointerException if {@code stepId} is null
     */
    public Builder stepId(String stepId) {
      this.stepId = Checks.notNull(stepId, "stepId");
      return this;
    }

    /**
     * Sets the id that ties log lines together (empty for none).
     *
     * @throws NullPointerException if {@code correlationId} is null
     */
    public Builder correlationId(String correlationId) {
      this.correlationId = Checks.notNull(correlationId, "correlationId");
      return this;
    }

    /**
     * Sets the plan's token meter, shared by the plan's steps.
     *
     * @throws NullPointerException if {@code planTokens} is null
     */
    public Builder planTokens(TokenMeter planTokens) {
      this.planTokens = Checks.notNull(planTokens, "planTokens");
      return this;
    }

    /**
     * Sets the step's token meter.
     *
     * @throws NullPointerException if {@code stepTokens} is null
     */
    public Builder stepTokens(TokenMeter stepTokens) {
      this.stepTokens = Checks.notNull(stepTokens, "stepTokens");
      return this;
    }

    /**
     * Sets the plan's dollar meter, shared by the plan's steps.
     *
     * @throws NullPointerException if {@code planUsd} is null
     */
    public Builder planUsd(UsdMeter planUsd) {
      this.planUsd = Checks.notNull(planUsd, "planUsd");
      return this;
    }

    /**
     * Sets the step's dollar meter.
     *
     * @throws NullPointerException if {@code stepUsd} is null
     */
    public Builder stepUsd(UsdMeter stepUsd) {
      this.stepUsd = Checks.notNull(stepUsd, "stepUsd");
      return this;
    }

    /** Returns a context with the current settings. */
    public BudgetContext build() {
      return new BudgetContext(this);
    }
  }
}
