package dev.olympus.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One chat call: the conversation, sampling settings, tools, answer format and budget context.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *     .system("Answer in one sentence.")
 *     .user("Why is the sky blue?")
 *     .temperature(0)                     // deterministic: cached
 *     .maxTokens(200)
 *     .budget(BudgetContext.builder("plan-1", "explain").build())
 *     .build();
 * }</pre>
 *
 * <p>A request is <em>deterministic</em>, and its answer cached, when its temperature is zero or
 * {@link #cache()} is set. Immutable and thread-safe as long as nobody mutates the tool nodes; it
 * keeps its own copies.
 */
public final class ChatRequest {
  private final List<ChatMessage> messages;
  private final Optional<String> modelHint;
  private final OptionalDouble temperature;
  private final OptionalInt maxTokens;
  private final List<JsonNode> tools;
  private final ResponseFormat responseFormat;
  private final boolean cache;
  private final BudgetContext budget;

  private ChatRequest(
      List<ChatMessage> messages,
      Optional<String> modelHint,
      OptionalDouble temperature,
      OptionalInt maxTokens,
      List<JsonNode> tools,
      ResponseFormat responseFormat,
      boolean cache,
      BudgetContext budget) {
    this.messages = List.copyOf(Checks.noNulls(messages, "messages"));
    Checks.argument(!this.messages.isEmpty(), "messages cannot be empty");
    temperature.ifPresent(
        t -> Checks.argument(t >= 0 && t <= 2, "temperature must be in [0, 2] but was " + t));
    maxTokens.ifPresent(m -> Checks.positive(m, "maxTokens"));
    this.modelHint = modelHint;
    this.temperature = temperature;
    this.maxTokens = maxTokens;
    this.tools = copyTools(tools);
    this.responseFormat = responseFormat;
    this.cache = cache;
    this.budget = budget;
  }

  /** A builder with no messages, no tools, text answers and no budget context. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A request holding one user message and defaults for everything else.
   *
   * @throws NullPointerException if {@code prompt} is null
   */
  public static ChatRequest of(String prompt) {
    return builder().user(prompt).build();
  }

  /** A builder that starts from this request's settings (messages and tools included). */
  public Builder toBuilder() {
    Builder b =
        builder()
            .messages(messages)
            .tools(tools)
            .responseFormat(responseFormat)
            .cache(cache)
            .budget(budget);
    b.modelHint = modelHint;
    b.temperature = temperature;
    b.maxTokens = maxTokens;
    return b;
  }

  /** The conversation, at least one message. */
  public List<ChatMessage> messages() {
    return messages;
  }

  /** A preferred model: providers serving it are tried first. */
  public Optional<String> modelHint() {
    return modelHint;
  }

  /** The sampling temperature, 0 to 2; the provider's default when empty. */
  public OptionalDouble temperature() {
    return temperature;
  }

  /** The completion cap; the router's default when empty. */
  public OptionalInt maxTokens() {
    return maxTokens;
  }

  /** Tool definitions in OpenAI's form {@code {"type":"function","function":{...}}}. */
  public List<JsonNode> tools() {
    return tools;
  }

  /** The shape of the answer. */
  public ResponseFormat responseFormat() {
    return responseFormat;
  }

  /** Whether to cache the answer even at a non-zero temperature. */
  public boolean cache() {
    return cache;
  }

  /** The ids and meters the call is charged to. */
  public BudgetContext budget() {
    return budget;
  }

  /** Whether the answer may be cached: temperature zero or an explicit cache flag. */
  public boolean isDeterministic() {
    return cache || (temperature.isPresent() && temperature.getAsDouble() == 0);
  }

  /**
   * This request with a completion cap of {@code maxTokens}.
   *
   * @throws IllegalArgumentException if {@code maxTokens} is not positive
   */
  public ChatRequest withMaxTokens(int maxTokens) {
    return new ChatRequest(
        messages,
        modelHint,
        temperature,
        OptionalInt.of(maxTokens),
        tools,
        responseFormat,
        cache,
        budget);
  }

  /**
   * This request with other messages.
   *
   * @throws NullPointerException if {@code messages} is null or holds a null
   * @throws IllegalArgumentException if {@code messages} is empty
   */
  public ChatRequest withMessages(List<ChatMessage> messages) {
    return new ChatRequest(
        messages, modelHint, temperature, maxTokens, tools, responseFormat, cache, budget);
  }

  private static List<JsonNode> copyTools(List<JsonNode> tools) {
    List<JsonNode> copies = new ArrayList<>(tools.size());
    for (JsonNode tool : tools) {
      Checks.argument(tool.isObject(), "each tool must be a JSON object but got " + tool);
      copies.add(tool.deepCopy());
    }
    return List.copyOf(copies);
  }

  /** Equal when every setting is equal (the budget context by its own equality). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ChatRequest r
        && messages.equals(r.messages)
        && modelHint.equals(r.modelHint)
        && temperature.equals(r.temperature)
        && maxTokens.equals(r.maxTokens)
        && tools.equals(r.tools)
        && responseFormat.equals(r.responseFormat)
        && cache == r.cache
        && budget.equals(r.budget);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        messages, modelHint, temperature, maxTokens, tools, responseFormat, cache, budget);
  }

  @Override
  public String toString() {
    return "ChatRequest[messages="
        + messages
        + ", modelHint="
        + modelHint
        + ", temperature="
        + temperature
        + ", maxTokens="
        + maxTokens
        + ", tools="
        + tools
        + ", responseFormat="
        + responseFormat
        + ", cache="
        + cache
        + ", budget="
        + budget
        + "]";
  }

  /**
   * Builds a {@link ChatRequest}. Messages and tools are added; for every other setting the last
   * call wins. Not thread-safe, and may build several requests.
   */
  public static final class Builder {
    private final List<ChatMessage> messages = new ArrayList<>();
    private final List<JsonNode> tools = new ArrayList<>();
    private Optional<String> modelHint = Optional.empty();
    private OptionalDouble temperature = OptionalDouble.empty();
    private OptionalInt maxTokens = OptionalInt.empty();
    private ResponseFormat responseFormat = ResponseFormat.text();
    private boolean cache;
    private BudgetContext budget = BudgetContext.none();

    Builder() {}

    /**
     * Appends {@code message}.
     *
     * @throws NullPointerException if {@code message} is null
     */
    public Builder message(ChatMessage message) {
      messages.add(Checks.notNull(message, "message"));
      return this;
    }

    /**
     * Appends every message of {@code messages}.
     *
     * @throws NullPointerException if {@code messages} is null or holds a null
     */
    public Builder messages(List<ChatMessage> messages) {
      this.messages.addAll(Checks.noNulls(messages, "messages"));
      return this;
    }

    /**
     * Appends a system message.
     *
     * @throws NullPointerException if {@code content} is null
     */
    public Builder system(String content) {
      return message(ChatMessage.system(content));
    }

    /**
     * Appends a user message.
     *
     * @throws NullPointerException if {@code content} is null
     */
    public Builder user(String content) {
      return message(ChatMessage.user(content));
    }

    /**
     * Prefers providers that serve {@code model}.
     *
     * @throws NullPointerException if {@code model} is null
     * @throws IllegalArgumentException if {@code model} is blank
     */
    public Builder modelHint(String model) {
      this.modelHint = Optional.of(Checks.notBlank(model, "model"));
      return this;
    }

    /** Sets the sampling temperature (checked by {@link #build()}); zero makes it cacheable. */
    public Builder temperature(double temperature) {
      this.temperature = OptionalDouble.of(temperature);
      return this;
    }

    /** Caps the completion at {@code maxTokens} tokens (checked by {@link #build()}). */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = OptionalInt.of(maxTokens);
      return this;
    }

    /**
     * Adds a tool definition ({@code {"type":"function","function":{"name":...}}}).
     *
     * @throws NullPointerException if {@code tool} is null
     */
    public Builder tool(JsonNode tool) {
      tools.add(Checks.notNull(tool, "tool"));
      return this;
    }

    /**
     * Adds every tool definition of {@code tools}.
     *
     * @throws NullPointerException if {@code tools} is null or holds a null
     */
    public Builder tools(List<? extends JsonNode> tools) {
      this.tools.addAll(Checks.noNulls(tools, "tools"));
      return this;
    }

    /**
     * Sets the answer's shape.
     *
     * @throws NullPointerException if {@code format} is null
     */
    public Builder responseFormat(ResponseFormat format) {
      this.responseFormat = Checks.notNull(format, "format");
      return this;
    }

    /** Caches the answer even at a non-zero temperature. */
    public Builder cache(boolean cache) {
      this.cache = cache;
      return this;
    }

    /**
     * Sets the ids and token allowances the call is charged to.
     *
     * @throws NullPointerException if {@code budget} is null
     */
    public Builder budget(BudgetContext budget) {
      this.budget = Checks.notNull(budget, "budget");
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException if a value is out of range or there are no messages
     */
    public ChatRequest build() {
      return new ChatRequest(
          messages, modelHint, temperature, maxTokens, tools, responseFormat, cache, budget);
    }
  }
}
