package dev.olympus.executor;

import dev.olympus.llm.BreakerState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ToolContext;
import java.util.Optional;

/**
 * Hears each attempt of a step and each tool call as they happen, on the thread that runs them: for
 * tracing and timing, where a {@link RunEvent} listener hears committed events later and on another
 * thread. An attempt runs one tool call; a model call a step makes (through {@code llm.generate})
 * happens between that call's start and end on the same plan and step, so a listener can nest it
 * under the attempt by the plan and step ids of its {@code BudgetContext}. Attempts of one step
 * never overlap; those of different steps may run at once on different threads. It also hears a
 * tool's circuit breaker change state and a plan suspended by {@code Olympus.close()}, which no run
 * event reports.
 *
 * <pre>{@code
 * Olympus olympus = Olympus.builder()
 *     .stepListener(new StepListener() {
 *       public void onAttemptEnded(String planId, String stepId, int attempt, Optional<StepError> error) {
 *         metrics.count(stepId, error.map(e -> e.kind().jsonName()).orElse("ok"));
 *       }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and fast: they run inside the step. A callback that throws
 * is logged and otherwise ignored; it never fails a step. Every method does nothing by default.
 */
public interface StepListener {
  /** A listener that ignores everything. */
  StepListener NONE = new StepListener() {};

  /**
   * Attempt {@code attempt} of a step starts: its tool is about to be called.
   *
   * @param planId the plan
   * @param stepId the step
   * @param attempt which attempt, counting from 1
   */
  default void onAttemptStarted(String planId, String stepId, int attempt) {}

  /**
   * Attempt {@code attempt} of a step ended; another may follow if the error is retryable.
   *
   * @param planId the plan
   * @param stepId the step
   * @param attempt which attempt, counting from 1
   * @param error why it failed, typed as the step's error would be; empty if it succeeded
   */
  default void onAttemptEnded(
      String planId, String stepId, int attempt, Optional<StepError> error) {}

  /**
   * A tool is about to be called, by a step or by a chat session ({@code context} says which plan
   * or session and which step).
   *
   * @param call the tool and its input
   * @param context the plan, step and deadline of the call
   */
  default void onToolCallStarted(ToolCall call, ToolContext context) {}

  /**
   * A tool call ended.
   *
   * @param call the tool and its input
   * @param context the plan, step and deadline of the call
   * @param error why it failed, typed as a step error; empty if it returned a result
   */
  default void onToolCallEnded(ToolCall call, ToolContext context, Optional<StepError> error) {}

  /**
   * This process stopped running a plan without ending it ({@code Olympus.close()}): the plan stays
   * RUNNING in the store, and a later {@code recoverAll()} or {@code resume} continues it; no run
   * event says so. Called on the closing thread once the plan's running steps returned (or the
   * close's grace ran out) and its events were delivered.
   *
   * @param planId the plan
   */
  default void onPlanSuspended(String planId) {}

  /**
   * A tool's circuit breaker changed state: it opens after 5 retryable failures of the tool in a
   * row (steps calling it then fail at once, retryably), half opens 30 s later to let a call
   * through, and closes when that call succeeds. Called on the thread whose call changed it.
   *
   * @param toolId the tool
   * @param state the new state
   */
  default void onToolBreakerStateChange(String toolId, BreakerState state) {}
}
