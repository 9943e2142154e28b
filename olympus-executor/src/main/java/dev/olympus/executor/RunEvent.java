package dev.olympus.executor;

import dev.olympus.executor.internal.run.RunEvents;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What a run's listeners hear: one committed event of a plan run, typed. Each wraps the {@link
 * PlanEvent} that the audit log stores ({@link #stored()}), which stays the durable form; these
 * types are for code that reacts.
 *
 * <pre>{@code
 * olympus.executor().submit(plan, event -> {
 *   if (event instanceof RunEvent.StepChanged step && step.error().isPresent()) {
 *     ui.showProblem(step.stepId(), step.error().get());
 *   } else if (event instanceof RunEvent.ConsentAsked asked) {
 *     ui.showWaiting(asked.stepId(), asked.toolId());
 *   }
 * });
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface RunEvent
    permits RunEvent.PlanChanged,
        RunEvent.StepChanged,
        RunEvent.AttemptStarted,
        RunEvent.ConsentAsked,
        RunEvent.ConsentDecided,
        RunEvent.BudgetCharged,
        RunEvent.Other {

  /**
   * The typed form of an event read back from the log ({@code memory.events()}), as a run's
   * listeners get it; {@link Other} for kinds without a type of their own.
   *
   * @throws NullPointerException if {@code stored} is null
   */
  static RunEvent of(PlanEvent stored) {
    return RunEvents.of(java.util.Objects.requireNonNull(stored, "stored cannot be null"));
  }

  /** The plan the event belongs to. */
  default String planId() {
    return stored().planId();
  }

  /** When it happened. */
  default Instant at() {
    return stored().timestamp();
  }

  /** The event as the audit log stores it. */
  PlanEvent stored();

  /**
   * The plan moved from one state to another.
   *
   * @param from the state it left
   * @param to the state it entered
   * @param stored the stored event
   */
  record PlanChanged(PlanState from, PlanState to, PlanEvent stored) implements RunEvent {}

  /**
   * A step moved from one state to another; a move to FAILED, BLOCKED or SKIPPED carries its error.
   *
   * @param stepId the step
   * @param from the state it left
   * @param to the state it entered
   * @param error why it failed, is blocked or was skipped
   * @param stored the stored event
   */
  record StepChanged(
      String stepId, StepState from, StepState to, Optional<StepError> error, PlanEvent stored)
      implements RunEvent {}

  /**
   * A step's tool is about to be called: attempt {@code attempt} (1-based) starts.
   *
   * @param stepId the step
   * @param attempt which attempt, counting from 1
   * @param stored the stored event
   */
  record AttemptStarted(String stepId, int attempt, PlanEvent stored) implements RunEvent {}

  /**
   * The consent provider is being asked whether a step may call its tool.
   *
   * @param stepId the step
   * @param toolId the tool
   * @param stored the stored event, with the request's summary, risk and scopes
   */
  record ConsentAsked(String stepId, String toolId, PlanEvent stored) implements RunEvent {}

  /**
   * Consent for a step's call was decided.
   *
   * @param stepId the step
   * @param toolId the tool
   * @param granted true if the call may run (or a person answered in its place)
   * @param decision what was decided: {@code GRANTED}, {@code DENIED} or {@code ANSWERED}
   * @param stored the stored event, with who decided and the digest of the approved input
   */
  record ConsentDecided(
      String stepId, String toolId, boolean granted, String decision, PlanEvent stored)
      implements RunEvent {}

  /**
   * A model call made by a step was charged to the plan's budget.
   *
   * @param stepId the step that made the call
   * @param tokens the tokens it used
   * @param usd what it cost in US dollars
   * @param stored the stored event, with the provider and model
   */
  record BudgetCharged(String stepId, long tokens, BigDecimal usd, PlanEvent stored)
      implements RunEvent {}

  /**
   * Any other event of the run (for example {@code step.settled} when the host completed a step, or
   * {@code plan.deadline}); read its {@link PlanEvent#kind() kind} and data.
   *
   * @param stored the stored event
   */
  record Other(PlanEvent stored) implements RunEvent {}
}
