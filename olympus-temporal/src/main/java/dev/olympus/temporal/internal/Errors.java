package dev.olympus.temporal.internal;

import dev.olympus.llm.LlmException;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolRateLimitedException;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Classifies a step's errors as in process (only rate-limited and transient tool errors are worth
 * another attempt; a side effect only when it was refused before it ran) and turns them into the
 * failures an activity reports: the type names the error, the message is the step's error text, and
 * the details carry the attempt number (and a rate limit's delay in milliseconds).
 */
final class Errors {
  /** The failure type of a rate-limited tool call. */
  static final String RATE_LIMITED = "ToolRateLimitedException";

  /** The failure type of a tool call cancelled through its context. */
  static final String CANCELLED = "ToolCancelledException";

  private Errors() {}

  /** A one-line description of {@code error} for the step's status: its type and message. */
  static String describe(Throwable error) {
    Optional<LlmException> llm = llmCause(error);
    Throwable shown = llm.isPresent() ? llm.get() : error;
    String message = shown.getMessage() == null ? "" : ": " + shown.getMessage();
    return shown.getClass().getSimpleName() + message;
  }

  /** The failure an activity reports for {@code error} of a tool with {@code effect}. */
  static ApplicationFailure failure(RuntimeException error, SideEffect effect, int attempt) {
    String type = error.getClass().getSimpleName();
    long retryAfter =
        error instanceof ToolRateLimitedException limited ? limited.retryAfter().toMillis() : 0;
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setMessage(describe(error))
            .setType(type)
            .setDetails(attempt, retryAfter)
            .setNonRetryable(!retryable(error, effect) || error instanceof ToolCancelledException);
    if (retryAfter > 0) {
      failure.setNextRetryDelay(java.time.Duration.ofMillis(retryAfter));
    }
    return failure.build();
  }

  /**
   * True if a tool with {@code effect} may be attempted again after {@code error}. Model errors
   * never are: the router has already retried them and tried the other providers.
   */
  static boolean retryable(Throwable error, SideEffect effect) {
    if (llmCause(error).isPresent() || !(error instanceof ToolException tool)) {
      return false;
    }
    return tool.retryable() && (effect.safeToRepeat() || error instanceof ToolRateLimitedException);
  }

  private static Optional<LlmException> llmCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof LlmException llm) {
        return Optional.of(llm);
      }
    }
    return Optional.empty();
  }
}
