package dev.olympus.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.TokenMeter;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.UnavailableException;
import dev.olympus.otel.internal.Keys;
import dev.olympus.plan.Money;
import dev.olympus.testing.ScriptedProvider;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
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
    return otel
        .metric("olympus.budget.remaining")
        .orElseThrow()
        .getDoubleGaugeData()
        .getPoints()
        .stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToDouble(DoublePointData::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no point with " + attributes));
  }
}
