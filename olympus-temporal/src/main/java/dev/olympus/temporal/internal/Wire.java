package dev.olympus.temporal.internal;

import java.util.List;

/**
 * The values the workflow, its activities and the client exchange. Temporal stores them in the
 * workflow's history as JSON, so they hold only strings and numbers (plans, inputs, outputs and
 * events as their own JSON text): a recorded history replays whatever Jackson version reads it.
 */
public final class Wire {
  private Wire() {}

  /**
   * What a plan's workflow starts with.
   *
   * @param plan the plan as {@code PlanJson} writes it
   * @param steps how many steps it has (the limit it is read back with)
   * @param parallelism how many of its steps may run at once
   * @param maxStepMillis the time limit of an attempt whose guard sets none
   * @param heartbeatMillis how soon a worker that stopped answering during a step is given up
   * @param consentTimeoutMillis how long a consent question may stay open; 0 for as long as the
   *     plan may run
   * @param consentInWorkflow true to wait in the workflow for the host's answer (an update) instead
   *     of asking the worker's consent provider
   */
  public record PlanTask(
      String plan,
      int steps,
      int parallelism,
      long maxStepMillis,
      long heartbeatMillis,
      long consentTimeoutMillis,
      boolean consentInWorkflow) {}

  /**
   * What the workflow reports to a query: where the plan is, and whether the host may stop waiting.
   *
   * @param snapshot the snapshot as {@code PlanJson} writes it
   * @param settled true if the plan ended, or is paused with no step running, and the event log has
   *     every event so far
   * @param questions the open consent questions, oldest first
   */
  public record View(String snapshot, boolean settled, List<Question> questions) {}

  /**
   * A consent question waiting in the workflow for the host's answer.
   *
   * @param stepId the step asking
   * @param request the {@code ConsentRequest} as JSON
   */
  public record Question(String stepId, String request) {}

  /**
   * Checks a step before it runs: the input against the tool's schema and pre-check, then consent.
   *
   * @param planId the plan
   * @param stepId the step
   * @param toolId the tool it uses
   * @param input its resolved input, JSON
   * @param consentRequired true if the guard says to ask even when a standing grant covers it
   * @param approved true if the host approved the step after it was blocked: ask no one
   * @param askInWorkflow true to return the question instead of asking the worker's provider
   */
  public record PrepareRequest(
      String planId,
      String stepId,
      String toolId,
      String input,
      boolean consentRequired,
      boolean approved,
      boolean askInWorkflow) {}

  /**
   * The outcome of {@link PrepareRequest}.
   *
   * @param effect the tool's {@code SideEffect} name
   * @param verdict {@code RUN}, {@code BLOCK}, {@code ANSWERED} or {@code ASK}
   * @param input what to run with (the approved input, or the person's edit of it), or the answer
   *     given in the tool's place, or the consent question to ask; JSON
   * @param reason why the step is blocked
   * @param events the {@code consent.decision} events, as JSON, for the log
   */
  public record Prepared(
      String effect, String verdict, String input, String reason, List<String> events) {}

  /**
   * One call of a step's tool.
   *
   * @param planId the plan
   * @param stepId the step
   * @param toolId the tool
   * @param input the input, JSON
   * @param idempotencyKey the same for every attempt and after a restart
   * @param timeoutMillis the time limit of one attempt
   * @param planDeadlineMillis when the plan must end (epoch millis); 0 for never
   * @param allowance what a model call may spend
   */
  public record InvokeRequest(
      String planId,
      String stepId,
      String toolId,
      String input,
      String idempotencyKey,
      long timeoutMillis,
      long planDeadlineMillis,
      Allowance allowance) {}

  /**
   * The spending limits of a model call and what was spent against them; a limit of -1 (tokens) or
   * an empty string (dollars) is none.
   */
  public record Allowance(
      long planTokenLimit,
      long planTokensSpent,
      String planUsdLimit,
      String planUsdSpent,
      long stepTokenLimit,
      long stepTokensSpent,
      String stepUsdLimit,
      String stepUsdSpent) {}

  /**
   * A tool's result.
   *
   * @param output the output, JSON
   * @param attempt the attempt that produced it (1-based)
   * @param charge what a model call spent ({@code budget.charge} data as JSON), or empty
   */
  public record Invoked(String output, int attempt, String charge) {}

  /**
   * Events for the host's event log, in order.
   *
   * @param planId the plan
   * @param marker the correlation id of every event of the batch, unique per batch, so a retried
   *     write that did commit the first time is recognised and not written twice
   * @param events the events as {@code PlanJson} writes them
   */
  public record JournalBatch(String planId, String marker, List<String> events) {}

  /**
   * A step's output that the host settles a blocked step with, checked against its tool.
   *
   * @param toolId the tool
   * @param output the output, JSON
   */
  public record OutputCheck(String toolId, String output) {}
}
