package dev.olympus.temporal.internal;

import dev.olympus.executor.BuiltInTools;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tools of a worker: the host's registry and the executor's built-in ones, the memory tools
 * over the worker's store and, with a model router, the model tools. Immutable and thread-safe.
 */
public final class Toolset {
  private final ToolRegistry host;
  private final ModelCalls models;
  private final ToolRegistry builtIn;

  /**
   * The host's tools and the built-in ones.
   *
   * @throws IllegalStateException if the host's registry already has a built-in tool's id
   */
  public Toolset(ToolRegistry host, MemoryStore memory, LlmRouter router) {
    this.host = host;
    this.models = new ModelCalls(router);
    List<Tool> own = new ArrayList<>(BuiltInTools.memory(memory, Clock.systemUTC()));
    own.addAll(models.tools());
    own.forEach(
        t ->
            Checks.state(
                host.find(t.id()).isEmpty(),
                "the tools already have '" + t.id() + "', which the worker provides"));
    this.builtIn = ToolRegistry.builder().add(own).build();
  }

  /** The tool {@code id}, if a registry has it. */
  Optional<Tool> find(String id) {
    Optional<Tool> tool = host.find(id);
    return tool.isPresent() ? tool : builtIn.find(id);
  }

  /** The registry that has tool {@code id}. */
  ToolRegistry registry(String id) {
    return host.find(id).isPresent() ? host : builtIn;
  }

  /** The model calls behind {@code llm.*}. */
  ModelCalls models() {
    return models;
  }
}
