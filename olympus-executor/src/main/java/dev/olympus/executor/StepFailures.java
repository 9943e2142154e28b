package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.executor.internal.Failures;
import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.LlmException;
import dev.olympus.plan.StepError;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolTimeoutException;
import dev.olympus.tools.ToolValidationException;
import java.util.Optional;

/**
 * How an executor judges the error a step's tool call ended with, so that every executor (in
 * process, on Temporal) records the same {@link StepError} and retries the same errors.
 *
 * <p>Stateless and thread-safe.
 */
public final class StepFailures {
  private StepFailures() {}

  /**
   * The typed error a step fails with after {@code error}: {@code BudgetExceeded} for a model call
   * over its budget, {@code Validation} (of the input) and {@code Timeout} for those tool errors,
   * otherwise {@code ToolFailed}, retryable if the tool or model error says so. The message is the
   * error's simple class name and message (of the model error behind it, if there is one).
   *
   * @throws NullPointerException if {@code error} is null
   */
  public static StepError of(Throwable error) {
    Checks.notNull(error, "error");
    String message = Failures.describe(error);
    Optional<LlmException> llm = Failures.llmCause(error);
    if (llm.isPresent() && llm.get() instanceof BudgetExceededException) {
      return new StepError.BudgetExceeded(message);
    }
    if (llm.isEmpty() && error instanceof ToolValidationException) {
      return new StepError.Validation(StepError.Schema.INPUT, message);
    }
    if (llm.isEmpty() && error instanceof ToolTimeoutException) {
      return new StepError.Timeout(message);
    }
    return new StepError.ToolFailed(message, Failures.retryable(error));
  }

  /**
   * True if a step whose tool has {@code effect} may be attempted again after {@code error}: a
   * retryable tool error, and for a side effect only a rate limit (it was refused before it ran;
   * after a timeout or a dropped connection its effect may already have happened). Model errors
   * never are: the router has already retried them and tried the other providers.
   *
   * @throws NullPointerException if an argument is null
   */
  public static boolean mayRetry(Throwable error, SideEffect effect) {
    Checks.notNull(error, "error");
    Checks.notNull(effect, "effect");
    if (Failures.llmCause(error).isPresent() || !(error instanceof ToolException tool)) {
      return false;
    }
    return tool.retryable() && (effect.safeToRepeat() || error instanceof ToolRateLimitedException);
  }
}
