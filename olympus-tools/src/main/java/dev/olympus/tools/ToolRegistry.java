package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.noNulls;
import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.positive;
import static dev.olympus.tools.internal.Checks.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.internal.consent.Approvals;
import dev.olympus.tools.internal.registry.DefaultToolRegistry;
import dev.olympus.tools.internal.registry.ToolIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools an assistant may use, with their schemas, rate limits and timeouts. Immutable once
 * built and thread-safe.
 *
 * <pre>{@code
 * ToolRegistry tools = ToolRegistry.builder()
 *     .add(FileTools.sandboxedAt(Path.of("workspace")))
 *     .add(myTool)
 *     .rateLimit("net.http.get", RateLimit.of(30, Duration.ofMinutes(1)))
 *     .build();
 * JsonNode functions = tools.specs();                       // for the chat API
 * JsonNode result = tools.invoke(call, context);            // validate, limit, run
 * }</pre>
 *
 * <p>An executor runs one step as: {@link #get} the tool, read its {@link ToolSpec} (side-effect
 * class, scopes), {@link #validate} the resolved input, pass the {@link ConsentGate}, then {@link
 * #invoke(ToolCall, ToolContext, ConsentEvent)} with the grant, which refuses any input other than
 * the one approved. {@code invoke} validates again, so skipping {@code validate} is never unsafe.
 */
public interface ToolRegistry {
  /** Returns a new builder. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the tool with {@code toolId}, if registered.
   *
   * @throws NullPointerException if {@code toolId} is null
   */
  Optional<Tool> find(String toolId);

  /**
   * Returns the tool with {@code toolId}.
   *
   * @throws NullPointerException if {@code toolId} is null
   * @throws ToolNotFoundException if none is registered
   */
  Tool get(String toolId);

  /** Returns every tool id, in the order the tools were added. */
  List<String> ids();

  /**
   * Renders every tool as the function definitions the OpenAI and Ollama chat APIs expect: {@code
   * [{"type":"function","function":{"name","description","parameters"}}]}. Function names are
   * {@link #functionName} of the tool ids. Returns a fresh array on each call.
   */
  ArrayNode specs();

  /**
   * Returns the function name the LLM sees for {@code toolId}: the id with {@code .} replaced by
   * {@code _}, e.g. {@code fs.read} becomes {@code fs_read}.
   *
   * @throws NullPointerException if {@code toolId} is null
   * @throws ToolNotFoundException if no such tool is registered
   */
  String functionName(String toolId);

  /**
   * Maps a function name from an LLM's tool call back to the tool id.
   *
   * @throws NullPointerException if {@code functionName} is null
   * @throws ToolNotFoundException if no registered tool has that function name
   */
  String toolIdForFunction(String functionName);

  /**
   * A stable hash of this registry's configuration (16 hex digits): each tool's id and spec
   * (description, input and output schemas, scopes, side effect, risk) in order, the rate limits,
   * the timeouts and the worker cap. Registries built from the same configuration have the same
   * hash, in any process; adding a tool or changing any of these changes it. The executor puts it
   * in the MDC of every log line of a step as {@code toolsConfig}, so a line tells which tools
   * produced it.
   */
  String configHash();

  /**
   * Checks {@code call}'s input against the tool's input schema.
   *
   * @throws NullPointerException if {@code call} is null
   * @throws ToolNotFoundException if the tool is not registered
   * @throws ToolValidationException listing every problem, if the input does not match
   */
  void validate(ToolCall call);

  /**
   * Runs {@code call}: validates its input, checks the cancellation signal and the tool's rate
   * limit, then runs the tool on a worker thread until it returns, the earlier of the context's
   * deadline and the tool's timeout passes, or the call is cancelled (the worker is interrupted in
   * the last two cases). Does not ask for consent: pass the {@link ConsentGate} first.
   *
   * @return the tool's result
   * @throws NullPointerException if an argument is null
   * @throws ToolNotFoundException if the tool is not registered
   * @throws ToolValidationException if the input does not match the schema
   * @throws ToolRateLimitedException if the tool's rate limit is reached, or every worker thread is
   *     busy (see {@link Builder#maxConcurrentCalls})
   * @throws ToolTimeoutException if the deadline or timeout passed
   * @throws ToolCancelledException if the call was cancelled or the calling thread interrupted
   * @throws ToolException whatever else the tool reports; other exceptions from the tool are
   *     wrapped in a non-retryable {@link ToolExecutionException}
   */
  JsonNode invoke(ToolCall call, ToolContext context);

  /**
   * Runs {@code call} like {@link #invoke(ToolCall, ToolContext)}, but only if {@code approval} is
   * the grant for exactly this call: a {@link ConsentEvent.Kind#GRANTED} event for the same tool,
   * plan and step whose {@link ConsentEvent#inputDigest()} is the digest of {@code call}'s input.
   * So the tool receives exactly the input that was approved.
   *
   * @return the tool's result
   * @throws NullPointerException if an argument is null
   * @throws ToolConsentDeniedException if {@code approval} does not grant this exact call
   * @throws ToolException as {@link #invoke(ToolCall, ToolContext)}
   */
  default JsonNode invoke(ToolCall call, ToolContext context, ConsentEvent approval) {
    notNull(call, "call");
    notNull(context, "context");
    String mismatch = Approvals.mismatch(approval, call, context);
    if (mismatch != null) {
      throw new ToolConsentDeniedException(call.toolId(), mismatch);
    }
    return invoke(call, context);
  }

  /**
   * Builds a {@link ToolRegistry}. Settings may be called again and the last call wins (per tool
   * for {@link #rateLimit} and {@link #timeout(String, Duration)}); {@link #add} adds, and adding a
   * second tool with the same id is an error. Not thread-safe; {@link #build()} copies the
   * configuration, so a builder can build more than once.
   */
  final class Builder {
    /** The default of {@link #maxConcurrentCalls}. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 64;

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Map<String, RateLimit> rateLimits = new LinkedHashMap<>();
    private final Map<String, Duration> timeouts = new LinkedHashMap<>();
    private Duration defaultTimeout = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;

    Builder() {}

    /**
     * Adds {@code tool}.
     *
     * @throws NullPointerException if {@code tool} is null
     * @throws IllegalStateException if a tool with the same id was already added
     */
    public Builder add(Tool tool) {
      notNull(tool, "tool");
      String id = ToolIds.check(tool.id());
      state(!tools.containsKey(id), "tool '" + id + "' was already added: " + tools.get(id));
      tools.put(id, tool);
      return this;
    }

    /**
     * Adds every tool in {@code tools}, e.g. {@link FileTools#sandboxedAt}.
     *
     * @throws NullPointerException if {@code tools} or one of them is null
     * @throws IllegalStateException if an id was already added
     */
    public Builder add(Collection<? extends Tool> tools) {
      noNulls(tools, "tools").forEach(this::add);
      return this;
    }

    /**
     * Limits calls of {@code toolId}, replacing any limit set for it before; the default is
     * unlimited.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder rateLimit(String toolId, RateLimit limit) {
      rateLimits.put(notNull(toolId, "toolId"), notNull(limit, "limit"));
      return this;
    }

    /**
     * Sets the timeout of {@code toolId}'s calls, overriding {@link #defaultTimeout} and any
     * timeout set for it before.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder timeout(String toolId, Duration timeout) {
      timeouts.put(notNull(toolId, "toolId"), checkTimeout(timeout));
      return this;
    }

    /**
     * Sets the timeout of every call without its own; default 60 seconds.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder defaultTimeout(Duration timeout) {
      this.defaultTimeout = checkTimeout(timeout);
      return this;
    }

    /**
     * Sets the clock that paces {@link #rateLimit rate limits}; default {@link Clock#systemUTC()}.
     * Deadlines are not read on it: a call's deadline is read on the clock its {@link ToolContext}
     * carries, the clock of whoever set it (for a step of an Olympus run, the clock given to {@code
     * Olympus.Builder.clock}), so a registry on any clock enforces a caller's deadlines as the
     * caller meant them. The per-call {@link #timeout timeouts} are real time.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Sets how many calls may run at once on the registry's worker threads; default {@value
     * #DEFAULT_MAX_CONCURRENT_CALLS}. A call beyond that is refused with a {@link
     * ToolRateLimitedException} instead of starting another thread. A tool that ignores the
     * interrupt after a timeout or cancellation keeps its worker busy until it returns, so such
     * tools use up this bound rather than threads without limit. Idle workers are daemon threads
     * that end after 30 seconds, so the registry needs no closing.
     *
     * @throws IllegalArgumentException if {@code calls} is not positive
     */
    public Builder maxConcurrentCalls(int calls) {
      positive(calls, "calls");
      this.maxConcurrentCalls = calls;
      return this;
    }

    private static Duration checkTimeout(Duration timeout) {
      positive(notNull(timeout, "timeout").toNanos(), "timeout");
      return timeout;
    }

    /**
     * Builds the registry, compiling every input schema. A schema may refer only to itself and to
     * the standard meta-schemas: a {@code $ref} or {@code $schema} naming any other URL or file is
     * never loaded (a tool's schema may come from an untrusted MCP server).
     *
     * @throws IllegalStateException if a rate limit or timeout names a tool that was not added, or
     *     two tool ids map to the same function name
     * @throws IllegalArgumentException if a tool's input schema refers to a schema outside itself
     *     or cannot be compiled
     */
    public ToolRegistry build() {
      for (String id : rateLimits.keySet()) {
        state(tools.containsKey(id), "rate limit set for unknown tool '" + id + "'");
      }
      for (String id : timeouts.keySet()) {
        state(tools.containsKey(id), "timeout set for unknown tool '" + id + "'");
      }
      return new DefaultToolRegistry(
          List.copyOf(tools.values()),
          Map.copyOf(rateLimits),
          Map.copyOf(timeouts),
          defaultTimeout,
          clock,
          maxConcurrentCalls);
    }
  }
}
