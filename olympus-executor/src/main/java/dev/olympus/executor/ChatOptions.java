package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.Budget;
import java.util.Arrays;
import java.util.List;
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
 * <p>Immutable and thread-safe. {@link #toBuilder()} starts a builder from these options.
 */
public final class ChatOptions {
  private final Optional<String> systemPrompt;
  private final int maxRounds;
  private final int maxToolCalls;
  private final int windowTurns;
  private final boolean summarize;
  private final int retrieval;
  private final Map<String, String> retrievalFilter;
  private final Budget sessionBudget;
  private final Budget dailyBudget;
  private final Optional<Set<String>> tools;
  private final Optional<String> modelHint;
  private final OptionalInt maxTokens;
  private final int maxToolResultChars;

  private ChatOptions(Builder b) {
    this.systemPrompt = Optional.ofNullable(b.systemPrompt);
    this.maxRounds = b.maxRounds;
    this.maxToolCalls = b.maxToolCalls;
    this.windowTurns = b.windowTurns;
    this.summarize = b.summarize;
    this.retrieval = b.retrieval;
    this.retrievalFilter = b.retrievalFilter;
    this.sessionBudget = b.sessionBudget;
    this.dailyBudget = b.dailyBudget;
    this.tools = Optional.ofNullable(b.tools);
    this.modelHint = Optional.ofNullable(b.modelHint);
    this.maxTokens = b.maxTokens == null ? OptionalInt.empty() : OptionalInt.of(b.maxTokens);
    this.maxToolResultChars = b.maxToolResultChars;
  }

  /** Instructions sent first in every request, if any. */
  public Optional<String> systemPrompt() {
    return systemPrompt;
  }

  /**
   * The most model calls one message may take (each round is one call, followed by the tool calls
   * it asked for).
   */
  public int maxRounds() {
    return maxRounds;
  }

  /** The most tool calls one message may run; calls past it are not run. */
  public int maxToolCalls() {
    return maxToolCalls;
  }

  /**
   * How many of the latest turns (a user message and everything up to the next) are sent verbatim;
   * older turns are summarized or left out.
   */
  public int windowTurns() {
    return windowTurns;
  }

  /** Whether turns that leave the window are summarized by the model. */
  public boolean summarize() {
    return summarize;
  }

  /** How many document passages to retrieve for each message; 0 switches it off. */
  public int retrieval() {
    return retrieval;
  }

  /** Metadata every retrieved document must carry. */
  public Map<String, String> retrievalFilter() {
    return retrievalFilter;
  }

  /** What the session may spend over its whole life, across restarts. */
  public Budget sessionBudget() {
    return sessionBudget;
  }

  /** What all chat sessions of this store may spend per UTC day together. */
  public Budget dailyBudget() {
    return dailyBudget;
  }

  /** The tool ids offered to the model; empty means every tool except {@code llm.*}. */
  public Optional<Set<String>> tools() {
    return tools;
  }

  /** A preferred model, if any. */
  public Optional<String> modelHint() {
    return modelHint;
  }

  /** The completion cap of each round; the router's default when empty. */
  public OptionalInt maxTokens() {
    return maxTokens;
  }

  /** The longest tool result sent to the model; longer ones are cut. */
  public int maxToolResultChars() {
    return maxToolResultChars;
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.systemPrompt = systemPrompt.orElse(null);
    b.maxRounds = maxRounds;
    b.maxToolCalls = maxToolCalls;
    b.windowTurns = windowTurns;
    b.summarize = summarize;
    b.retrieval = retrieval;
    b.retrievalFilter = retrievalFilter;
    b.sessionBudget = sessionBudget;
    b.dailyBudget = dailyBudget;
    b.tools = tools.orElse(null);
    b.modelHint = modelHint.orElse(null);
    b.maxTokens = maxTokens.isPresent() ? maxTokens.getAsInt() : null;
    b.maxToolResultChars = maxToolResultChars;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChatOptions other && fields().equals(other.fields());
  }

  @Override
  public int hashCode() {
    return fields().hashCode();
  }

  @Override
  public String toString() {
    return "ChatOptions" + fields();
  }

  private List<Object> fields() {
    return Arrays.asList(
        systemPrompt,
        maxRounds,
        maxToolCalls,
        windowTurns,
        summarize,
        retrieval,
        retrievalFilter,
        sessionBudget,
        dailyBudget,
        tools,
        modelHint,
        maxTokens,
        maxToolResultChars);
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

  /**
   * Builds {@link ChatOptions}. Each setter checks its argument; setting one twice keeps the last
   * value. Not thread-safe.
   */
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

    /** Builds the options; a builder can build more than once. */
    public ChatOptions build() {
      return new ChatOptions(this);
    }
  }
}
