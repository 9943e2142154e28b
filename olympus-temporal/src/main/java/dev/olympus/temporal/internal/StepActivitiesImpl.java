package dev.olympus.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.StepFailures;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.StepError;
import dev.olympus.plan.ToolCall;
import dev.olympus.temporal.internal.Wire.InvokeRequest;
import dev.olympus.temporal.internal.Wire.Invoked;
import dev.olympus.temporal.internal.Wire.JournalBatch;
import dev.olympus.temporal.internal.Wire.OutputCheck;
import dev.olympus.temporal.internal.Wire.PrepareRequest;
import dev.olympus.temporal.internal.Wire.Prepared;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolNotFoundException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The worker's side of a plan: the tools, consent and the event log. Thread-safe: Temporal calls it
 * from its activity threads.
 */
public final class StepActivitiesImpl implements StepActivities {
  private final Toolset tools;
  private final Consent consent;
  private final MemoryStore memory;
  private final ScheduledExecutorService beats;

  /** Activities over the worker's tools, consent and event log; heartbeats on {@code beats}. */
  public StepActivitiesImpl(
      Toolset tools, Consent consent, MemoryStore memory, ScheduledExecutorService beats) {
    this.tools = tools;
    this.consent = consent;
    this.memory = memory;
    this.beats = beats;
  }

  @Override
  public Prepared prepare(PrepareRequest request) {
    Tool tool = tool(request.toolId(), 1);
    String effect = tool.spec().sideEffect().name();
    ToolCall call = ToolCall.of(tool.id(), StepRunner.parse(request.input()));
    Cancellation cancellation = new Cancellation();
    ToolContext context = context(request.planId(), request.stepId(), cancellation);
    Heartbeat beat = Heartbeat.start(beats, Activity.getExecutionContext(), cancellation);
    try {
      if (request.approved()) {
        tools.registry(tool.id()).validate(call);
        return new Prepared(effect, "RUN", request.input(), "", List.of());
      }
      Consent.Decision decision =
          consent.decide(tool, call, context, request.consentRequired(), request.askInWorkflow());
      return switch (decision.verdict()) {
        case "RUN" -> new Prepared(effect, "RUN", decision.input(), "", decision.events());
        case "ANSWERED" -> answered(tool, effect, decision);
        case "ASK" -> new Prepared(effect, "ASK", decision.input(), "", decision.events());
        default -> new Prepared(effect, "BLOCK", "", decision.reason(), decision.events());
      };
    } catch (ToolConsentDeniedException e) {
      return new Prepared(effect, "BLOCK", "", "consent denied: " + e.reason(), List.of());
    } catch (ToolCancelledException e) {
      if (beat.workerStopping()) {
        throw Errors.workerStopped("the consent check of step '" + request.stepId() + "'", true);
      }
      throw Errors.failure(e, SideEffect.READ_ONLY, 1);
    } catch (ApplicationFailure e) {
      throw e; // already says how the step fails
    } catch (RuntimeException e) {
      throw Errors.failure(e, SideEffect.READ_ONLY, 1); // a refused input is not retried
    } finally {
      beat.close();
    }
  }

  // An answer given in the tool's place must look like the tool's output would.
  private Prepared answered(Tool tool, String effect, Consent.Decision decision) {
    try {
      OutputSchemas.check(tool, StepRunner.parse(decision.input()));
    } catch (IllegalArgumentException e) {
      StepError invalid =
          new StepError.Validation(StepError.Schema.OUTPUT, StepFailures.of(e).message());
      throw Errors.failure(e, invalid, SideEffect.READ_ONLY, 1);
    }
    return new Prepared(effect, "ANSWERED", decision.input(), "", decision.events());
  }

  @Override
  public Invoked invoke(InvokeRequest request) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    int attempt = activity.getInfo().getAttempt();
    Tool tool = tool(request.toolId(), attempt);
    ToolCall call = ToolCall.of(tool.id(), StepRunner.parse(request.input()));
    Cancellation cancellation = new Cancellation();
    ToolContext context =
        new ToolContext(
            request.planId(),
            request.stepId(),
            request.idempotencyKey(),
            deadline(request),
            cancellation);
    Heartbeat beat = Heartbeat.start(beats, activity, cancellation);
    try (ModelCalls.Charge charge = tools.models().open(context, request.allowance())) {
      JsonNode output = tools.registry(tool.id()).invoke(call, context);
      return new Invoked(output.toString(), attempt, charge.json());
    } catch (ToolCancelledException e) {
      if (beat.workerStopping()) {
        // The workflow decides: a safe tool runs again elsewhere, a side effect's is unknown.
        throw Errors.workerStopped("the call of step '" + request.stepId() + "'", false);
      }
      throw Errors.failure(e, tool.spec().sideEffect(), attempt);
    } catch (RuntimeException e) {
      throw Errors.failure(e, tool.spec().sideEffect(), attempt);
    } finally {
      beat.close();
    }
  }

  // The attempt's time limit, capped by the plan's deadline.
  private static Instant deadline(InvokeRequest request) {
    Instant attempt = Instant.now().plus(Duration.ofMillis(request.timeoutMillis()));
    if (request.planDeadlineMillis() > 0) {
      Instant plan = Instant.ofEpochMilli(request.planDeadlineMillis());
      return plan.isBefore(attempt) ? plan : attempt;
    }
    return attempt;
  }

  @Override
  public void journal(JournalBatch batch) {
    if (Activity.getExecutionContext().getInfo().getAttempt() > 1 && written(batch)) {
      return; // the earlier attempt committed, but its completion was lost
    }
    List<PlanEvent> events =
        batch.events().stream()
            .map(e -> PlanJson.readEvent(e).withCorrelation(batch.marker()))
            .toList();
    memory.events().appendAll(events);
  }

  private boolean written(JournalBatch batch) {
    List<StoredEvent> logged = memory.events().byPlan(batch.planId());
    return logged.stream().anyMatch(e -> e.event().correlationId().equals(batch.marker()));
  }

  @Override
  public void checkOutput(OutputCheck check) {
    try {
      OutputSchemas.check(tool(check.toolId(), 1), StepRunner.parse(check.output()));
    } catch (RuntimeException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "IllegalArgumentException");
    }
  }

  private Tool tool(String toolId, int attempt) {
    Optional<Tool> tool = tools.find(toolId);
    if (tool.isEmpty()) {
      throw Errors.failure(new ToolNotFoundException(toolId), SideEffect.READ_ONLY, attempt);
    }
    return tool.get();
  }

  private static ToolContext context(String planId, String stepId, Cancellation cancellation) {
    return new ToolContext(
        planId,
        stepId,
        IdempotencyKeys.of(planId, stepId),
        Instant.now().plus(Duration.ofDays(1)),
        cancellation);
  }
}
