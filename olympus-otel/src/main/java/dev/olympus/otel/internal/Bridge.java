package dev.olympus.otel.internal;

import dev.olympus.executor.RunEvent;
import dev.olympus.executor.StepListener;
import dev.olympus.llm.BreakerState;
import dev.olympus.llm.CallEvent;
import dev.olympus.llm.FailedCall;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.RouterListener;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ToolContext;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Turns what the executor, the router and the tools report into spans and metrics: a {@link
 * StepListener} for attempts and tool calls (as they happen), a {@link RouterListener} for model
 * calls and breakers, and a run-event listener for plans, step outcomes and consent. Thread-safe.
 */
public final class Bridge implements StepListener, RouterListener, Consumer<RunEvent> {
  private final SpanBook spans;
  private final Instruments metrics;
  private final ModelCalls models;

  /** A bridge that writes to {@code tracer} and {@code meter}. */
  public Bridge(Tracer tracer, Meter meter) {
    this.spans = new SpanBook(tracer);
    this.metrics = new Instruments(meter);
    this.models = new ModelCalls(spans, metrics);
  }

  /**
   * Reports {@code router}'s remaining daily dollars at each collection, with its configuration
   * hash, until the returned handle is closed.
   */
  public AutoCloseable observeDailyBudget(LlmRouter router) {
    Attributes daily =
        Attributes.of(Keys.BUDGET_SCOPE, "daily.usd", Keys.LLM_CONFIG, router.configHash());
    DoubleSupplier left = () -> router.remainingToday().amount().doubleValue();
    metrics.budgets.put(daily, left);
    return () -> metrics.budgets.remove(daily, left);
  }

  @Override
  public void onAttemptStarted(String planId, String stepId, int attempt) {
    spans.startAttempt(new SpanBook.StepKey(planId, stepId), attempt);
  }

  @Override
  public void onAttemptEnded(String planId, String stepId, int attempt, Optional<StepError> error) {
    spans
        .endAttempt(new SpanBook.StepKey(planId, stepId))
        .ifPresent(
            open -> {
              Attributes attributes = Attributes.of(Keys.STEP_ID, stepId);
              if (error.isPresent()) {
                String kind = error.get().kind().jsonName();
                SpanBook.fail(open.span(), kind, error.get().message());
                attributes = attributes.toBuilder().put(Keys.ERROR_TYPE, kind).build();
              }
              metrics.stepDuration.record(open.seconds(), attributes);
              open.span().end();
            });
  }

  @Override
  public void onToolCallStarted(ToolCall call, ToolContext context) {
    SpanBook.StepKey key = new SpanBook.StepKey(context.planId(), context.stepId());
    spans.startToolCall(
        key,
        spans
            .builder("execute_tool " + call.toolId())
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(Keys.OPERATION, "execute_tool")
            .setAttribute(Keys.TOOL_NAME, call.toolId())
            .setAttribute(Keys.PLAN_ID, context.planId())
            .setAttribute(Keys.STEP_ID, context.stepId()));
  }

  @Override
  public void onToolCallEnded(ToolCall call, ToolContext context, Optional<StepError> error) {
    spans
        .endToolCall(new SpanBook.StepKey(context.planId(), context.stepId()))
        .ifPresent(
            span -> {
              error.ifPresent(e -> SpanBook.fail(span, e.kind().jsonName(), e.message()));
              span.end();
            });
  }

  @Override
  public void onCall(CallEvent event) {
    models.answered(event);
  }

  @Override
  public void onFailure(FailedCall failure) {
    models.failed(failure);
  }

  @Override
  public void onBreakerStateChange(String provider, BreakerState state) {
    metrics.breakerState.set(gauged(state), Attributes.of(Keys.ROUTER_PROVIDER, provider));
  }

  @Override
  public void onToolBreakerStateChange(String toolId, BreakerState state) {
    metrics.breakerState.set(gauged(state), Attributes.of(Keys.TOOL_NAME, toolId));
  }

  private static long gauged(BreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  @Override
  public void accept(RunEvent event) {
    if (event instanceof RunEvent.PlanChanged changed) {
      planChanged(changed);
    } else if (event instanceof RunEvent.StepChanged step && step.error().isPresent()) {
      stepFailed(step, step.error().get());
    } else if (event instanceof RunEvent.ConsentAsked asked) {
      consent(asked.planId(), "olympus.consent.asked", asked.stepId(), asked.toolId(), null, null);
    } else if (event instanceof RunEvent.ConsentDecided decided) {
      consent(
          decided.planId(),
          "olympus.consent.decided",
          decided.stepId(),
          decided.toolId(),
          decided.decision(),
          decided.granted());
    }
  }

  private void planChanged(RunEvent.PlanChanged changed) {
    PlanState to = changed.to();
    if (to == PlanState.RUNNING) {
      spans.plan(changed.planId());
    } else if (to == PlanState.PAUSED
        || to == PlanState.DONE
        || to == PlanState.FAILED
        || to == PlanState.CANCELLED) {
      spans.endPlan(changed.planId(), to.name(), to == PlanState.FAILED);
      forgetBudgets(changed.planId());
    }
  }

  @Override
  public void onPlanSuspended(String planId) {
    spans.suspendPlan(planId);
    forgetBudgets(planId);
  }

  private void forgetBudgets(String planId) {
    metrics.budgets.keySet().removeIf(a -> planId.equals(a.get(Keys.PLAN_ID)));
  }

  private void stepFailed(RunEvent.StepChanged step, StepError error) {
    String kind = error.kind().jsonName();
    spans.stepFailed(step.planId(), kind);
    spans
        .openPlan(step.planId())
        .ifPresent(
            plan ->
                plan.addEvent(
                    "olympus.step.ended",
                    Attributes.of(
                        Keys.STEP_ID,
                        step.stepId(),
                        Keys.STEP_STATE,
                        step.to().name(),
                        Keys.ERROR_TYPE,
                        kind),
                    step.at()));
  }

  private void consent(
      String planId, String name, String stepId, String toolId, String decision, Boolean granted) {
    var attributes = Attributes.builder().put(Keys.STEP_ID, stepId).put(Keys.TOOL_NAME, toolId);
    if (decision != null) {
      attributes.put(Keys.CONSENT_DECISION, decision).put(Keys.CONSENT_GRANTED, granted);
    }
    // A question opens the plan's span (a recovered plan hears no RUNNING); a decision never
    // reopens it: a question withdrawn by Olympus.close() may be heard after the suspension.
    Optional<Span> plan =
        decision == null ? Optional.of(spans.plan(planId)) : spans.openPlan(planId);
    plan.ifPresent(span -> span.addEvent(name, attributes.build(), Instant.now()));
  }
}
