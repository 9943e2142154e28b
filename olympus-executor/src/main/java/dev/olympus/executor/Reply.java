package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.llm.Usage;
import dev.olympus.memory.Citation;
import dev.olympus.plan.Money;
import java.util.List;

/**
 * The assistant's answer to one message: its text, the tool calls made on the way with their
 * outcomes, the document passages it was given, and what every round of the loop used and cost in
 * total. Immutable and thread-safe.
 *
 * @param text the model's final text (empty when the loop stopped at a limit before an answer)
 * @param toolCalls every tool call the model made for this message, in order
 * @param citations the retrieved passages that were added to the prompt
 * @param usage the tokens of every model call made for this message, summed
 * @param cost the dollars of every model call made for this message, summed
 * @param rounds how many model calls the tool loop made
 * @param stop why the loop ended
 */
public record Reply(
    String text,
    List<ChatToolCall> toolCalls,
    List<Citation> citations,
    Usage usage,
    Money cost,
    int rounds,
    Stop stop) {

  /** Why the tool loop ended. */
  public enum Stop {
    /** The model gave a final answer. */
    ANSWERED,
    /** The model still wanted tools when the round limit was reached. */
    ROUND_LIMIT,
    /** The model asked for more tool calls than the limit allows. */
    TOOL_CALL_LIMIT,
    /** The host cancelled the send. */
    CANCELLED,
    /**
     * A budget ran out; only in the {@link ChatBudgetExceededException#partial() partial reply} of
     * the exception that reports it.
     */
    BUDGET
  }

  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null or a list holds a null
   * @throws IllegalArgumentException if {@code rounds} is negative
   */
  public Reply {
    Checks.notNull(text, "text");
    toolCalls = List.copyOf(Checks.noNulls(toolCalls, "toolCalls"));
    citations = List.copyOf(Checks.noNulls(citations, "citations"));
    Checks.notNull(usage, "usage");
    Checks.notNull(cost, "cost");
    Checks.notNegative(rounds, "rounds");
    Checks.notNull(stop, "stop");
  }
}
