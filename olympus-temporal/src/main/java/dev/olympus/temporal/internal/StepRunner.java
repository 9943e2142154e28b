package dev.olympus.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.StepFailures;
import dev.olympus.plan.Money;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.Step;
import dev.olympus.plan.StepError;
import dev.olympus.temporal.internal.Wire.InvokeRequest;
import dev.olympus.temporal.internal.Wire.Invoked;
import dev.olympus.temporal.internal.Wire.PlanTask;
import dev.olympus.temporal.internal.Wire.PrepareRequest;
import dev.olympus.temporal.internal.Wire.Prepared;
import dev.olympus.tools.SideEffect;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * Runs one step inside the workflow, in the same order as in process: resolve its inputs, check
 * them and ask for consent (an activity, or the host's answer to a question the workflow holds),
 * check the budget, mark it RUNNING, then call its tool (an activity). A tool that is read-only or
 * idempotent is retried by Temporal's retry policy with the guard's backoff; a side effect is
 * called once per attempt the workflow decides on, and only a refusal before it ran (rate limited)
 * is tried again: after a timeout or a lost worker its effect may have happened.
 *
 * <p>Workflow code: runs on the workflow's threads only.
 */
final class StepRunner {
  /** What a step needs from the run it belongs to. */
  interface Run {
    /** Records an event in the run's log. */
    void note(PlanEvent event);

    /** Marks the step RUNNING; false if the run was cancelled meanwhile. */
    boolean markRunning(String step);

    /** Records that attempt {@code number} of the step was made. */
    void attempted(String step, int number);

    /**
     * Asks the host the consent question (JSON) through the workflow and waits for the answer;
     * returns why it was denied, or null if it was allowed.
     */
    String ask(String step, String question);

    /** The outputs of the DONE steps. */
    Map<String, JsonNode> outputs();

    /** When the plan must end (epoch millis), or 0. */
    long deadline();

    /** Records whether the step's tool is being called (it then ends by the plan's deadline). */
    void calling(String step, boolean calling);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  // Lost workers are replaced; a step whose worker is lost this often fails rather than loop.
  private static final int MAX_LOST = 10;
  private static final Duration MARGIN = Duration.ofSeconds(5);
  private static final StepError INTERRUPTED =
      new StepError.Interrupted("interrupted while running; approve to re-run");

  private final Plan plan;
  private final PlanTask task;
  private final Run run;
  private final Journal journal;
  private final Spending spending;
  private final StepActivities prepare;

  StepRunner(Plan plan, PlanTask task, Run run, Journal journal, Spending spending) {
    this.plan = plan;
    this.task = task;
    this.run = run;
    this.journal = journal;
    this.spending = spending;
    Duration ask =
        task.consentTimeoutMillis() > 0
            ? Duration.ofMillis(task.consentTimeoutMillis()).plus(MARGIN)
            : Duration.ofDays(365);
    this.prepare =
        Workflow.newActivityStub(
            StepActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(ask)
                .setHeartbeatTimeout(Duration.ofMillis(task.heartbeatMillis()))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .build());
  }

  /** Runs step {@code name}; {@code approved} if the host approved it after it was blocked. */
  Outcome run(String name, boolean approved) {
    Step step = plan.step(name);
    try {
      String input = plan.resolveInputs(name, run.outputs()).toString();
      Prepared prepared =
          prepare.prepare(
              new PrepareRequest(
                  plan.id(),
                  name,
                  step.capability().name(),
                  input,
                  step.guard().consentRequired(),
                  approved,
                  task.consentInWorkflow()));
      prepared.events().forEach(e -> run.note(PlanJson.readEvent(e)));
      return afterPrepare(step, prepared);
    } catch (ActivityFailure e) {
      return failure(e, step, 1);
    } catch (CanceledFailure e) {
      return new Outcome.Cancelled();
    } catch (RuntimeException e) {
      return new Outcome.Failed(StepFailures.of(e)); // an input reference that does not resolve
    }
  }

  private Outcome afterPrepare(Step step, Prepared prepared) {
    switch (prepared.verdict()) {
      case "BLOCK":
        return new Outcome.Blocked(new StepError.ConsentDenied(prepared.reason()));
      case "ASK":
        String denied = run.ask(step.name(), prepared.input());
        if (denied != null) {
          return new Outcome.Blocked(new StepError.ConsentDenied(denied));
        }
        break;
      default:
        break;
    }
    if (spending.exhausted(step.name()).isPresent()) {
      return budgetExceeded(step);
    }
    if (!run.markRunning(step.name())) {
      return new Outcome.Cancelled();
    }
    SideEffect effect = SideEffect.valueOf(prepared.effect());
    if (!effect.safeToRepeat()) {
      journal.awaitWritten(); // the log says RUNNING before the effect can happen
    }
    if (prepared.verdict().equals("ANSWERED")) {
      return new Outcome.Done(parse(prepared.input()));
    }
    String input = prepared.verdict().equals("ASK") ? inputOf(prepared.input()) : prepared.input();
    return charged(step, effect, input);
  }

  // Model calls of a plan with a limit take turns: each may spend what is left.
  private Outcome charged(Step step, SideEffect effect, String input) {
    boolean turn = step.capability().name().startsWith("llm.") && spending.limited(step.name());
    if (turn) {
      spending.hold();
    }
    try {
      if (spending.exhausted(step.name()).isPresent()) {
        return budgetExceeded(step);
      }
      run.calling(step.name(), true);
      return effect.safeToRepeat() ? safe(step, input) : sideEffect(step, input);
    } finally {
      run.calling(step.name(), false);
      if (turn) {
        spending.release();
      }
    }
  }

  private Outcome safe(Step step, String input) {
    int guardRetries = step.guard().retries();
    RetryOptions retry =
        RetryOptions.newBuilder()
            .setInitialInterval(step.guard().backoff())
            .setBackoffCoefficient(2)
            .setMaximumInterval(step.guard().backoff().multipliedBy(64))
            .setMaximumAttempts(guardRetries + 1)
            .build();
    StepActivities tool = invoker(step, retry);
    for (int lost = 0; ; lost++) {
      try {
        return done(step, tool.invoke(request(step, input)));
      } catch (ActivityFailure e) {
        if (!workerLost(e) || lost >= MAX_LOST) {
          return failure(e, step, guardRetries + 1);
        }
        // Its worker stopped answering: run it again, as recovery does in process.
        run.note(
            event(step, "step.interrupted", "worker lost; re-running (tool is safe to repeat)"));
      }
    }
  }

  private Outcome sideEffect(Step step, String input) {
    StepActivities tool = invoker(step, RetryOptions.newBuilder().setMaximumAttempts(1).build());
    for (int attempt = 1; ; attempt++) {
      try {
        Invoked invoked = tool.invoke(request(step, input));
        return done(step, new Invoked(invoked.output(), attempt, invoked.charge()));
      } catch (ActivityFailure e) {
        if (workerLost(e)) {
          run.attempted(step.name(), attempt);
          return new Outcome.Blocked(INTERRUPTED);
        }
        Duration retryAfter = rateLimited(e);
        if (retryAfter == null || attempt > step.guard().retries()) {
          return failure(e, step, attempt);
        }
        run.attempted(step.name(), attempt);
        Workflow.sleep(retryAfter);
      }
    }
  }

  // The worker stopped answering (no heartbeat) or stopped while the tool ran: its outcome is
  // unknown.
  private static boolean workerLost(ActivityFailure e) {
    return e.getCause() instanceof TimeoutFailure
        || e.getCause() instanceof ApplicationFailure failure
            && Errors.WORKER_STOPPED.equals(failure.getType());
  }

  // Only a refusal before the tool ran is worth another attempt of a side effect.
  private static Duration rateLimited(ActivityFailure e) {
    if (e.getCause() instanceof ApplicationFailure failure
        && Errors.RATE_LIMITED.equals(failure.getType())) {
      return Duration.ofMillis(failure.getDetails().get(1, Long.class));
    }
    return null;
  }

  private StepActivities invoker(Step step, RetryOptions retry) {
    Duration attempt = attemptTimeout(step);
    return Workflow.newActivityStub(
        StepActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(attempt.plus(MARGIN))
            .setHeartbeatTimeout(Duration.ofMillis(task.heartbeatMillis()))
            .setRetryOptions(retry)
            .build());
  }

  private Duration attemptTimeout(Step step) {
    return step.guard().deadline().orElse(Duration.ofMillis(task.maxStepMillis()));
  }

  private InvokeRequest request(Step step, String input) {
    return new InvokeRequest(
        plan.id(),
        step.name(),
        step.capability().name(),
        input,
        IdempotencyKeys.of(plan.id(), step.name()),
        attemptTimeout(step).toMillis(),
        run.deadline(),
        spending.allowance(step.name()));
  }

  private Outcome done(Step step, Invoked invoked) {
    run.attempted(step.name(), invoked.attempt());
    if (!invoked.charge().isEmpty()) {
      JsonNode charge = parse(invoked.charge());
      spending.charge(
          step.name(), charge.path("tokens").asLong(), Money.usd(charge.path("usd").asText()));
      PlanEvent event =
          PlanEvent.of(plan.id(), RunEvents.BUDGET_CHARGE, now()).withStep(step.name());
      run.note(event.withData((ObjectNode) charge));
    }
    return new Outcome.Done(parse(invoked.output()));
  }

  private Outcome failure(ActivityFailure e, Step step, int attempts) {
    if (e.getCause() instanceof CanceledFailure) {
      return new Outcome.Cancelled();
    }
    if (e.getCause() instanceof ApplicationFailure failure) {
      if (failure.getDetails().getSize() > 0) {
        run.attempted(step.name(), failure.getDetails().get(0, Integer.class));
      }
      if (Errors.CANCELLED.equals(failure.getType())) {
        return new Outcome.Cancelled();
      }
      return new Outcome.Failed(Errors.stepError(failure));
    }
    run.attempted(step.name(), attempts);
    return new Outcome.Failed(new StepError.Timeout("Timeout: " + e.getCause().getMessage()));
  }

  private Outcome budgetExceeded(Step step) {
    String spent = spending.exhausted(step.name()).orElseThrow();
    return new Outcome.Failed(new StepError.BudgetExceeded("BudgetExceeded: " + spent));
  }

  private PlanEvent event(Step step, String kind, String reason) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("reason", reason);
    return PlanEvent.of(plan.id(), kind, now()).withStep(step.name()).withData(data);
  }

  private static java.time.Instant now() {
    return java.time.Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static String inputOf(String question) {
    return parse(question).path("input").toString();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
