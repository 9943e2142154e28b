package dev.olympus.executor.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.internal.StepHooks;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolNotFoundException;
import dev.olympus.tools.ToolRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tools a run can use: the host's registry and the built-in registry (LLM and memory tools),
 * looked up in that order. Each registry keeps its own validation, rate limits and timeouts.
 */
public final class Toolbox {
  private final List<ToolRegistry> registries;
  private final StepHooks hooks;

  /**
   * Creates a toolbox over {@code registries}, searched in order, whose calls {@code hooks} hear.
   */
  public Toolbox(List<ToolRegistry> registries, StepHooks hooks) {
    this.registries = List.copyOf(registries);
    this.hooks = hooks;
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
    return hooks.toolCall(call, context, () -> registry.invoke(call, context));
  }

  /**
   * Invokes {@code call} through the registry that holds the tool, only if {@code grant} approved
   * exactly this call (its input digest included).
   */
  public JsonNode invoke(ToolCall call, ToolContext context, ConsentEvent grant) {
    ToolRegistry registry = registryOf(call.toolId()).orElseThrow(() -> notFound(call.toolId()));
    return hooks.toolCall(call, context, () -> registry.invoke(call, context, grant));
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
