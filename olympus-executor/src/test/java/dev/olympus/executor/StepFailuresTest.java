package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.HardException;
import dev.olympus.llm.TransientException;
import dev.olympus.plan.StepError;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolTimeoutException;
import dev.olympus.tools.ToolValidationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a tool's or model's failure becomes a step error, and when it is tried again. */
class StepFailuresTest {
  private static final ToolExecutionException TRANSIENT =
      new ToolExecutionException("web.fetch", "connection reset", true, null);
  private static final ToolExecutionException PERMANENT =
      new ToolExecutionException("web.fetch", "404");
  private static final ToolRateLimitedException RATE_LIMITED =
      new ToolRateLimitedException("web.fetch", "too many calls", Duration.ofSeconds(1));

  @Test
  void aToolsFailureKeepsItsRetryabilityAndNamesTheException() {
    assertEquals(
        new StepError.ToolFailed("ToolExecutionException: web.fetch: connection reset", true),
        StepFailures.of(TRANSIENT));
    assertEquals(
        new StepError.ToolFailed("ToolExecutionException: web.fetch: 404", false),
        StepFailures.of(PERMANENT));
    assertEquals(
        new StepError.ToolFailed("IllegalStateException", false),
        StepFailures.of(new IllegalStateException()));
  }

  @Test
  void refusedInputAndTimeoutsHaveTheirOwnKinds() {
    StepError invalid =
        StepFailures.of(new ToolValidationException("fs.read", List.of("path is required")));
    assertEquals(StepError.Kind.VALIDATION, invalid.kind());
    assertEquals(StepError.Schema.INPUT, ((StepError.Validation) invalid).schema());
    StepError late = StepFailures.of(new ToolTimeoutException("fs.read", Duration.ofSeconds(2)));
    assertEquals(StepError.Kind.TIMEOUT, late.kind());
    assertTrue(late.message().contains("did not finish within PT2S"), late.message());
  }

  @Test
  void aModelFailureInsideAToolIsDescribedByTheModelsError() {
    var model = new HardException("openai", 401, "bad key", null);
    StepError error =
        StepFailures.of(new ToolExecutionException("llm.complete", "model failed", true, model));
    assertEquals(new StepError.ToolFailed("HardException: " + model.getMessage(), false), error);
    StepError transientModel =
        StepFailures.of(new RuntimeException(new TransientException("ollama", "reset", null)));
    assertEquals(StepError.Kind.TOOL_FAILED, transientModel.kind());
    assertTrue(transientModel.retryable());
  }

  @Test
  void aModelBudgetRefusalIsABudgetError() {
    var refused = new BudgetExceededException(BudgetExceededException.Scope.PLAN_TOKENS, "spent");
    StepError error = StepFailures.of(new RuntimeException("wrapped", refused));
    assertEquals(StepError.Kind.BUDGET_EXCEEDED, error.kind());
    assertFalse(error.retryable());
  }

  @Test
  void onlyRetryableToolFailuresAreRetriedAndASideEffectOnlyAfterARateLimit() {
    assertTrue(StepFailures.mayRetry(TRANSIENT, SideEffect.READ_ONLY));
    assertTrue(StepFailures.mayRetry(TRANSIENT, SideEffect.IDEMPOTENT));
    assertFalse(StepFailures.mayRetry(TRANSIENT, SideEffect.SIDE_EFFECT));
    assertTrue(StepFailures.mayRetry(RATE_LIMITED, SideEffect.SIDE_EFFECT));
    assertFalse(StepFailures.mayRetry(PERMANENT, SideEffect.READ_ONLY));
    assertFalse(StepFailures.mayRetry(new IllegalStateException(), SideEffect.READ_ONLY));
    var model = new TransientException("ollama", "reset", null);
    assertFalse(
        StepFailures.mayRetry(
            new ToolExecutionException("llm.complete", "failed", true, model),
            SideEffect.READ_ONLY),
        "the router has already retried the model");
    assertThrows(
        NullPointerException.class, () -> StepFailures.mayRetry(null, SideEffect.READ_ONLY));
    assertThrows(NullPointerException.class, () -> StepFailures.mayRetry(TRANSIENT, null));
    assertThrows(NullPointerException.class, () -> StepFailures.of(null));
  }
}
