package dev.olympus.llm.spi;

import dev.olympus.llm.FinishReason;
import dev.olympus.llm.Usage;
import dev.olympus.llm.internal.Checks;
import dev.olympus.plan.ToolCall;
import java.util.List;

/**
 * A provider's raw answer; the router adds cost, cache and routing details to make a {@link
 * dev.olympus.llm.ChatResponse}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the answer's text, possibly empty
 * @param toolCalls the tools the model called
 * @param finishReason why the model stopped
 * @param usage the tokens the provider reported (or estimated, if it reported none)
 * @param model the model that answered
 */
public record ProviderReply(
    String text, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage, String model) {
  /**
   * Checks the fields and copies the list.
   *
   * @throws NullPointerException if a field is null or {@code toolCalls} holds a null
   */
  public ProviderReply {
    Checks.notNull(text, "text");
    toolCalls = List.copyOf(Checks.noNulls(toolCalls, "toolCalls"));
    Checks.notNull(finishReason, "finishReason");
    Checks.notNull(usage, "usage");
    Checks.notNull(model, "model");
  }
}
