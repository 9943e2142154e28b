package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.plan.Money;
import dev.olympus.plan.ToolCall;
import java.util.List;

/**
 * A model's answer with its accounting: text, tool calls, why it stopped, tokens, cost, who
 * answered, whether it came from the cache, and why earlier providers were passed over.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the answer's text; empty when the model only called tools; the refusal when {@code
 *     finishReason} is {@link FinishReason#REFUSAL}
 * @param toolCalls the tools the model wants called, with parsed arguments
 * @param finishReason why the model stopped
 * @param usage the tokens the call used ({@link Usage#NONE} for a cache hit)
 * @param cost what the call cost in dollars (zero for local providers and cache hits)
 * @param provider the name of the provider that answered
 * @param model the model that answered
 * @param cached whether the answer came from the cache
 * @param skipped the providers tried or passed over before this one, each with a reason
 */
public record ChatResponse(
    String text,
    List<ToolCall> toolCalls,
    FinishReason finishReason,
    Usage usage,
    Money cost,
    String provider,
    String model,
    boolean cached,
    List<ProviderSkip> skipped) {

  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null or a list holds a null
   */
  public ChatResponse {
    Checks.notNull(text, "text");
    toolCalls = List.copyOf(Checks.noNulls(toolCalls, "toolCalls"));
    Checks.notNull(finishReason, "finishReason");
    Checks.notNull(usage, "usage");
    Checks.notNull(cost, "cost");
    Checks.notNull(provider, "provider");
    Checks.notNull(model, "model");
    skipped = List.copyOf(Checks.noNulls(skipped, "skipped"));
  }

  /** This answer as served from the cache: no tokens, no cost, no skips. */
  public ChatResponse asCached() {
    return new ChatResponse(
        text, toolCalls, finishReason, Usage.NONE, Money.ZERO, provider, model, true, List.of());
  }
}
