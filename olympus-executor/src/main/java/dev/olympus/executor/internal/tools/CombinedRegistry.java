package dev.olympus.executor.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolNotFoundException;
import dev.olympus.tools.ToolRegistry;
import java.util.List;
import java.util.Optional;

/** The host's registry and the built-in one seen as one {@link ToolRegistry}. */
public final class CombinedRegistry implements ToolRegistry {
  private final Toolbox toolbox;
  private final List<ToolRegistry> registries;

  public CombinedRegistry(Toolbox toolbox, List<ToolRegistry> registries) {
    this.toolbox = toolbox;
    this.registries = List.copyOf(registries);
  }

  @Override
  public Optional<Tool> find(String toolId) {
    return toolbox.registryOf(toolId).flatMap(r -> r.find(toolId));
  }

  @Override
  public Tool get(String toolId) {
    return toolbox.get(toolId);
  }

  @Override
  public String configHash() {
    return toolbox.configHash();
  }

  @Override
  public List<String> ids() {
    return toolbox.ids();
  }

  @Override
  public ArrayNode specs() {
    return toolbox.specs();
  }

  @Override
  public String functionName(String toolId) {
    return toolbox
        .registryOf(toolId)
        .orElseThrow(() -> new ToolNotFoundException(toolId))
        .functionName(toolId);
  }

  @Override
  public String toolIdForFunction(String functionName) {
    for (ToolRegistry registry : registries) {
      try {
        return registry.toolIdForFunction(functionName);
      } catch (ToolNotFoundException e) {
        // not this registry's function; try the next
      }
    }
    throw new ToolNotFoundException(functionName);
  }

  @Override
  public void validate(ToolCall call) {
    toolbox.validate(call);
  }

  @Override
  public JsonNode invoke(ToolCall call, ToolContext context) {
    return toolbox.invoke(call, context);
  }
}
