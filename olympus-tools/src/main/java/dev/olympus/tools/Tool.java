package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.registry.LambdaTool;
import dev.olympus.tools.internal.registry.ToolIds;
import dev.olympus.tools.internal.schema.RecordSchemas;
import java.util.List;

/**
 * An action an assistant can take: an id such as {@code fs.read}, a {@link ToolSpec}, and {@link
 * #invoke}. Implementations must be thread-safe: one instance serves concurrent calls.
 *
 * <p>Most hosts build tools with {@link #builder(String)} instead of implementing this directly:
 *
 * <pre>{@code
 * record Greet(String name) {}
 *
 * Tool greet = Tool.builder("text.greet")
 *     .description("Greets someone by name")
 *     .typed(Greet.class, (in, ctx) -> Map.of("text", "Hello, " + in.name()));
 * }</pre>
 *
 * <p>{@link #invoke} is only called by a {@link ToolRegistry}, after the input was validated
 * against {@link ToolSpec#inputSchema()}. A tool reports failure with a {@link ToolException}
 * subclass; any other runtime exception is wrapped by the registry as a non-retryable {@link
 * ToolExecutionException}.
 */
public interface Tool {
  /**
   * Returns the id, matching {@code [a-zA-Z0-9_.-]{1,64}}; dots separate words, e.g. {@code
   * fs.read}.
   */
  String id();

  /** Returns what the tool declares about itself. */
  ToolSpec spec();

  /**
   * Runs the tool.
   *
   * @param call the call, with an input that satisfies the input schema
   * @param context the plan and step, idempotency key, deadline and cancellation signal
   * @return the result, a JSON value matching the output schema
   * @throws ToolException if the tool fails
   */
  JsonNode invoke(ToolCall call, ToolContext context);

  /**
   * Refuses, before consent is asked, a call that running would refuse: the {@link ConsentGate}
   * calls it with schema-valid input so that nobody is asked about a call that cannot run (the file
   * tools resolve their paths inside the sandbox, the HTTP tools check the URL against their host
   * rules). It must not change anything; {@link #invoke} checks again, since the world may change
   * in between. The default accepts everything.
   *
   * @param input the call's input, already valid against the input schema
   * @throws ToolException if the call would be refused, typically a {@link
   *     SandboxViolationException} naming why
   */
  default void precheck(JsonNode input) {}

  /**
   * Returns a one-line, human-readable account of what a call with {@code input} will do, shown
   * when asking for consent (e.g. "write 120 bytes to notes.md"). The default names the tool.
   */
  default String summarize(JsonNode input) {
    return "run " + id();
  }

  /**
   * Returns the paths or hosts a call with {@code input} touches, so a consent grant narrowed to a
   * path prefix or host can be checked against them. The default is none: a narrowed grant never
   * covers a tool that names no resources.
   */
  default List<Resource> resources(JsonNode input) {
    return List.of();
  }

  /**
   * Starts building a tool from a lambda or a typed handler.
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if {@code id} is malformed
   */
  static Builder builder(String id) {
    return new Builder(id);
  }

  /** The body of a tool built with {@link Tool.Builder#handler}: JSON in, JSON out. */
  @FunctionalInterface
  interface Handler {
    /**
     * Runs the tool.
     *
     * @param input the validated input
     * @param context the step's context
     * @return the result
     * @throws ToolException if the tool fails; any other exception is wrapped
     */
    JsonNode handle(JsonNode input, ToolContext context);
  }

  /**
   * The body of a tool built with {@link Tool.Builder#typed}: a Java record in, any value Jackson
   * can write as JSON out.
   *
   * @param <I> the input record type
   */
  @FunctionalInterface
  interface TypedHandler<I> {
    /**
     * Runs the tool.
     *
     * @param input the validated input, converted to the record type
     * @param context the step's context
     * @return the result; converted to JSON with Jackson
     * @throws ToolException if the tool fails; any other exception is wrapped
     */
    Object handle(I input, ToolContext context);
  }

  /**
   * Builds a {@link Tool} from a lambda ({@link #handler}) or from a record-typed lambda ({@link
   * #typed}) whose input schema is generated from the record. Every setting may be called again;
   * the last call wins. Not thread-safe; the tools it builds are immutable, and the builder can
   * build more than once.
   *
   * <pre>{@code
   * Tool clock = Tool.builder("time.now")
   *     .description("Returns the current time")
   *     .handler((input, ctx) -> TextNode.valueOf(Instant.now().toString()));
   * }</pre>
   */
  final class Builder {
    private final String id;
    private final ToolSpec.Builder spec = ToolSpec.builder();
    private boolean described;

    Builder(String id) {
      this.id = ToolIds.check(id);
    }

    /**
     * Sets the description shown to the LLM (required).
     *
     * @throws NullPointerException if {@code description} is null
     * @throws IllegalArgumentException if {@code description} is blank
     */
    public Builder description(String description) {
      spec.description(description);
      described = true;
      return this;
    }

    /**
     * Sets the input schema for {@link #handler}; the default accepts an object with no properties.
     *
     * @throws NullPointerException if {@code schema} is null
     * @throws IllegalArgumentException if {@code schema} is not a JSON object
     */
    public Builder inputSchema(JsonNode schema) {
      spec.inputSchema(schema);
      return this;
    }

    /**
     * Sets the output schema; the default ({@code {}}) allows any result.
     *
     * @throws NullPointerException if {@code schema} is null
     * @throws IllegalArgumentException if {@code schema} is not a JSON object
     */
    public Builder outputSchema(JsonNode schema) {
      spec.outputSchema(schema);
      return this;
    }

    /**
     * Sets the consent scopes a call needs; the default is none.
     *
     * @throws NullPointerException if {@code scopes} or one of them is null
     * @throws IllegalArgumentException if a scope is malformed or repeated
     */
    public Builder scopes(String... scopes) {
      spec.scopes(List.of(notNull(scopes, "scopes")));
      return this;
    }

    /**
     * Sets the side-effect class; the default is the cautious {@link SideEffect#SIDE_EFFECT}.
     *
     * @throws NullPointerException if {@code sideEffect} is null
     */
    public Builder sideEffect(SideEffect sideEffect) {
      spec.sideEffect(sideEffect);
      return this;
    }

    /**
     * Sets what a call does, shown when consent is asked; the default is {@link Risk#describing}
     * the side-effect class.
     *
     * @throws NullPointerException if {@code risk} is null
     */
    public Builder risk(Risk risk) {
      spec.risk(risk);
      return this;
    }

    /**
     * Builds a tool that runs {@code handler} on the validated JSON input.
     *
     * @throws NullPointerException if {@code handler} is null
     * @throws IllegalStateException if no description was set
     * @throws IllegalArgumentException if a schema is not a JSON object or a scope is malformed
     */
    public Tool handler(Handler handler) {
      notNull(handler, "handler");
      return new LambdaTool(id, spec(), handler);
    }

    /**
     * Builds a tool whose input is the record {@code inputType}: the input schema is generated from
     * the record's components (all required except those annotated {@code @Nullable};
     * {@code @JsonPropertyDescription} becomes the description; unknown properties are refused),
     * and each validated input is converted to the record before {@code handler} runs. The record
     * must be readable by Jackson (on the module path, open its package to {@code
     * com.fasterxml.jackson.databind}).
     *
     * @param <I> the input record type
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if no description was set
     * @throws IllegalArgumentException if {@code inputType} is not a record
     */
    public <I extends Record> Tool typed(Class<I> inputType, TypedHandler<I> handler) {
      notNull(inputType, "inputType");
      notNull(handler, "handler");
      ToolSpec spec = spec().toBuilder().inputSchema(RecordSchemas.schemaOf(inputType)).build();
      return new LambdaTool(
          id,
          spec,
          (input, ctx) -> Json.toTree(id, handler.handle(Json.convert(id, input, inputType), ctx)));
    }

    private ToolSpec spec() {
      state(described, "description must be set before building tool '" + id + "'");
      return spec.build();
    }
  }
}
