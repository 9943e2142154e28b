package dev.olympus.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.RunEvent;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.TokenMeter;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.UnavailableException;
import dev.olympus.llm.UsdMeter;
import dev.olympus.otel.internal.Keys;
import dev.olympus.plan.Money;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.testing.ScriptedProvider;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Model calls outside a plan: a root span with the caller's ids, the budget they leave, failures by
 * type, the breaker state and the daily budget.
 */
class RouterTelemetryTest {
  @Test
  void aCallOutsideAPlanIsARootSpanAndReportsThePlanBudgetItLeaves() {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      ScriptedProvider local = ScriptedProvider.named("local", "llama3.2");
      local.enqueueTexts("Hello");
      LlmRouter router =
          LlmRouter.builder().local(local).listener(telemetry.routerListener()).build();
      BudgetContext budget =
          BudgetContext.builder("p-1", "s-1")
              .correlationId("req-9")
              .planTokens(TokenMeter.of(100_000))
              .planUsd(UsdMeter.of(Money.usd("2.50")))
              .build();

      router.chat(ChatRequest.builder().user("hi").budget(budget).build());

      SpanData chat = otel.named("chat llama3.2");
      assertTrue(TelemetryFixture.isRoot(chat));
      assertEquals("req-9", chat.getAttributes().get(Keys.CORRELATION_ID));
      assertEquals("the host's order", chat.getAttributes().get(Keys.ROUTE));
      double left =
          gauge(otel, Attributes.of(Keys.BUDGET_SCOPE, "plan.tokens", Keys.PLAN_ID, "p-1"));
      assertEquals(budget.planTokens().remaining().getAsLong(), (long) left);
      assertTrue(left < 100_000, "the call used tokens: " + left);
      assertEquals(
          2.50, gauge(otel, Attributes.of(Keys.BUDGET_SCOPE, "plan.usd", Keys.PLAN_ID, "p-1")));

      // The duration histogram holds the call's latency: the length of its span.
      long nanos = chat.getEndEpochNanos() - chat.getStartEpochNanos();
      HistogramPointData duration =
          otel.metric("gen_ai.client.operation.duration")
              .orElseThrow()
              .getHistogramData()
              .getPoints()
              .iterator()
              .next();
      assertEquals(1, duration.getCount());
      assertEquals(nanos / 1e9, duration.getSum(), 1e-9);
      assertEquals("s", otel.metric("gen_ai.client.operation.duration").orElseThrow().getUnit());
    }
  }

  @Test
  void aPlanThatEndsOrIsSuspendedNoLongerReportsItsBudgetOthersStill() {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      ScriptedProvider local = ScriptedProvider.named("local", "llama3.2");
      local.enqueueTexts("one", "two", "three");
      LlmRouter router =
          LlmRouter.builder().local(local).listener(telemetry.routerListener()).build();
      for (String plan : List.of("ends-1", "suspended-1", "runs-1")) {
        BudgetContext budget =
            BudgetContext.builder(plan, "s").planTokens(TokenMeter.of(100_000)).build();
        router.chat(ChatRequest.builder().user("hi").budget(budget).build());
      }
      assertEquals(Set.of("ends-1", "suspended-1", "runs-1"), budgetedPlans(otel));

      telemetry
          .runListener()
          .accept(
              RunEvent.of(
                  PlanEvent.planState("ends-1", PlanState.RUNNING, PlanState.DONE, Instant.now())));
      assertEquals(Set.of("suspended-1", "runs-1"), budgetedPlans(otel));
      telemetry.stepListener().onPlanSuspended("suspended-1");
      assertEquals(Set.of("runs-1"), budgetedPlans(otel));
    }
  }

  private static Set<String> budgetedPlans(TelemetryFixture otel) {
    return otel.budgetsLeft()
        .map(p -> p.getAttributes().get(Keys.PLAN_ID))
        .collect(Collectors.toSet());
  }

  @Test
  void aCallOfAPlanWithNoAttemptUnderWayIsUnderThePlanAndOneOutsideUnderTheCallersSpan() {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      ScriptedProvider local = ScriptedProvider.named("local", "llama3.2");
      local.enqueueTexts("planned", "outside");
      LlmRouter router =
          LlmRouter.builder().local(local).listener(telemetry.routerListener()).build();
      Instant now = Instant.now();
      telemetry
          .runListener()
          .accept(
              RunEvent.of(PlanEvent.planState("p-2", PlanState.QUEUED, PlanState.RUNNING, now)));
      router.chat(
          ChatRequest.builder()
              .user("plan this")
              .budget(BudgetContext.builder("p-2", "s-1").build())
              .build());
      telemetry
          .runListener()
          .accept(RunEvent.of(PlanEvent.planState("p-2", PlanState.RUNNING, PlanState.DONE, now)));
      Span request = otel.sdk.getTracer("host").spanBuilder("request").startSpan();
      Scope scope = request.makeCurrent();
      try {
        router.chat(ChatRequest.builder().user("hi").build());
      } finally {
        scope.close();
        request.end();
      }

      List<SpanData> chats =
          otel.finished().stream().filter(s -> s.getName().equals("chat llama3.2")).toList();
      assertEquals(2, chats.size(), chats::toString);
      assertEquals(otel.named("plan").getSpanId(), chats.get(0).getParentSpanId());
      assertEquals(otel.named("request").getSpanId(), chats.get(1).getParentSpanId());
    }
  }

  @Test
  void aFailedProviderCountsItsErrorTypeAndItsOpenBreaker() {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      ScriptedProvider local = ScriptedProvider.named("local", "llama3.2");
      local.enqueueFailure(new TransientException("local", "down", null));
      LlmRouter router =
          LlmRouter.builder()
              .local(local)
              .circuitBreaker(1, Duration.ofMinutes(5))
              .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
              .listener(telemetry.routerListener())
              .build();

      assertThrows(
          UnavailableException.class, () -> router.chat(ChatRequest.builder().user("hi").build()));

      MetricData failures = otel.metric("olympus.llm.failures").orElseThrow();
      LongPointData failed = failures.getLongSumData().getPoints().iterator().next();
      assertEquals(1, failed.getValue());
      assertEquals("TransientException", failed.getAttributes().get(Keys.ERROR_TYPE));
      assertEquals("local", failed.getAttributes().get(Keys.PROVIDER));
      MetricData breaker = otel.metric("olympus.breaker.state").orElseThrow();
      LongPointData state = breaker.getLongGaugeData().getPoints().iterator().next();
      assertEquals(2, state.getValue(), "open");
      assertEquals("local", state.getAttributes().get(Keys.ROUTER_PROVIDER));
    }
  }

  @Test
  void theDailyBudgetIsReadAtEachCollectionUntilClosed() throws Exception {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      LlmRouter router =
          LlmRouter.builder()
              .local(ScriptedProvider.named("local", "llama3.2"))
              .dailyBudget(Money.usd("1.25"))
              .build();
      AutoCloseable observed = telemetry.observeDailyBudget(router);
      Attributes daily =
          Attributes.of(Keys.BUDGET_SCOPE, "daily.usd", Keys.LLM_CONFIG, router.configHash());
      assertEquals(1.25, gauge(otel, daily));
      observed.close();
      assertTrue(otel.metric("olympus.budget.remaining").isEmpty(), "no longer observed");
    }
  }

  private static double gauge(TelemetryFixture otel, Attributes attributes) {
    return otel.budgetsLeft()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToDouble(DoublePointData::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no point with " + attributes));
  }
}
