package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.Budget;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How a {@link ChatSession} talks to the model: its system prompt, the limits of the tool loop, the
 * window of history sent with each message, document retrieval and budgets.
 *
 * <pre>{@code
 * ChatOptions options = ChatOptions.builder()
 *     .systemPrompt("You are a careful assistant for the files in the workspace.")
 *     .maxRounds(6)
 *     .retrieval(4)                                  // 4 cited passages per message
 *     .sessionBudget(Budget.ofTokens(50_000).andUsd("0.10"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param systemPrompt instructions sent first in every request, if any
 * @param maxRounds the most model calls one message may take (each round is one call, followed by
 *     the tool calls it asked for)
 * @param maxToolCalls the most tool calls one message may run; calls past it are not run
 * @param windowTurns how many of the latest turns (a user message and everything up to the next)
 *     are sent verbatim; older turns are summarized or left out
 * @param summarize whether turns that leave the window are summarized by the model
 * @param retrieval how many document passages to retrieve for each message; 0 switches it off
 * @param retrievalFilter metadata every retrieved document must carry
 * @param sessionBudget what the session may spend over its whole life, across restarts
 * @param dailyBudget what all chat sessions of this store may spend per UTC day together
 * @param tools the tool ids offered to the model; empty means every tool except {@code llm.*}
 * @param modelHint a preferred model
 * @param maxTokens the completion cap of each round; the router's default when empty
 * @param maxToolResultChars the longest tool result sent to the model; longer ones are cut
 */
public record ChatOptions(
    Optional<String> systemPrompt,
    int maxRounds,
    int maxToolCalls,
    int windowTurns,
    boolean summarize,
    int retrieval,
    Map<String, String> retrievalFilter,
    Budget sessionBudget,
    Budget dailyBudget,
    Optional<Set<String>> tools,
    Optional<String> modelHint,
    OptionalInt maxTokens,
    int maxToolResultChars) {

  /**
   * Checks the fields and copies the collections.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if a limit is out of range
   */
  public ChatOptions {
    Checks.notNull(systemPrompt, "systemPrompt");
    Checks.argument(maxRounds >= 1, "maxRounds must be at least 1 but was " + maxRounds);
    Checks.argument(maxToolCalls >= 0, "maxToolCalls must be >= 0 but was " + maxToolCalls);
    Checks.argument(windowTurns >= 1, "windowTurns must be at least 1 but was " + windowTurns);
    Checks.argument(retrieval >= 0, "retrieval must be >= 0 but was " + retrieval);
    retrievalFilter = Map.copyOf(Checks.notNull(retrievalFilter, "retrievalFilter"));
    Checks.notNull(sessionBudget, "sessionBudget");
    Checks.notNull(dailyBudget, "dailyBudget");
    tools = Checks.notNull(tools, "tools").map(Set::copyOf);
    Checks.notNull(modelHint, "modelHint");
    Checks.notNull(maxTokens, "maxTokens");
    maxTokens.ifPresent(m -> Checks.positive(m, "maxTokens"));
    Checks.argument(
        maxToolResultChars >= 100,
        "maxToolResultChars must be at least 100 but was " + maxToolResultChars);
  }

  /**
   * The defaults: no system prompt, 8 rounds and 16 tool calls per message, a window of 20 turns
   * with summaries, no retrieval, no budgets beyond the router's, every non-{@code llm.*} tool.
   */
  public static ChatOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ChatOptions}. Not thread-safe; can build more than once. */
  public static final class Builder {
    private String systemPrompt;
    private int maxRounds = 8;
    private int maxToolCalls = 16;
    private int windowTurns = 20;
    private boolean summarize = true;
    private int retrieval;
    private Map<String, String> retrievalFilter = Map.of();
    private Budget sessionBudget = Budget.unlimited();
    private Budget dailyBudget = Budget.unlimited();
    private Set<String> tools;
    private String modelHint;
    private Integer maxTokens;
    private int maxToolResultChars = 16_000;

    Builder() {}

    /**
     * Instructions sent first in every request.
     *
     * @throws NullPointerException if {@code prompt} is null
     * @throws IllegalArgumentException if {@code prompt} is blank
     */
    public Builder systemPrompt(String prompt) {
      this.systemPrompt = Checks.notBlank(prompt, "prompt");
      return this;
    }

    /**
     * The most model calls one message may take (default 8).
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxRounds(int maxRounds) {
      Checks.argument(maxRounds >= 1, "maxRounds must be at least 1 but was " + maxRounds);
      this.maxRounds = maxRounds;
      return this;
    }

    /**
     * The most tool calls one message may run (default 16).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxToolCalls(int maxToolCalls) {
      Checks.argument(maxToolCalls >= 0, "maxToolCalls must be >= 0 but was " + maxToolCalls);
      this.maxToolCalls = maxToolCalls;
      return this;
    }

    /**
     * How many of the latest turns are sent verbatim (default 20).
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder windowTurns(int windowTurns) {
      Checks.argument(windowTurns >= 1, "windowTurns must be at least 1 but was " + windowTurns);
      this.windowTurns = windowTurns;
      return this;
    }

    /** Whether turns leaving the window are summarized by the model (default true). */
    public Builder summarize(boolean summarize) {
      this.summarize = summarize;
      return this;
    }

    /**
     * Retrieves {@code passages} cited document passages for each message (default 0: off).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder retrieval(int passages) {
      Checks.argument(passages >= 0, "passages must be >= 0 but was " + passages);
      this.retrieval = passages;
      return this;
    }

    /**
     * Retrieves only from documents whose metadata contains every entry of {@code filter}.
     *
     * @throws NullPointerException if {@code filter} is null or holds a null
     */
    public Builder retrievalFilter(Map<String, String> filter) {
      this.retrievalFilter = Map.copyOf(Checks.notNull(filter, "filter"));
      return this;
    }

    /**
     * What the session may spend over its life (default unlimited).
     *
     * @throws NullPointerException if {@code budget} is null
     */
    public Builder sessionBudget(Budget budget) {
      this.sessionBudget = Checks.notNull(budget, "budget");
      return this;
    }

    /**
     * What all chat sessions of the store may spend per UTC day together (default unlimited).
     *
     * @throws NullPointerException if {@code budget} is null
     */
    public Builder dailyBudget(Budget budget) {
      this.dailyBudget = Checks.notNull(budget, "budget");
      return this;
    }

    /**
     * Offers only these tool ids to the model (default every tool except {@code llm.*}).
     *
     * @throws NullPointerException if {@code toolIds} is null or holds a null
     */
    public Builder tools(Set<String> toolIds) {
      this.tools = Set.copyOf(Checks.notNull(toolIds, "toolIds"));
      return this;
    }

    /**
     * Prefers providers that serve {@code model}.
     *
     * @throws NullPointerException if {@code model} is null
     * @throws IllegalArgumentException if {@code model} is blank
     */
    public Builder modelHint(String model) {
      this.modelHint = Checks.notBlank(model, "model");
      return this;
    }

    /**
     * Caps each round's completion at {@code maxTokens}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = (int) Checks.positive(maxTokens, "maxTokens");
      return this;
    }

    /**
     * Cuts tool results sent to the model at {@code chars} characters (default 16,000).
     *
     * @throws IllegalArgumentException if less than 100
     */
    public Builder maxToolResultChars(int chars) {
      Checks.argument(chars >= 100, "maxToolResultChars must be at least 100 but was " + chars);
      this.maxToolResultChars = chars;
      return this;
    }

    /** Builds the options. */
    public ChatOptions build() {
      return new ChatOptions(
          Optional.ofNullable(systemPrompt),
          maxRounds,
          maxToolCalls,
          windowTurns,
          summarize,
          retrieval,
          retrievalFilter,
          sessionBudget,
          dailyBudget,
          Optional.ofNullable(tools),
          Optional.ofNullable(modelHint),
          maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens),
          maxToolResultChars);
    }
  }
}
