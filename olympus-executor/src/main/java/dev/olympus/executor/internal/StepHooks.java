package dev.olympus.executor.internal;

import dev.olympus.executor.StepFailures;
import dev.olympus.executor.StepListener;
import dev.olympus.llm.BreakerState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ToolContext;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an attempt or a tool call between the host's {@link StepListener} callbacks; a callback that
 * throws is logged and the work goes on. Thread-safe.
 */
public final class StepHooks {
  private static final Logger LOG = LoggerFactory.getLogger(StepHooks.class);

  private final StepListener listener;

  /** Hooks that call {@code listener}. */
  public StepHooks(StepListener listener) {
    this.listener = listener;
  }

  /**
   * Runs attempt {@code attempt} of a step, telling the listener when it starts and ends, with the
   * attempt's correlation id in the MDC meanwhile.
   */
  public <T> T attempt(String planId, String stepId, int attempt, Supplier<T> work) {
    StepMdc mdc = StepMdc.attempt(planId, stepId, attempt);
    try {
      safely(() -> listener.onAttemptStarted(planId, stepId, attempt));
      return ended(work, error -> listener.onAttemptEnded(planId, stepId, attempt, error));
    } finally {
      mdc.close();
    }
  }

  /** Runs a tool call, telling the listener when it starts and ends. */
  public <T> T toolCall(ToolCall call, ToolContext context, Supplier<T> work) {
    safely(() -> listener.onToolCallStarted(call, context));
    return ended(work, error -> listener.onToolCallEnded(call, context, error));
  }

  /** Tells the listener that this process stopped running plan {@code planId} without ending it. */
  public void suspended(String planId) {
    safely(() -> listener.onPlanSuspended(planId));
  }

  /** Tells the listener that the circuit breaker of tool {@code toolId} changed state. */
  public void breakerChanged(String toolId, BreakerState state) {
    safely(() -> listener.onToolBreakerStateChange(toolId, state));
  }

  private <T> T ended(Supplier<T> work, java.util.function.Consumer<Optional<StepError>> onEnd) {
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      safely(() -> onEnd.accept(Optional.of(StepFailures.of(e))));
      throw e;
    }
    safely(() -> onEnd.accept(Optional.empty()));
    return result;
  }

  private static void safely(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException | Error e) {
      HostCallbacks.rethrowIfFatal(e);
      LOG.warn("a step listener failed; the step goes on", e);
    }
  }
}
