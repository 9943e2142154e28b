package dev.olympus.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolHandler;
import dev.olympus.tools.ToolSpec;

/** A tool whose body is a {@link ToolHandler}. Immutable and thread-safe if the handler is. */
public final class LambdaTool extends AbstractTool {
  private final ToolHandler handler;

  /** Creates the tool. */
  public LambdaTool(String id, ToolSpec spec, ToolHandler handler) {
    super(id, spec);
    this.handler = handler;
  }

  @Override
  public JsonNode invoke(ToolCall call, ToolContext context) {
    return handler.handle(call.input(), context);
  }
}
