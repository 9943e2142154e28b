package dev.olympus.temporal.internal;

import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.LlmException;
import dev.olympus.plan.StepError;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolTimeoutException;
import dev.olympus.tools.ToolValidationException;
import io.temporal.common.converter.Values;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Classifies a step's errors as in process (only rate-limited and transient tool errors are worth
 * another attempt; a side effect only when it was refused before it ran) and turns them into the
 * failures an activity reports: the type names the error, the message is the step's error text, and
 * the details carry the attempt number, a rate limit's delay in milliseconds, and the kind of
 * {@link StepError} the step fails with (with its retryability and, for a validation, the schema),
 * so the workflow records the same typed error as the in-process executor.
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

  /**
   * The typed error of a step that failed with {@code error}, its message as {@link
   * #describe(Throwable)} gives it: the same kinds as in process.
   */
  static StepError stepError(Throwable error) {
    String message = describe(error);
    Optional<LlmException> llm = llmCause(error);
    if (llm.isPresent() && llm.get() instanceof BudgetExceededException) {
      return new StepError.BudgetExceeded(message);
    }
    if (llm.isEmpty() && error instanceof ToolValidationException) {
      return new StepError.Validation(StepError.Schema.INPUT, message);
    }
    if (llm.isEmpty() && error instanceof ToolTimeoutException) {
      return new StepError.Timeout(message);
    }
    boolean retryable =
        llm.isPresent() ? llm.get().retryable() : error instanceof ToolException t && t.retryable();
    return new StepError.ToolFailed(message, retryable);
  }

  /**
   * The typed error carried by {@code failure} (see {@link #failure}): an activity only fails a
   * step with a tool failure, a validation, a budget or a timeout.
   */
  static StepError stepError(ApplicationFailure failure) {
    Values details = failure.getDetails();
    String message = failure.getOriginalMessage();
    if (details.getSize() < 5) {
      return new StepError.ToolFailed(message, false); // not reported by this module's activities
    }
    return switch (StepError.Kind.valueOf(details.get(2, String.class))) {
      case VALIDATION ->
          new StepError.Validation(StepError.Schema.valueOf(details.get(4, String.class)), message);
      case BUDGET_EXCEEDED -> new StepError.BudgetExceeded(message);
      case TIMEOUT -> new StepError.Timeout(message);
      default -> new StepError.ToolFailed(message, details.get(3, Boolean.class));
    };
  }

  /** The failure an activity reports for {@code error} of a tool with {@code effect}. */
  static ApplicationFailure failure(RuntimeException error, SideEffect effect, int attempt) {
    return failure(error, stepError(error), effect, attempt);
  }

  /**
   * The failure an activity reports for {@code error} of a tool with {@code effect}, failing the
   * step with {@code typed}.
   */
  static ApplicationFailure failure(
      RuntimeException error, StepError typed, SideEffect effect, int attempt) {
    String type = error.getClass().getSimpleName();
    long retryAfter =
        error instanceof ToolRateLimitedException limited ? limited.retryAfter().toMillis() : 0;
    String schema = typed instanceof StepError.Validation v ? v.schema().name() : "";
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setMessage(typed.message())
            .setType(type)
            .setDetails(attempt, retryAfter, typed.kind().name(), typed.retryable(), schema)
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
