package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.plan.Money;
import dev.olympus.plan.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model's answer with its accounting: text, tool calls, why it stopped, tokens, cost, who
 * answered, whether it came from the cache, and why earlier providers were passed over.
 *
 * <pre>{@code
 * ChatResponse answer = router.chat(ChatRequest.of("Say hello"));
 * System.out.println(answer.text() + " (" + answer.provider() + ", " + answer.cost() + ")");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ChatResponse {
  private final String text;
  private final List<ToolCall> toolCalls;
  private final FinishReason finishReason;
  private final Usage usage;
  private final Money cost;
  private final String provider;
  private final String model;
  private final boolean cached;
  private final List<ProviderSkip> skipped;

  private ChatResponse(Builder b) {
    this.text = b.text;
    this.toolCalls = List.copyOf(b.toolCalls);
    this.finishReason = b.finishReason;
    this.usage = b.usage;
    this.cost = b.cost;
    this.provider = Checks.notNull(b.provider, "provider");
    this.model = Checks.notNull(b.model, "model");
    this.cached = b.cached;
    this.skipped = List.copyOf(b.skipped);
  }

  /**
   * A builder for an answer from {@code provider}'s {@code model}: no text, no tool calls, {@link
   * FinishReason#STOP}, no usage, no cost, not cached, nothing skipped until set.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(String provider, String model) {
    return new Builder().provider(provider).model(model);
  }

  /** A builder that starts from this answer. */
  public Builder toBuilder() {
    return builder(provider, model)
        .text(text)
        .toolCalls(toolCalls)
        .finishReason(finishReason)
        .usage(usage)
        .cost(cost)
        .cached(cached)
        .skipped(skipped);
  }

  /** This answer as served from the cache: no tokens, no cost, no skips. */
  public ChatResponse asCached() {
    return toBuilder().usage(Usage.NONE).cost(Money.ZERO).cached(true).skipped(List.of()).build();
  }

  /**
   * The answer's text; empty when the model only called tools; the refusal when {@link
   * #finishReason()} is {@link FinishReason#REFUSAL}.
   */
  public String text() {
    return text;
  }

  /** The tools the model wants called, with parsed arguments. */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /** Why the model stopped. */
  public FinishReason finishReason() {
    return finishReason;
  }

  /** The tokens the call used ({@link Usage#NONE} for a cache hit). */
  public Usage usage() {
    return usage;
  }

  /** What the call cost in dollars (zero for local providers and cache hits). */
  public Money cost() {
    return cost;
  }

  /** The name of the provider that answered. */
  public String provider() {
    return provider;
  }

  /** The model that answered. */
  public String model() {
    return model;
  }

  /** Whether the answer came from the cache. */
  public boolean cached() {
    return cached;
  }

  /** The providers tried or passed over before this one, each with a reason. */
  public List<ProviderSkip> skipped() {
    return skipped;
  }

  /** Equal when every field is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ChatResponse r
        && text.equals(r.text)
        && toolCalls.equals(r.toolCalls)
        && finishReason == r.finishReason
        && usage.equals(r.usage)
        && cost.equals(r.cost)
        && provider.equals(r.provider)
        && model.equals(r.model)
        && cached == r.cached
        && skipped.equals(r.skipped);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        text, toolCalls, finishReason, usage, cost, provider, model, cached, skipped);
  }

  @Override
  public String toString() {
    return "ChatResponse[text="
        + text
        + ", toolCalls="
        + toolCalls
        + ", finishReason="
        + finishReason
        + ", usage="
        + usage
        + ", cost="
        + cost
        + ", provider="
        + provider
        + ", model="
        + model
        + ", cached="
        + cached
        + ", skipped="
        + skipped
        + "]";
  }

  /**
   * Builds a {@link ChatResponse}: for providers' wrappers and tests; the router builds the answers
   * it returns. The last call of a setter wins. Not thread-safe; {@link #build()} can be called
   * more than once.
   */
  public static final class Builder {
    private String text = "";
    private List<ToolCall> toolCalls = List.of();
    private FinishReason finishReason = FinishReason.STOP;
    private Usage usage = Usage.NONE;
    private Money cost = Money.ZERO;
    private String provider;
    private String model;
    private boolean cached;
    private List<ProviderSkip> skipped = List.of();

    Builder() {}

    /**
     * Sets the text.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public Builder text(String text) {
      this.text = Checks.notNull(text, "text");
      return this;
    }

    /**
     * Sets the tool calls.
     *
     * @throws NullPointerException if {@code toolCalls} is null or holds a null
     */
    public Builder toolCalls(List<ToolCall> toolCalls) {
      this.toolCalls = new ArrayList<>(Checks.noNulls(toolCalls, "toolCalls"));
      return this;
    }

    /**
     * Sets why the model stopped.
     *
     * @throws NullPointerException if {@code finishReason} is null
     */
    public Builder finishReason(FinishReason finishReason) {
      this.finishReason = Checks.notNull(finishReason, "finishReason");
      return this;
    }

    /**
     * Sets the tokens used.
     *
     * @throws NullPointerException if {@code usage} is null
     */
    public Builder usage(Usage usage) {
      this.usage = Checks.notNull(usage, "usage");
      return this;
    }

    /**
     * Sets the cost.
     *
     * @throws NullPointerException if {@code cost} is null
     */
    public Builder cost(Money cost) {
      this.cost = Checks.notNull(cost, "cost");
      return this;
    }

    /**
     * Sets the provider's name.
     *
     * @throws NullPointerException if {@code provider} is null
     */
    public Builder provider(String provider) {
      this.provider = Checks.notNull(provider, "provider");
      return this;
    }

    /**
     * Sets the model.
     *
     * @throws NullPointerException if {@code model} is null
     */
    public Builder model(String model) {
      this.model = Checks.notNull(model, "model");
      return this;
    }

    /** Sets whether the answer came from the cache. */
    public Builder cached(boolean cached) {
      this.cached = cached;
      return this;
    }

    /**
     * Sets the providers passed over before this one.
     *
     * @throws NullPointerException if {@code skipped} is null or holds a null
     */
    public Builder skipped(List<ProviderSkip> skipped) {
      this.skipped = new ArrayList<>(Checks.noNulls(skipped, "skipped"));
      return this;
    }

    /** Returns an answer with the current settings. */
    public ChatResponse build() {
      return new ChatResponse(this);
    }
  }
}
