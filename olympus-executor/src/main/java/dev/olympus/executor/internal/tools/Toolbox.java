package dev.olympus.executor.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.internal.StepHooks;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.ToolCall;
import dev.olympus.plan.transcript.Transcript;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolNotFoundException;
import dev.olympus.tools.ToolRegistry;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The tools a run can use: the host's registry and the built-in registry (LLM and memory tools),
 * looked up in that order. Each registry keeps its own validation, rate limits and timeouts. Each
 * invocation is recorded as a {@code tool.call} event: the tool, the digest of its input (as a
 * consent decision records it, {@link ConsentRequest#digestOf}) and the SHA-256 of the canonical
 * JSON of its output (or {@code failed}), never the values themselves.
 */
public final class Toolbox {
  /** The kind of the event that records one invocation of a tool. */
  public static final String TOOL_CALL = "tool.call";

  private final List<ToolRegistry> registries;
  private final StepHooks hooks;
  private final Consumer<PlanEvent> calls;
  private final Clock clock;

  /**
   * Creates a toolbox over {@code registries}, searched in order, whose calls {@code hooks} hear
   * and which reports each invocation to {@code calls}.
   */
  public Toolbox(
      List<ToolRegistry> registries, StepHooks hooks, Consumer<PlanEvent> calls, Clock clock) {
    this.registries = List.copyOf(registries);
    this.hooks = hooks;
    this.calls = calls;
    this.clock = clock;
  }

  /** The host's step listener, behind its safety net. */
  public StepHooks hooks() {
    return hooks;
  }

  /** A hash of the registries' current configuration hashes, in order. */
  public String configHash() {
    return ConfigHashes.combined(registries);
  }

  /** The registry that holds {@code toolId}, if any. */
  public Optional<ToolRegistry> registryOf(String toolId) {
    return registries.stream().filter(r -> r.find(toolId).isPresent()).findFirst();
  }

  /**
   * The tool {@code toolId}.
   *
   * @throws ToolNotFoundException if no registry has it
   */
  public Tool get(String toolId) {
    return registryOf(toolId).orElseThrow(() -> notFound(toolId)).get(toolId);
  }

  /** Validates {@code call} against its tool's input schema. */
  public void validate(ToolCall call) {
    registryOf(call.toolId()).orElseThrow(() -> notFound(call.toolId())).validate(call);
  }

  /** Invokes {@code call} through the registry that holds the tool. */
  public JsonNode invoke(ToolCall call, ToolContext context) {
    ToolRegistry registry = registryOf(call.toolId()).orElseThrow(() -> notFound(call.toolId()));
    return heard(call, context, () -> registry.invoke(call, context));
  }

  /**
   * Invokes {@code call} through the registry that holds the tool, only if {@code grant} approved
   * exactly this call (its input digest included).
   */
  public JsonNode invoke(ToolCall call, ToolContext context, ConsentEvent grant) {
    ToolRegistry registry = registryOf(call.toolId()).orElseThrow(() -> notFound(call.toolId()));
    return heard(call, context, () -> registry.invoke(call, context, grant));
  }

  private JsonNode heard(ToolCall call, ToolContext context, Supplier<JsonNode> invocation) {
    return hooks.toolCall(call, context, () -> recorded(call, context, invocation));
  }

  private JsonNode recorded(ToolCall call, ToolContext context, Supplier<JsonNode> invocation) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("tool", call.toolId());
    // The digest a consent decision records, so the two can be matched.
    data.put("inputDigest", ConsentRequest.digestOf(call.input()));
    try {
      JsonNode output = invocation.get();
      data.put("outputSha256", Transcript.sha256(output));
      return output;
    } catch (RuntimeException e) {
      data.put("failed", true);
      throw e;
    } finally {
      PlanEvent event = PlanEvent.of(context.planId(), TOOL_CALL, clock.instant());
      calls.accept(event.withStep(context.stepId()).withData(data));
    }
  }

  /** Every tool id. */
  public List<String> ids() {
    Set<String> ids = new LinkedHashSet<>();
    registries.forEach(r -> ids.addAll(r.ids()));
    return List.copyOf(ids);
  }

  /** Every tool as an OpenAI/Ollama function definition. */
  public ArrayNode specs() {
    ArrayNode specs = JsonNodeFactory.instance.arrayNode();
    registries.forEach(r -> specs.addAll(r.specs()));
    return specs;
  }

  private static ToolNotFoundException notFound(String toolId) {
    return new ToolNotFoundException(toolId);
  }
}
