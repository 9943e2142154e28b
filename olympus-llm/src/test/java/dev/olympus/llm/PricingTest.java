package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Money;
import org.junit.jupiter.api.Test;

/** Prices per million tokens: what a call costs, and which providers the daily budget guards. */
class PricingTest {
  @Test
  void promptAndCompletionTokensArePricedSeparatelyAndAddedUp() {
    Pricing mini = Pricing.perMillionTokens("0.15", "0.60");
    assertEquals(Money.usd("0.00027"), mini.cost(new Usage(1_000, 200)));
    assertEquals(Money.usd("0.00015"), mini.cost(new Usage(1_000, 0)));
    assertEquals(Money.usd("0.00012"), mini.cost(new Usage(0, 200)));
    assertEquals(Money.ZERO, Pricing.FREE.cost(new Usage(1_000, 200)));
    assertThrows(NullPointerException.class, () -> mini.cost(null));
    assertThrows(NullPointerException.class, () -> new Pricing(null, Money.ZERO));
    assertThrows(NullPointerException.class, () -> new Pricing(Money.ZERO, null));
  }

  @Test
  void aProviderIsFreeOnlyWhenBothPricesAreZero() {
    assertTrue(Pricing.FREE.isFree());
    assertTrue(Pricing.perMillionTokens("0", "0").isFree());
    assertFalse(Pricing.perMillionTokens("0", "0.60").isFree());
    assertFalse(Pricing.perMillionTokens("0.15", "0").isFree());
  }

  @Test
  void aProviderThatChargesOnlyOneKindOfTokenIsStillHeldToTheDailyBudget() {
    for (Pricing halfPaid :
        new Pricing[] {
          Pricing.perMillionTokens("0", "1000"), Pricing.perMillionTokens("1000", "0")
        }) {
      ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");
      LlmRouter router =
          LlmRouter.builder()
              .fallback(cloud, halfPaid)
              .cloudFallback(true)
              .dailyBudget(Money.usd("0.000001"))
              .defaultMaxTokens(20)
              .build();
      BudgetExceededException refused =
          assertThrows(BudgetExceededException.class, () -> router.chat(ChatRequest.of("hi")));
      assertEquals(BudgetExceededException.Scope.DAILY_USD, refused.scope(), halfPaid.toString());
      assertEquals(0, cloud.calls(), halfPaid.toString());
    }
  }
}
