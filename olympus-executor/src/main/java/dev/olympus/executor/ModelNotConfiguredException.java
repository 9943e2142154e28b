package dev.olympus.executor;

/**
 * Thrown when something needs a language model (such as {@link Planner#plan}) but Olympus was built
 * without one. Configure one with {@code Olympus.builder().llm(router)}.
 */
public final class ModelNotConfiguredException extends ExecutorException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code what} names what needed the model, such as "planning". */
  public ModelNotConfiguredException(String what) {
    super(
        what
            + " needs a language model, but none is configured: build Olympus with"
            + " .llm(LlmRouter.builder().local(OllamaProvider.at(uri, model)).build())",
        null);
  }
}
