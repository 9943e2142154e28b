package dev.olympus.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import dev.olympus.temporal.internal.Wire.OutputCheck;
import dev.olympus.temporal.internal.Wire.PlanTask;
import dev.olympus.temporal.internal.Wire.Question;
import dev.olympus.temporal.internal.Wire.View;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interprets a plan as a workflow with the in-process executor's rules: the same state machine
 * (olympus-plan's {@link PlanSnapshot} and its transition tables), at most {@code parallelism}
 * steps at once, the same settling of a run into DONE, FAILED, PAUSED or CANCELLED, and every
 * transition in the host's event log. All time is the workflow's; nothing here reads a clock or
 * draws a random number, so a history replays.
 *
 * <p>Workflow code: one instance per run, on the workflow's threads only.
 */
public final class PlanWorkflowImpl implements PlanWorkflow, StepRunner.Run {
  static final String REJECTED = "rejected by host";
  private static final StepError DEADLINE_PASSED =
      new StepError.Timeout("Timeout: the plan's deadline passed");
  private static final StepError SELF_CANCELLED =
      new StepError.ToolFailed(
          "ToolCancelledException: the call ended as cancelled, but nothing cancelled the plan",
          false);

  private final PlanTask task;
  private final Plan plan;
  private final StepActivities activities;
  private final Journal journal;
  private final Spending spending;
  private final StepRunner runner;
  private PlanSnapshot snapshot;
  private final Set<String> inFlight = new LinkedHashSet<>();
  private final Map<String, CancellationScope> scopes = new LinkedHashMap<>();
  private final Set<String> approved = new HashSet<>();
  private final Map<String, Question> questions = new LinkedHashMap<>();
  private final Map<String, String> answers = new HashMap<>();
  private final Set<String> calling = new HashSet<>();
  private long deadline;
  private boolean pauseRequested;
  private boolean cancelRequested;
  private boolean failing;
  private boolean deadlineFired;
  private boolean deadlinePassed;
  private boolean changed;

  /** Reads the plan, before any update or query can reach the run. */
  @WorkflowInit
  public PlanWorkflowImpl(PlanTask task) {
    this.task = task;
    this.plan = PlanJson.readPlan(task.plan(), task.steps());
    this.activities =
        Workflow.newActivityStub(
            StepActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(
                    RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
                .build());
    this.journal = new Journal(plan.id(), activities);
    this.spending = new Spending(plan);
    this.runner = new StepRunner(plan, task, this, journal, spending);
    this.snapshot = PlanSnapshot.initial(plan, now());
  }

  @Override
  public String run(PlanTask task) {
    movePlan(PlanState.QUEUED);
    movePlan(PlanState.RUNNING);
    plan.deadline().ifPresent(this::armDeadline);
    while (true) {
      pump();
      if (snapshot.state().isTerminal()) {
        break;
      }
      Workflow.await(() -> changed);
      changed = false;
    }
    journal.close();
    Workflow.await(Workflow::isEveryHandlerFinished);
    return PlanJson.write(snapshot);
  }

  private void armDeadline(Duration limit) {
    deadline = Workflow.currentTimeMillis() + limit.toMillis();
    Workflow.newTimer(limit)
        .thenApply(
            fired -> {
              deadlinePassed = true;
              return changed = true;
            });
  }

  // ---- queries and updates -------------------------------------------------------------------

  @Override
  public View view() {
    PlanState state = snapshot.state();
    boolean stopped = state.isTerminal() || (state == PlanState.PAUSED && inFlight.isEmpty());
    return new View(
        PlanJson.write(snapshot), stopped && journal.caughtUp(), List.copyOf(questions.values()));
  }

  @Override
  public void pause() {
    if (snapshot.state() == PlanState.RUNNING) {
      pauseRequested = true;
      afterHostChange();
    }
  }

  @Override
  public void validateResume() {
    Checks.state(!snapshot.state().isTerminal(), "plan " + plan.id() + " is " + snapshot.state());
  }

  @Override
  public void resume() {
    pauseRequested = false;
    if (snapshot.state() == PlanState.PAUSED) {
      movePlan(PlanState.RUNNING);
    }
    afterHostChange();
  }

  @Override
  public void cancel() {
    if (snapshot.state().isTerminal()) {
      return;
    }
    cancelRequested = true;
    scopes.values().forEach(CancellationScope::cancel);
    if (snapshot.state() == PlanState.PAUSED) {
      movePlan(PlanState.RUNNING);
    }
    afterHostChange();
  }

  @Override
  public void validateApprove(String stepId) {
    blocked(stepId, StepState.PENDING);
  }

  @Override
  public void approve(String stepId) {
    moveStep(
        stepId,
        blocked(stepId, StepState.PENDING).moveTo(StepState.PENDING, now()),
        "approved by host");
    approved.add(stepId);
    resumeIfPaused();
  }

  @Override
  public void validateReject(String stepId, String reason) {
    Checks.notNull(reason, "reason");
    if (snapshot.state().isTerminal()) {
      snapshot.step(Checks.notNull(stepId, "stepId")); // still refuses an unknown step
      return;
    }
    blocked(stepId, StepState.SKIPPED);
  }

  @Override
  public void reject(String stepId, String reason) {
    if (snapshot.state().isTerminal()) {
      return; // the plan ended (e.g. an earlier rejection failed it): nothing is left to reject
    }
    String why = REJECTED + (reason.isBlank() ? "" : ": " + reason);
    moveStep(
        stepId,
        snapshot.step(stepId).moveTo(StepState.SKIPPED, new StepError.Rejected(why), now()));
    if (!plan.step(stepId).guard().optional()) {
      skipDescendants(stepId, "ancestor '" + stepId + "' was rejected");
      failing = true;
    }
    resumeIfPaused();
  }

  @Override
  public void validateComplete(String stepId, String output) {
    Checks.notNull(output, "output");
    blocked(stepId, StepState.DONE);
  }

  @Override
  public void complete(String stepId, String output) {
    String toolId = plan.step(stepId).capability().name();
    try {
      activities.checkOutput(new OutputCheck(toolId, output));
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newNonRetryableFailure(
          ((ApplicationFailure) e.getCause()).getOriginalMessage(), "IllegalArgumentException");
    }
    if (snapshot.state().isTerminal() || snapshot.step(stepId).state() != StepState.BLOCKED) {
      throw ApplicationFailure.newNonRetryableFailure(
          "step '" + stepId + "' is no longer BLOCKED", "IllegalStateException");
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("by", "host").put("tool", toolId);
    note(event("step.settled", data).withStep(stepId));
    moveStep(stepId, snapshot.step(stepId).done(StepRunner.parse(output), now()));
    resumeIfPaused();
  }

  @Override
  public void validateAnswer(String stepId, boolean allowed, String reason) {
    Checks.argument(
        questions.containsKey(Checks.notNull(stepId, "stepId")),
        "step '" + stepId + "' has no open consent question");
    Checks.argument(allowed || !reason.isBlank(), "a denial needs a reason");
  }

  @Override
  public void answer(String stepId, boolean allowed, String reason) {
    answers.put(stepId, allowed ? "" : reason);
  }

  // Only a BLOCKED step of a live plan can be approved, rejected or settled.
  private StepStatus blocked(String stepId, StepState target) {
    StepStatus status = snapshot.step(Checks.notNull(stepId, "stepId"));
    Checks.state(
        !snapshot.state().isTerminal(), "plan " + plan.id() + " is already " + snapshot.state());
    if (status.state() != StepState.BLOCKED) {
      throw new IllegalTransitionException(status.state(), target);
    }
    return status;
  }

  private void resumeIfPaused() {
    if (snapshot.state() == PlanState.PAUSED) {
      pauseRequested = false;
      movePlan(PlanState.RUNNING);
    }
    afterHostChange();
  }

  // The host's change is in the event log before its call returns, as in process.
  private void afterHostChange() {
    changed = true;
    journal.awaitWritten();
  }

  // ---- StepRunner.Run ------------------------------------------------------------------------

  @Override
  public void note(PlanEvent event) {
    journal.note(event);
  }

  @Override
  public boolean markRunning(String step) {
    if (cancelRequested || failing && deadlineFired) {
      return false;
    }
    moveStep(step, snapshot.step(step).running(now()));
    return true;
  }

  @Override
  public void attempted(String step, int number) {
    StepStatus s = snapshot.step(step);
    for (int n = s.attempts() + 1; n <= number; n++) {
      ObjectNode data = JsonNodeFactory.instance.objectNode().put("attempt", n);
      note(event(RunEvents.ATTEMPT, data).withStep(step));
    }
    if (number > s.attempts()) {
      StepStatus counted =
          new StepStatus(s.state(), number, s.output(), s.error(), s.startedAt(), s.finishedAt());
      snapshot = snapshot.withStep(step, counted, now());
    }
  }

  @Override
  public String ask(String step, String question) {
    questions.put(step, new Question(step, question));
    JsonNode asked = StepRunner.parse(question);
    note(consent(step, "ASKED", "", asked));
    Duration limit = Duration.ofMillis(task.consentTimeoutMillis());
    try {
      boolean answered =
          limit.isZero()
              ? waitForAnswer(step)
              : Workflow.await(limit, () -> answers.containsKey(step));
      String denial = answered ? answers.remove(step) : "no answer within " + limit;
      note(consent(step, denial.isEmpty() ? "GRANTED" : "DENIED", denial, asked));
      return denial.isEmpty() ? null : "consent denied: " + denial;
    } finally {
      questions.remove(step);
    }
  }

  private boolean waitForAnswer(String step) {
    Workflow.await(() -> answers.containsKey(step));
    return true;
  }

  // As the in-process executor logs a decision: which call, on which input, and why.
  private PlanEvent consent(String step, String decision, String detail, JsonNode question) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("decision", decision);
    data.put("source", "WORKFLOW_UPDATE").put("tool", plan.step(step).capability().name());
    data.put("summary", question.path("summary").asText()).put("detail", detail);
    data.put("inputDigest", question.path("inputDigest").asText());
    data.set("scopes", question.path("scopes").deepCopy());
    return PlanEvent.of(plan.id(), RunEvents.CONSENT, now()).withStep(step).withData(data);
  }

  @Override
  public Map<String, JsonNode> outputs() {
    return snapshot.outputs();
  }

  @Override
  public long deadline() {
    return deadline;
  }

  @Override
  public void calling(String step, boolean now) {
    if (now) {
      calling.add(step);
    } else {
      calling.remove(step);
    }
  }

  // ---- scheduling ----------------------------------------------------------------------------

  private void pump() {
    if (snapshot.state() != PlanState.RUNNING) {
      return;
    }
    if (!cancelRequested && !deadlineFired && deadlinePassed) {
      deadlineFired = true;
      failing = true;
      note(event("plan.deadline", JsonNodeFactory.instance.objectNode()));
      // A tool being called ends by the deadline itself (its timeout is capped by it); cancelling
      // its activity too would race its completion. The others (consent, checks) are stopped.
      scopes.forEach(
          (step, scope) -> {
            if (!calling.contains(step)) {
              scope.cancel();
            }
          });
    }
    if (!cancelRequested && !pauseRequested && !failing) {
      dispatchRunnable();
    }
    if (inFlight.isEmpty()) {
      settle();
    }
  }

  private void dispatchRunnable() {
    int free = task.parallelism() - inFlight.size();
    for (String step : snapshot.runnableSteps()) {
      if (free <= 0) {
        return;
      }
      if (!inFlight.contains(step)) {
        dispatch(step);
        free--;
      }
    }
  }

  private void dispatch(String step) {
    inFlight.add(step);
    boolean preApproved = approved.remove(step);
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> Async.procedure(() -> finish(step, runner.run(step, preApproved))));
    scopes.put(step, scope);
    scope.run();
  }

  private void finish(String step, Outcome outcome) {
    inFlight.remove(step);
    scopes.remove(step);
    apply(step, outcome);
    changed = true;
  }

  private void apply(String step, Outcome outcome) {
    StepStatus status = snapshot.step(step);
    if (outcome instanceof Outcome.Done done) {
      moveStep(step, status.done(done.output(), now()));
    } else if (outcome instanceof Outcome.Blocked blocked) {
      moveStep(step, status.moveTo(StepState.BLOCKED, blocked.reason(), now()));
    } else if (outcome instanceof Outcome.Failed failed) {
      failStep(step, failed.error());
    } else if (deadlineFired && status.state() == StepState.RUNNING) {
      moveStep(step, status.moveTo(StepState.FAILED, DEADLINE_PASSED, now()));
    } else if (!cancelRequested && !deadlineFired) {
      failStep(step, SELF_CANCELLED); // nobody cancelled the plan: its tool gave up
    } else if (status.state().canMoveTo(StepState.SKIPPED)) {
      String why =
          status.state() == StepState.RUNNING
              ? "cancelled while running (its tool may have finished)"
              : "cancelled";
      moveStep(step, status.moveTo(StepState.SKIPPED, new StepError.Cancelled(why), now()));
    }
  }

  private void failStep(String step, StepError error) {
    StepStatus status = snapshot.step(step);
    if (status.state() == StepState.PENDING) {
      status = status.running(now());
      moveStep(step, status);
    }
    moveStep(step, status.moveTo(StepState.FAILED, error, now()));
    if (!plan.step(step).guard().optional()) {
      skipDescendants(step, "ancestor '" + step + "' failed");
      failing = true;
    }
  }

  private void skipDescendants(String step, String reason) {
    StepError skipped = new StepError.AncestorFailed(reason);
    for (String d : plan.stepsToSkip(step, snapshot.stepStates())) {
      StepStatus s = snapshot.step(d);
      if (!inFlight.contains(d) && s.state().canMoveTo(StepState.SKIPPED)) {
        moveStep(d, s.moveTo(StepState.SKIPPED, skipped, now()));
      }
    }
  }

  /** Nothing is in flight: finish, pause or cancel the plan. */
  private void settle() {
    if (cancelRequested) {
      skipRemaining(new StepError.Cancelled("cancelled"));
      movePlan(PlanState.CANCELLED);
    } else if (failing) {
      skipRemaining(new StepError.NotRun("plan failed"));
      movePlan(PlanState.FAILED);
    } else if (pauseRequested || snapshot.stepStates().containsValue(StepState.BLOCKED)) {
      movePlan(PlanState.PAUSED);
    } else if (snapshot.runnableSteps().isEmpty()) {
      boolean failed =
          snapshot.steps().entrySet().stream()
              .anyMatch(
                  e ->
                      e.getValue().state() == StepState.FAILED
                          && !plan.step(e.getKey()).guard().optional());
      skipRemaining(new StepError.NotRun("unreachable"));
      movePlan(failed ? PlanState.FAILED : PlanState.DONE);
    }
  }

  private void skipRemaining(StepError reason) {
    List<String> left = new ArrayList<>();
    snapshot
        .stepStates()
        .forEach(
            (step, state) -> {
              if (state == StepState.PENDING || state == StepState.BLOCKED) {
                left.add(step);
              }
            });
    for (String step : left) {
      moveStep(step, snapshot.step(step).moveTo(StepState.SKIPPED, reason, now()));
    }
  }

  // ---- transitions ---------------------------------------------------------------------------

  private void moveStep(String step, StepStatus next) {
    moveStep(step, next, "");
  }

  // The event says why the step moved: its error, or else {@code reason} (empty for none).
  private void moveStep(String step, StepStatus next, String reason) {
    StepStatus previous = snapshot.step(step);
    Instant at = now();
    snapshot = snapshot.withStep(step, next, at);
    StepState from = previous.state();
    note(
        next.error().isPresent()
            ? PlanEvent.stepState(plan.id(), step, from, next.state(), next.error().get(), at)
            : PlanEvent.stepState(plan.id(), step, from, next.state(), reason, at));
  }

  private void movePlan(PlanState target) {
    PlanState from = snapshot.state();
    Instant at = now();
    snapshot = snapshot.withState(target, at);
    note(PlanEvent.planState(plan.id(), from, target, at));
  }

  private PlanEvent event(String kind, ObjectNode data) {
    return PlanEvent.of(plan.id(), kind, now()).withData(data);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
