package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Money;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Today's budget is spent" is one type, whatever else the router had: {@link
 * BudgetExceededException} with scope {@code DAILY_USD}, listing every provider and why.
 */
class BudgetRefusalTest {
  final ScriptedProvider local = new ScriptedProvider("local", "llama3.2");
  final ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");

  LlmRouter.Builder spent(LlmRouter.Builder builder) {
    return builder
        .fallback(cloud, LlmRouterTest.PRICE)
        .cloudFallback(true)
        .dailyBudget(Money.usd("0.001"))
        .defaultMaxTokens(20)
        .retries(0, Duration.ofMillis(1), Duration.ofMillis(2));
  }

  @Test
  void cloudOnly() {
    BudgetExceededException refused =
        assertThrows(
            BudgetExceededException.class,
            () -> spent(LlmRouter.builder()).build().chat(ChatRequest.of("hi")));

    assertEquals(BudgetExceededException.Scope.DAILY_USD, refused.scope());
    assertEquals(List.of(ProviderSkip.Kind.OVER_BUDGET), kinds(refused));
    assertFalse(refused.retryable());
    assertEquals(0, cloud.calls());
  }

  @Test
  void aLocalProviderThatFailedFirst() {
    local.failing(new TransientException("local", "connection refused", null));
    LlmRouter router = spent(LlmRouter.builder().local(local)).build();

    BudgetExceededException refused =
        assertThrows(BudgetExceededException.class, () -> router.chat(ChatRequest.of("hi")));

    assertEquals(BudgetExceededException.Scope.DAILY_USD, refused.scope());
    assertEquals(List.of(ProviderSkip.Kind.FAILED, ProviderSkip.Kind.OVER_BUDGET), kinds(refused));
    assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());
    assertTrue(refused.getMessage().contains("daily budget"), refused.getMessage());
    assertTrue(refused.getCause() instanceof TransientException);
    assertEquals(0, cloud.calls());
  }

  @Test
  void aLocalProviderWithoutTheNeededCapability() {
    local.without(dev.olympus.llm.spi.Capability.JSON_SCHEMA);
    LlmRouter router = spent(LlmRouter.builder().local(local)).build();
    ChatRequest request =
        ChatRequest.builder()
            .user("hi")
            .responseFormat(
                ResponseFormat.jsonSchema(
                    "a",
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .put("type", "object")))
            .build();

    BudgetExceededException refused =
        assertThrows(BudgetExceededException.class, () -> router.chat(request));

    assertEquals(
        List.of(ProviderSkip.Kind.UNSUPPORTED, ProviderSkip.Kind.OVER_BUDGET), kinds(refused));
  }

  @Test
  void withoutABudgetSkipTheFailureStaysUnavailable() {
    local.failing(new TransientException("local", "connection refused", null));
    LlmRouter router =
        LlmRouter.builder().local(local).fallback(cloud, LlmRouterTest.PRICE).build();

    UnavailableException down =
        assertThrows(UnavailableException.class, () -> router.chat(ChatRequest.of("hi")));

    assertEquals(
        List.of(ProviderSkip.Kind.FAILED, ProviderSkip.Kind.CLOUD_DISABLED),
        down.reasons().stream().map(ProviderSkip::kind).toList());
  }

  private static List<ProviderSkip.Kind> kinds(BudgetExceededException e) {
    return e.reasons().stream().map(ProviderSkip::kind).toList();
  }
}
