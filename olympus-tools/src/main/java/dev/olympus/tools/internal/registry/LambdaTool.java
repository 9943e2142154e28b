package dev.olympus.tools.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolSpec;
import dev.olympus.tools.internal.AbstractTool;

/** A tool whose body is a {@link Tool.Handler}. Immutable and thread-safe if the handler is. */
public final class LambdaTool extends AbstractTool {
  private final Tool.Handler handler;

  /** Creates the tool. */
  public LambdaTool(String id, ToolSpec spec, Tool.Handler handler) {
    super(id, spec);
    this.handler = handler;
  }

  @Override
  public JsonNode invoke(ToolCall call, ToolContext context) {
    return handler.handle(call.input(), context);
  }
}
