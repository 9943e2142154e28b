package dev.olympus.temporal.internal;

import dev.olympus.llm.LlmRouter;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The tools of a worker: the host's registry and, with a model router, the model tools. Immutable
 * and thread-safe.
 */
public final class Toolset {
  private final ToolRegistry host;
  private final ModelCalls models;
  private final ToolRegistry modelTools;

  /**
   * The host's tools and the model's.
   *
   * @throws IllegalStateException if the host's registry already has a tool named {@code llm.*}
   *     while a router is given
   */
  public Toolset(ToolRegistry host, LlmRouter router) {
    this.host = host;
    this.models = new ModelCalls(router);
    List<Tool> own = models.tools();
    own.forEach(
        t ->
            Checks.state(
                host.find(t.id()).isEmpty(),
                "the tools already have '" + t.id() + "', which the model router provides"));
    this.modelTools = ToolRegistry.builder().add(own).build();
  }

  /** The tool {@code id}, if a registry has it. */
  Optional<Tool> find(String id) {
    Optional<Tool> tool = host.find(id);
    return tool.isPresent() ? tool : modelTools.find(id);
  }

  /** The registry that has tool {@code id}. */
  ToolRegistry registry(String id) {
    return host.find(id).isPresent() ? host : modelTools;
  }

  /** The model calls behind {@code llm.*}. */
  ModelCalls models() {
    return models;
  }
}
