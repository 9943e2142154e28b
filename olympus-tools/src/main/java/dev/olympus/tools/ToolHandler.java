package dev.olympus.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of a tool built with {@link Tool.Builder#handler}: JSON in, JSON out. */
@FunctionalInterface
public interface ToolHandler {
  /**
   * Runs the tool.
   *
   * @param input the validated input
   * @param context the step's context
   * @return the result
   * @throws ToolException if the tool fails; any other exception is wrapped
   */
  JsonNode handle(JsonNode input, ToolContext context);
}
