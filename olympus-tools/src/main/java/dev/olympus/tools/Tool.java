package dev.olympus.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
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
  static ToolBuilder builder(String id) {
    return new ToolBuilder(id);
  }
}
