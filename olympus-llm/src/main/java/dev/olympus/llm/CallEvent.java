package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.plan.Money;
import java.time.Duration;
import java.util.Objects;

/**
 * One answered call, for metrics: who answered, how long it took, what it used and cost. The router
 * makes these and passes them to {@link RouterListener#onCall}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CallEvent {
  /** The router operations. */
  public enum Operation {
    /** {@code chat}. */
    CHAT,
    /** {@code stream}. */
    STREAM,
    /** {@code embed}. */
    EMBED
  }

  private final Operation operation;
  private final String provider;
  private final String model;
  private final Duration latency;
  private final Usage usage;
  private final Money cost;
  private final boolean cached;
  private final BudgetContext budget;
  private final String routing;

  private CallEvent(Builder b) {
    this.operation = Checks.notNull(b.operation, "operation");
    this.provider = Checks.notNull(b.provider, "provider");
    this.model = Checks.notNull(b.model, "model");
    this.latency = Checks.notNull(b.latency, "latency");
    this.usage = Checks.notNull(b.usage, "usage");
    this.cost = Checks.notNull(b.cost, "cost");
    this.cached = b.cached;
    this.budget = Checks.notNull(b.budget, "budget");
    this.routing = Checks.notNull(b.routing, "routing");
  }

  /**
   * A builder for an event of {@code operation} answered by {@code provider}'s {@code model} after
   * {@code latency}; no usage, no cost, not cached, no budget context and the host's order until
   * set.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(
      Operation operation, String provider, String model, Duration latency) {
    return new Builder().operation(operation).provider(provider).model(model).latency(latency);
  }

  /** A builder that starts from this event. */
  public Builder toBuilder() {
    return builder(operation, provider, model, latency)
        .usage(usage)
        .cost(cost)
        .cached(cached)
        .budget(budget)
        .routing(routing);
  }

  /** What was called. */
  public Operation operation() {
    return operation;
  }

  /** The provider's name. */
  public String provider() {
    return provider;
  }

  /** The model that answered. */
  public String model() {
    return model;
  }

  /** From the router's entry to the answer, retries included. */
  public Duration latency() {
    return latency;
  }

  /** The tokens used. */
  public Usage usage() {
    return usage;
  }

  /** The dollars charged. */
  public Money cost() {
    return cost;
  }

  /** Whether the answer came from the cache. */
  public boolean cached() {
    return cached;
  }

  /** The call's ids and meters. */
  public BudgetContext budget() {
    return budget;
  }

  /**
   * Why this provider answered: {@code "the host's order"}, {@code "cache"}, or, with {@link
   * LlmRouter.Builder#preferHealthy health routing}, which providers were tried later and why
   * (their recent error rate, p95 latency or open circuit).
   */
  public String routing() {
    return routing;
  }

  /** Equal when every field is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CallEvent e
        && operation == e.operation
        && provider.equals(e.provider)
        && model.equals(e.model)
        && latency.equals(e.latency)
        && usage.equals(e.usage)
        && cost.equals(e.cost)
        && cached == e.cached
        && budget.equals(e.budget)
        && routing.equals(e.routing);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operation, provider, model, latency, usage, cost, cached, budget, routing);
  }

  @Override
  public String toString() {
    return "CallEvent["
        + "operation="
        + operation
        + ", provider="
        + provider
        + ", model="
        + model
        + ", latency="
        + latency
        + ", usage="
        + usage
        + ", cost="
        + cost
        + ", cached="
        + cached
        + ", budget="
        + budget
        + ", routing="
        + routing
        + "]";
  }

  /**
   * Builds a {@link CallEvent}: for the router and for tests of listeners. The last call of a
   * setter wins. Not thread-safe; {@link #build()} can be called more than once.
   */
  public static final class Builder {
    private Operation operation;
    private String provider;
    private String model;
    private Duration latency;
    private Usage usage = Usage.NONE;
    private Money cost = Money.ZERO;
    private boolean cached;
    private BudgetContext budget = BudgetContext.none();
    private String routing = "the host's order";

    Builder() {}

    /**
     * Sets operation.
     *
     * @throws NullPointerException if {@code operation} is null
     */
    public Builder operation(Operation operation) {
      this.operation = Checks.notNull(operation, "operation");
      return this;
    }

    /**
     * Sets provider.
     *
     * @throws NullPointerException if {@code provider} is null
     */
    public Builder provider(String provider) {
      this.provider = Checks.notNull(provider, "provider");
      return this;
    }

    /**
     * Sets model.
     *
     * @throws NullPointerException if {@code model} is null
     */
    public Builder model(String model) {
      this.model = Checks.notNull(model, "model");
      return this;
    }

    /**
     * Sets latency.
     *
     * @throws NullPointerException if {@code latency} is null
     */
    public Builder latency(Duration latency) {
      this.latency = Checks.notNull(latency, "latency");
      return this;
    }

    /**
     * Sets usage.
     *
     * @throws NullPointerException if {@code usage} is null
     */
    public Builder usage(Usage usage) {
      this.usage = Checks.notNull(usage, "usage");
      return this;
    }

    /**
     * Sets cost.
     *
     * @throws NullPointerException if {@code cost} is null
     */
    public Builder cost(Money cost) {
      this.cost = Checks.notNull(cost, "cost");
      return this;
    }

    /** Sets whether the answer came from the cache. */
    public Builder cached(boolean cached) {
      this.cached = cached;
      return this;
    }

    /**
     * Sets budget.
     *
     * @throws NullPointerException if {@code budget} is null
     */
    public Builder budget(BudgetContext budget) {
      this.budget = Checks.notNull(budget, "budget");
      return this;
    }

    /**
     * Sets routing.
     *
     * @throws NullPointerException if {@code routing} is null
     */
    public Builder routing(String routing) {
      this.routing = Checks.notNull(routing, "routing");
      return this;
    }

    /** Returns an event with the current settings. */
    public CallEvent build() {
      return new CallEvent(this);
    }
  }
}
