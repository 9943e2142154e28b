package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MoneyTest {
  @Test
  void amountsAreEqualWhenNumericallyEqual() {
    assertEquals(Money.usd("1.0"), Money.usd("1.00"));
    assertEquals(Money.usd("1.0").hashCode(), Money.usd("1.00").hashCode());
    assertEquals("$0.50", Money.usd("0.5").toString());
  }

  @Test
  void aHugeOrTinyExponentIsRefusedWithoutExpandingIt() {
    for (String usd : new String[] {"1e999999999", "1e-999999999", "-1e999999999"}) {
      IllegalArgumentException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10),
              () -> assertThrows(IllegalArgumentException.class, () -> Money.usd(usd)));
      assertTrue(e.getMessage().startsWith("amount must"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Money.usd(BigDecimal.TEN.pow(10_000)));
  }

  @Test
  void aNegativeAmountIsRefusedAndMinusStopsAtZero() {
    assertThrows(IllegalArgumentException.class, () -> Money.usd("-0.01"));
    assertEquals(Money.ZERO, Money.usd("0.01").minus(Money.usd("0.02")));
  }

  @Test
  void aBudgetHoldsItsDollarLimitAsMoney() {
    Budget budget = Budget.ofTokens(10).andUsd(Money.usd("0.050"));

    assertEquals(Budget.ofTokens(10).andUsd("0.05"), budget);
    assertTrue(budget.allows(10, Money.usd("0.05")));
    assertTrue(!budget.allows(10, Money.usd("0.051")));
    assertThrows(IllegalArgumentException.class, () -> Budget.ofUsd(Money.ZERO));
  }
}
