package dev.olympus.otel.internal;

import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.CallEvent;
import dev.olympus.llm.FailedCall;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Instant;

/**
 * A span and metrics per answered model call, following the OpenTelemetry GenAI semantic
 * conventions. The router reports a call once it is answered, with its latency: the span is made
 * then, starting that long ago, under the attempt of the step that made the call.
 */
final class ModelCalls {
  private final SpanBook spans;
  private final Instruments metrics;

  ModelCalls(SpanBook spans, Instruments metrics) {
    this.spans = spans;
    this.metrics = metrics;
  }

  void answered(CallEvent event) {
    String operation = operation(event.operation());
    BudgetContext budget = event.budget();
    Instant end = Instant.now();
    Span span =
        clientSpan(operation, event.model(), budget, end.minus(event.latency()))
            .setAllAttributes(common(event, operation))
            .setAttribute(Keys.INPUT_TOKENS, event.usage().promptTokens())
            .setAttribute(Keys.OUTPUT_TOKENS, event.usage().completionTokens())
            .setAttribute(Keys.COST_USD, event.cost().amount().doubleValue())
            .setAttribute(Keys.CACHED, event.cached())
            .setAttribute(Keys.ROUTE, event.routing())
            .startSpan();
    ids(span, budget);
    span.end(end);
    record(event, operation);
  }

  /**
   * A span for one provider's failed try, ended now with status ERROR and {@code error.type} the
   * failure's class ({@code TransientException}, ...), and the failure counted.
   */
  void failed(FailedCall failure) {
    String operation = operation(failure.operation());
    String type = failure.error().getClass().getSimpleName();
    Instant end = Instant.now();
    Span span =
        clientSpan(operation, failure.model(), failure.budget(), end.minus(failure.latency()))
            .setAllAttributes(requested(failure.provider(), failure.model(), operation))
            .startSpan();
    ids(span, failure.budget());
    SpanBook.fail(span, type, failure.error().getMessage());
    span.end(end);
    metrics.modelFailures.add(
        1, Attributes.of(Keys.PROVIDER, failure.provider(), Keys.ERROR_TYPE, type));
  }

  /** A model call's span, under the attempt of the step that made it. */
  private SpanBuilder clientSpan(
      String operation, String model, BudgetContext budget, Instant start) {
    return spans
        .builder(operation + " " + model)
        .setParent(spans.parentOf(new SpanBook.StepKey(budget.planId(), budget.stepId())))
        .setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(start);
  }

  private static void ids(Span span, BudgetContext budget) {
    if (!budget.planId().isEmpty()) {
      span.setAttribute(Keys.PLAN_ID, budget.planId());
    }
    if (!budget.stepId().isEmpty()) {
      span.setAttribute(Keys.STEP_ID, budget.stepId());
    }
    if (!budget.correlationId().isEmpty()) {
      span.setAttribute(Keys.CORRELATION_ID, budget.correlationId());
    }
  }

  private void record(CallEvent event, String operation) {
    Attributes common = common(event, operation);
    metrics.tokens.record(
        event.usage().promptTokens(), common.toBuilder().put(Keys.TOKEN_TYPE, "input").build());
    metrics.tokens.record(
        event.usage().completionTokens(),
        common.toBuilder().put(Keys.TOKEN_TYPE, "output").build());
    metrics.modelDuration.record(event.latency().toNanos() / 1e9, common);
    metrics.cost.add(event.cost().amount().doubleValue(), common);
    budgetLeft(event.budget());
  }

  /** The budget a call left, for the remaining-budget gauge. */
  private void budgetLeft(BudgetContext budget) {
    String plan = budget.planId();
    budget
        .planTokens()
        .remaining()
        .ifPresent(
            left ->
                metrics.budgets.put(
                    Attributes.of(Keys.BUDGET_SCOPE, "plan.tokens", Keys.PLAN_ID, plan),
                    () -> left));
    budget
        .planUsd()
        .remaining()
        .ifPresent(
            left ->
                metrics.budgets.put(
                    Attributes.of(Keys.BUDGET_SCOPE, "plan.usd", Keys.PLAN_ID, plan),
                    () -> left.amount().doubleValue()));
  }

  private static Attributes common(CallEvent event, String operation) {
    return requested(event.provider(), event.model(), operation).toBuilder()
        .put(Keys.RESPONSE_MODEL, event.model())
        .build();
  }

  private static Attributes requested(String provider, String model, String operation) {
    return Attributes.builder()
        .put(Keys.OPERATION, operation)
        .put(Keys.PROVIDER, system(provider))
        .put(Keys.SYSTEM, system(provider))
        .put(Keys.ROUTER_PROVIDER, provider)
        .put(Keys.REQUEST_MODEL, model)
        .build();
  }

  /** The GenAI system of an Olympus provider name: {@code ollama} of {@code ollama/llama3.2}. */
  static String system(String provider) {
    int slash = provider.indexOf('/');
    return slash < 0 ? provider : provider.substring(0, slash);
  }

  private static String operation(CallEvent.Operation operation) {
    return operation == CallEvent.Operation.EMBED ? "embeddings" : "chat";
  }
}
