package dev.olympus.tools.internal;

import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolSpec;

/** Holds a tool's id and spec; the built-in and lambda tools extend it. Immutable. */
public abstract class AbstractTool implements Tool {
  private final String id;
  private final ToolSpec spec;

  protected AbstractTool(String id, ToolSpec spec) {
    this.id = id;
    this.spec = spec;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final ToolSpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return "Tool[" + id + "]";
  }
}
