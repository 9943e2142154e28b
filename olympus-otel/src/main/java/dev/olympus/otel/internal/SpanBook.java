package dev.olympus.otel.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The spans still open: one per running plan, one per step attempt under way and one per tool call
 * under way, keyed by plan and step (a step's attempts and calls never overlap). Whatever reports
 * first opens a plan's span: the run events that announce a plan arrive after its first steps may
 * have started. Thread-safe.
 */
final class SpanBook {
  /** A plan's step. */
  record StepKey(String planId, String stepId) {}

  /** An open span and when it started, for durations. */
  record Open(Span span, long startNanos) {
    double seconds() {
      return (System.nanoTime() - startNanos) / 1e9;
    }
  }

  /** A plan's open span, and the kind of its latest step error for the plan's own error. */
  private record PlanSpan(Span span, AtomicReference<String> lastError) {}

  private final Tracer tracer;
  private final Map<String, PlanSpan> plans = new ConcurrentHashMap<>();
  private final Map<StepKey, Open> attempts = new ConcurrentHashMap<>();
  private final Map<StepKey, Span> toolCalls = new ConcurrentHashMap<>();

  SpanBook(Tracer tracer) {
    this.tracer = tracer;
  }

  /** The span of plan {@code planId}, opened now if it is not open. */
  Span plan(String planId) {
    return plans
        .computeIfAbsent(
            planId,
            id ->
                new PlanSpan(
                    tracer
                        .spanBuilder("plan")
                        .setNoParent()
                        .setSpanKind(SpanKind.INTERNAL)
                        .setAttribute(Keys.PLAN_ID, id)
                        .startSpan(),
                    new AtomicReference<>()))
        .span();
  }

  /** The span of plan {@code planId} if it is open. */
  Optional<Span> openPlan(String planId) {
    return Optional.ofNullable(plans.get(planId)).map(PlanSpan::span);
  }

  /** Notes the kind of the latest step error of an open plan, for the plan's own error. */
  void stepFailed(String planId, String kind) {
    PlanSpan plan = plans.get(planId);
    if (plan != null) {
      plan.lastError().set(kind);
    }
  }

  /** Ends plan {@code planId}'s span with its final state; an error if it failed. */
  void endPlan(String planId, String state, boolean failed) {
    PlanSpan plan = plans.remove(planId);
    if (plan == null) {
      return;
    }
    Span span = plan.span();
    span.setAttribute(Keys.PLAN_STATE, state);
    if (failed) {
      String error = plan.lastError().get();
      span.setAttribute(Keys.ERROR_TYPE, error == null ? state.toLowerCase() : error);
      span.setStatus(StatusCode.ERROR, "the plan " + state.toLowerCase());
    }
    span.end();
  }

  /**
   * Ends the spans of a plan this process stopped running without ending it: those of its attempts
   * and tool calls still open (their threads did not return in the close's grace), then the plan's,
   * marked {@code olympus.plan.suspended}, its status unset: the plan did not fail.
   */
  void suspendPlan(String planId) {
    toolCalls.entrySet().removeIf(e -> endIfOf(planId, e.getKey(), e.getValue()));
    attempts.entrySet().removeIf(e -> endIfOf(planId, e.getKey(), e.getValue().span()));
    PlanSpan plan = plans.remove(planId);
    if (plan != null) {
      plan.span().setAttribute(Keys.PLAN_STATE, "RUNNING");
      plan.span().setAttribute(Keys.PLAN_SUSPENDED, true);
      plan.span().end();
    }
  }

  private static boolean endIfOf(String planId, StepKey key, Span span) {
    if (!key.planId().equals(planId)) {
      return false;
    }
    span.setAttribute(Keys.PLAN_SUSPENDED, true);
    span.end();
    return true;
  }

  /** Opens the span of an attempt, under its plan's. */
  void startAttempt(StepKey key, int attempt) {
    Span span =
        tracer
            .spanBuilder("step " + key.stepId())
            .setParent(Context.root().with(plan(key.planId())))
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(Keys.PLAN_ID, key.planId())
            .setAttribute(Keys.STEP_ID, key.stepId())
            .setAttribute(Keys.ATTEMPT, (long) attempt)
            .startSpan();
    attempts.put(key, new Open(span, System.nanoTime()));
  }

  /** Removes and returns the open attempt of {@code key}. */
  Optional<Open> endAttempt(StepKey key) {
    return Optional.ofNullable(attempts.remove(key));
  }

  /** Opens the span of a tool call, under its step's attempt (or plan, or nothing). */
  void startToolCall(StepKey key, SpanBuilder builder) {
    toolCalls.put(key, builder.setParent(parentOf(key)).startSpan());
  }

  /** Removes and returns the open tool call of {@code key}. */
  Optional<Span> endToolCall(StepKey key) {
    return Optional.ofNullable(toolCalls.remove(key));
  }

  /**
   * Where a call of {@code key} belongs: its step's attempt under way, else its plan, else the
   * caller's context (a call outside any plan).
   */
  Context parentOf(StepKey key) {
    Open attempt = attempts.get(key);
    if (attempt != null) {
      return Context.root().with(attempt.span());
    }
    PlanSpan plan = plans.get(key.planId());
    return plan != null ? Context.root().with(plan.span()) : Context.current();
  }

  /** Ends {@code span} as failed with {@code kind}. */
  static void fail(Span span, String kind, String message) {
    span.setAttribute(Keys.ERROR_TYPE, kind);
    span.setStatus(StatusCode.ERROR, message);
  }

  /** A new span builder from this book's tracer. */
  SpanBuilder builder(String name) {
    return tracer.spanBuilder(name);
  }
}
