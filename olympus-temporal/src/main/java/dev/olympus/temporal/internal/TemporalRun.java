package dev.olympus.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.temporal.internal.Wire.View;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PlanRun} on a plan's workflow: reads it with the {@code view} query, steers it with
 * updates (which return once the change is in the workflow's history and the event log), and waits
 * for it with the workflow's result or, for a pause, by asking the query until the run has settled.
 * Thread-safe.
 */
public final class TemporalRun implements PlanRun {
  private static final Pattern TRANSITION = Pattern.compile("transition (\\w+) -> (\\w+)");
  private static final Duration LONGEST_POLL = Duration.ofMillis(100);

  private final String planId;
  private final WorkflowStub stub;
  private final EventTail tail;
  private CompletableFuture<String> result; // guarded by this

  /** The run of the workflow {@code stub} of plan {@code planId}. */
  public TemporalRun(String planId, WorkflowStub stub, EventTail tail) {
    this.planId = planId;
    this.stub = stub;
    this.tail = tail;
  }

  @Override
  public String planId() {
    return planId;
  }

  @Override
  public PlanState state() {
    return snapshot().state();
  }

  @Override
  public PlanSnapshot snapshot() {
    CompletableFuture<String> ended = result();
    if (ended.isDone() && !ended.isCompletedExceptionally()) {
      return PlanJson.readSnapshot(ended.join());
    }
    return PlanJson.readSnapshot(view().snapshot());
  }

  /** The workflow's view: snapshot, whether it settled, open questions. */
  public View view() {
    return stub.query("view", View.class);
  }

  @Override
  public PlanResult await() throws InterruptedException {
    Optional<PlanResult> result = Optional.empty();
    while (result.isEmpty()) {
      result = await(Duration.ofDays(1));
    }
    return result.get();
  }

  @Override
  public Optional<PlanResult> await(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + Checks.notNull(timeout, "timeout").toNanos();
    CompletableFuture<String> ended = result();
    Duration pause = Duration.ofMillis(2);
    while (true) {
      Optional<PlanResult> settled = settled(ended);
      if (settled.isPresent()) {
        tail.catchUp();
        return settled;
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      waitFor(ended, Math.min(left, pause.toNanos()));
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
    }
  }

  private Optional<PlanResult> settled(CompletableFuture<String> ended) {
    if (ended.isDone()) {
      try {
        return Optional.of(new PlanResult(PlanJson.readSnapshot(ended.join())));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "the workflow of plan "
                + planId
                + " ended without a result: "
                + status().map(String::valueOf).orElse("status unknown"),
            e);
      }
    }
    View view;
    try {
      view = view();
    } catch (WorkflowException e) {
      return Optional.empty(); // no worker answers queries right now: keep waiting
    }
    if (!view.settled()) {
      return Optional.empty();
    }
    PlanSnapshot snapshot = PlanJson.readSnapshot(view.snapshot());
    if (!snapshot.state().isTerminal() && !confirmedOpen(snapshot.state())) {
      return Optional.empty(); // the service did not answer right now: keep waiting
    }
    return Optional.of(new PlanResult(snapshot));
  }

  // A closed workflow still answers queries: a paused plan whose workflow was ended from outside
  // (terminated, timed out) can never go on, so it is not reported as merely paused.
  private boolean confirmedOpen(PlanState state) {
    Optional<WorkflowExecutionStatus> known = status();
    if (known.isEmpty()) {
      return false;
    }
    WorkflowExecutionStatus status = known.get();
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new IllegalStateException(
          "the workflow of plan " + planId + " ended while the plan was " + state + ": " + status);
    }
    return true;
  }

  // The workflow's status, or empty while the service does not answer.
  private Optional<WorkflowExecutionStatus> status() {
    try {
      return Optional.of(stub.describe().getStatus());
    } catch (WorkflowException e) {
      return Optional.empty();
    }
  }

  private static void waitFor(CompletableFuture<String> ended, long nanos)
      throws InterruptedException {
    try {
      ended.get(nanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // ended badly (reported by settled) or not yet
    }
  }

  private synchronized CompletableFuture<String> result() {
    if (result == null) {
      result = stub.getResultAsync(String.class);
    }
    return result;
  }

  @Override
  public void cancel() {
    updateUnlessEnded("cancel");
  }

  @Override
  public void pause() {
    updateUnlessEnded("pause");
  }

  @Override
  public void resume() {
    update("resume");
  }

  @Override
  public void approve(String stepId) {
    update("approve", Checks.notNull(stepId, "stepId"));
  }

  @Override
  public void reject(String stepId, String reason) {
    Checks.notNull(stepId, "stepId");
    Checks.notNull(reason, "reason");
    if (!ended()) {
      update("reject", stepId, reason);
      return;
    }
    snapshot().step(stepId); // an unknown step is still refused
  }

  @Override
  public void complete(String stepId, JsonNode output) {
    Checks.notNull(stepId, "stepId");
    update("complete", stepId, Checks.notNull(output, "output").toString());
  }

  /**
   * Answers the open consent question of {@code stepId}.
   *
   * @throws IllegalArgumentException if the step has no open question, or a denial has no reason
   */
  public void answer(String stepId, boolean allowed, String reason) {
    update("answer", stepId, allowed, reason);
  }

  @Override
  public PlanRun onEvent(Consumer<RunEvent> listener) {
    tail.listen(planId::equals, Checks.notNull(listener, "listener"));
    return this;
  }

  /** True once the workflow has ended. */
  public boolean ended() {
    return result().isDone();
  }

  /** The consent questions the workflow holds open. */
  public java.util.List<dev.olympus.temporal.ConsentQuestion> questions() {
    return view().questions().stream().map(q -> question(q)).toList();
  }

  private dev.olympus.temporal.ConsentQuestion question(Wire.Question q) {
    JsonNode json = StepRunner.parse(q.request());
    java.util.List<String> scopes = new java.util.ArrayList<>();
    json.path("scopes").forEach(s -> scopes.add(s.asText()));
    return new dev.olympus.temporal.ConsentQuestion(
        planId,
        q.stepId(),
        json.path("tool").asText(),
        json.path("summary").asText(),
        scopes,
        json.path("input"),
        json.path("inputDigest").asText());
  }

  private void updateUnlessEnded(String name) {
    if (!ended()) {
      try {
        update(name);
      } catch (IllegalStateException e) {
        if (!ended()) {
          throw e;
        }
      }
    }
  }

  private void update(String name, Object... args) {
    if (ended()) {
      throw new IllegalStateException("plan " + planId + " is already " + state());
    }
    try {
      stub.update(name, Void.class, args);
    } catch (WorkflowUpdateException e) {
      throw refusal(e.getCause());
    } catch (WorkflowNotFoundException e) {
      throw new IllegalStateException("plan " + planId + " has ended", e);
    }
  }

  // The workflow refused the update with one of PlanRun's exceptions: the same one here.
  private static RuntimeException refusal(Throwable cause) {
    if (!(cause instanceof ApplicationFailure failure)) {
      return new IllegalStateException(String.valueOf(cause), cause);
    }
    String type = failure.getType();
    String message = failure.getOriginalMessage();
    if (type.endsWith("IllegalTransitionException")) {
      Matcher m = TRANSITION.matcher(message);
      if (m.find()) {
        return new IllegalTransitionException(
            StepState.valueOf(m.group(1)), StepState.valueOf(m.group(2)));
      }
    }
    if (type.endsWith("IllegalArgumentException")) {
      return new IllegalArgumentException(message);
    }
    if (type.endsWith("NullPointerException")) {
      return new NullPointerException(message);
    }
    return new IllegalStateException(message, failure);
  }

  @Override
  public String toString() {
    return "TemporalRun[" + planId + "]";
  }
}
