package dev.olympus.temporal.internal;

import dev.olympus.executor.StepFailures;
import dev.olympus.plan.StepError;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolRateLimitedException;
import io.temporal.common.converter.Values;
import io.temporal.failure.ApplicationFailure;

/**
 * Turns a step's errors, classified as in process ({@link StepFailures}), into the failures an
 * activity reports: the type names the error, the message is the step's error text, and the details
 * carry the attempt number, a rate limit's delay in milliseconds, and the kind of {@link StepError}
 * the step fails with (with its retryability and, for a validation, the schema), so the workflow
 * records the same typed error as the in-process executor.
 */
final class Errors {
  /** The failure type of a rate-limited tool call. */
  static final String RATE_LIMITED = "ToolRateLimitedException";

  /** The failure type of a tool call cancelled through its context. */
  static final String CANCELLED = "ToolCancelledException";

  /**
   * The failure type of an activity whose worker stopped while it ran (the tool call was
   * interrupted): its outcome is unknown, as when the worker is lost without a word.
   */
  static final String WORKER_STOPPED = "WorkerStopped";

  private Errors() {}

  /**
   * The failure of an activity cut short because its worker is stopping; {@code retryable} lets
   * Temporal run it again on another worker (only where repeating it is safe).
   */
  static ApplicationFailure workerStopped(String what, boolean retryable) {
    return ApplicationFailure.newBuilder()
        .setMessage(what + " was interrupted: its worker is stopping")
        .setType(WORKER_STOPPED)
        .setNonRetryable(!retryable)
        .build();
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
    return failure(error, StepFailures.of(error), effect, attempt);
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
            .setNonRetryable(
                !StepFailures.mayRetry(error, effect) || error instanceof ToolCancelledException);
    if (retryAfter > 0) {
      failure.setNextRetryDelay(java.time.Duration.ofMillis(retryAfter));
    }
    return failure.build();
  }
}
