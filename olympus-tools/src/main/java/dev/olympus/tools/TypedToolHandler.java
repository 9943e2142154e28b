package dev.olympus.tools;

/**
 * The body of a tool built with {@link Tool.Builder#typed}: a Java record in, any value Jackson can
 * write as JSON out.
 *
 * @param <I> the input record type
 */
@FunctionalInterface
public interface TypedToolHandler<I> {
  /**
   * Runs the tool.
   *
   * @param input the validated input, converted to the record type
   * @param context the step's context
   * @return the result; converted to JSON with Jackson
   * @throws ToolException if the tool fails; any other exception is wrapped
   */
  Object handle(I input, ToolContext context);
}
