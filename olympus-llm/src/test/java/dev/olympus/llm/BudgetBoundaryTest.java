package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Token and dollar allowances at their edges: a reservation that exactly fills the limit is
 * granted, one unit more is refused, and what a caller reads back (used, reserved, remaining)
 * follows every reserve, settle and release.
 */
class BudgetBoundaryTest {
  private static final LocalDate DAY = LocalDate.of(2026, 12, 5);

  @Test
  void aReservationThatExactlyFillsTheTokenLimitIsGrantedAndOneMoreIsNot() {
    TokenBudget budget = TokenBudget.of(100);
    TokenBudget.Reservation first = budget.tryReserve(60).orElseThrow();
    assertEquals(60, first.tokens());
    assertEquals(Optional.empty(), budget.tryReserve(41).map(TokenBudget.Reservation::tokens));
    TokenBudget.Reservation rest = budget.tryReserve(40).orElseThrow();
    assertEquals(OptionalLong.of(0), budget.remaining());
    assertTrue(budget.tryReserve(0).isPresent(), "nothing more fits, but nothing always does");
    assertTrue(budget.tryReserve(1).isEmpty());
    first.release();
    rest.release();
  }

  @Test
  void tokenAccountsFollowReserveSettleAndRelease() {
    TokenBudget budget = TokenBudget.of(1_000);
    assertEquals(OptionalLong.of(1_000), budget.limit());
    TokenBudget.Reservation call = budget.tryReserve(300).orElseThrow();
    TokenBudget.Reservation other = budget.tryReserve(200).orElseThrow();
    assertEquals(500, budget.reserved());
    assertEquals(0, budget.used());
    assertEquals(OptionalLong.of(500), budget.remaining());

    call.settle(120);
    assertEquals(200, budget.reserved());
    assertEquals(120, budget.used());
    assertEquals(OptionalLong.of(680), budget.remaining());

    other.release();
    assertEquals(0, budget.reserved());
    assertEquals(120, budget.used());
    assertEquals(OptionalLong.of(880), budget.remaining());
    assertEquals("TokenBudget[limit=OptionalLong[1000], used=120, reserved=0]", budget.toString());
  }

  @Test
  void aSettleOverTheEstimateIsChargedInFullAndRefusesFurtherCalls() {
    TokenBudget budget = TokenBudget.of(100);
    budget.tryReserve(50).orElseThrow().settle(130);
    assertEquals(130, budget.used());
    assertEquals(OptionalLong.of(0), budget.remaining(), "never negative");
    assertTrue(budget.tryReserve(1).isEmpty());
  }

  @Test
  void aReservationEndsExactlyOnce() {
    TokenBudget budget = TokenBudget.of(100);
    TokenBudget.Reservation settled = budget.tryReserve(10).orElseThrow();
    settled.settle(5);
    assertThrows(IllegalStateException.class, () -> settled.settle(5));
    assertThrows(IllegalStateException.class, settled::release);
    TokenBudget.Reservation released = budget.tryReserve(10).orElseThrow();
    released.release();
    assertThrows(IllegalStateException.class, released::release);
    assertEquals(5, budget.used(), "a second settle or release changes nothing");
    assertEquals(0, budget.reserved());
  }

  @Test
  void negativeAndZeroAmountsAreRefusedWhereTheyMakeNoSense() {
    assertThrows(IllegalArgumentException.class, () -> TokenBudget.of(0));
    assertThrows(IllegalArgumentException.class, () -> TokenBudget.of(-1));
    assertEquals(OptionalLong.of(1), TokenBudget.of(1).limit());
    TokenBudget budget = TokenBudget.of(10);
    assertThrows(IllegalArgumentException.class, () -> budget.tryReserve(-1));
    TokenBudget.Reservation call = budget.tryReserve(5).orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> call.settle(-1));
    call.settle(0);
    assertEquals(0, budget.used());
  }

  @Test
  void anUnlimitedBudgetGrantsEverythingAndStillCounts() {
    TokenBudget tokens = TokenBudget.unlimited();
    assertEquals(OptionalLong.empty(), tokens.limit());
    assertEquals(OptionalLong.empty(), tokens.remaining());
    tokens.tryReserve(Long.MAX_VALUE / 2).orElseThrow().settle(7);
    assertEquals(7, tokens.used());

    UsdBudget dollars = UsdBudget.unlimited();
    assertEquals(Optional.empty(), dollars.limit());
    assertEquals(Optional.empty(), dollars.remaining());
    assertEquals("UsdBudget[limit=none, spent=$0.00, reserved=$0.00]", dollars.toString());
  }

  @Test
  void aDollarBudgetStartsFromWhatEarlierRunsSpent() {
    UsdBudget resumed = UsdBudget.of(Money.usd("0.10"), Money.usd("0.04"));
    assertEquals(Optional.of(Money.usd("0.10")), resumed.limit());
    assertEquals(Money.usd("0.04"), resumed.spent());
    assertEquals(Money.ZERO, resumed.reserved());
    assertEquals(Optional.of(Money.usd("0.06")), resumed.remaining());
    assertEquals("UsdBudget[limit=$0.10, spent=$0.04, reserved=$0.00]", resumed.toString());
    assertEquals(Optional.of(Money.usd("0.05")), UsdBudget.of(Money.usd("0.05")).remaining());
    assertThrows(IllegalArgumentException.class, () -> Money.usd("-0.01"), "no negative money");
    assertThrows(NullPointerException.class, () -> UsdBudget.of(null));
    assertThrows(NullPointerException.class, () -> UsdBudget.of(Money.usd("1"), null));
  }

  @Test
  void theLedgerGrantsAReservationThatExactlyReachesTheCeiling() {
    SpendLedger ledger = SpendLedger.inMemory();
    Money ceiling = Money.usd("0.10");
    assertTrue(ledger.tryReserve(DAY, Money.usd("0.04"), ceiling));
    assertTrue(ledger.tryReserve(DAY, Money.usd("0.06"), ceiling), "0.10 is not over 0.10");
    assertFalse(ledger.tryReserve(DAY, Money.usd("0.000001"), ceiling));
    assertEquals(Money.usd("0.10"), ledger.committedOn(DAY));
    assertEquals(Money.ZERO, ledger.committedOn(DAY.minusDays(1)), "days are separate");
    assertTrue(ledger.tryReserve(DAY.plusDays(1), Money.usd("0.10"), ceiling));
  }

  @Test
  void theLedgerRefusesMissingArguments() {
    SpendLedger ledger = SpendLedger.inMemory();
    Money one = Money.usd("1");
    assertThrows(NullPointerException.class, () -> ledger.spentOn(null));
    assertThrows(NullPointerException.class, () -> ledger.committedOn(null));
    assertThrows(NullPointerException.class, () -> ledger.tryReserve(DAY, null, one));
    assertThrows(NullPointerException.class, () -> ledger.tryReserve(DAY, one, null));
    assertThrows(NullPointerException.class, () -> ledger.settle(DAY, null, one));
    assertThrows(NullPointerException.class, () -> ledger.settle(DAY, one, null));
    assertEquals(Money.ZERO, ledger.committedOn(DAY), "a refused call changes nothing");
  }

  @Test
  void aDailyRefusalSaysWhatIsLeftOfWhichLimit() {
    ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");
    LlmRouter router =
        LlmRouter.builder()
            .fallback(cloud, LlmRouterTest.PRICE)
            .cloudFallback(true)
            .dailyBudget(Money.usd("0.001"))
            .defaultMaxTokens(20)
            .build();
    BudgetExceededException refused =
        assertThrows(BudgetExceededException.class, () -> router.chat(ChatRequest.of("hi")));
    assertTrue(
        refused.getMessage().contains("$0.001 of $0.001 is left today"), refused.getMessage());
    assertEquals(0, cloud.calls());
  }
}
