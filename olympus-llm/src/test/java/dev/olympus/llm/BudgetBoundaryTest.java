package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.internal.budget.Reserver;
import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.math.BigDecimal;
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

  /** What the router does with a meter before a call: reserve its worst case in tokens. */
  private static Optional<Reserver.Hold> reserve(TokenMeter meter, long tokens) {
    return meter.reserver().tryReserve(BigDecimal.valueOf(tokens));
  }

  @Test
  void aReservationThatExactlyFillsTheTokenLimitIsGrantedAndOneMoreIsNot() {
    TokenMeter budget = TokenMeter.of(100);
    Reserver.Hold first = reserve(budget, 60).orElseThrow();
    assertEquals(60, first.amount().longValue());
    assertEquals(Optional.empty(), reserve(budget, 41).map(h -> h.amount().longValue()));
    Reserver.Hold rest = reserve(budget, 40).orElseThrow();
    assertEquals(OptionalLong.of(0), budget.remaining());
    assertTrue(reserve(budget, 0).isPresent(), "nothing more fits, but nothing always does");
    assertTrue(reserve(budget, 1).isEmpty());
    first.release();
    rest.release();
  }

  @Test
  void tokenAccountsFollowReserveSettleAndRelease() {
    TokenMeter budget = TokenMeter.of(1_000);
    assertEquals(OptionalLong.of(1_000), budget.limit());
    Reserver.Hold call = reserve(budget, 300).orElseThrow();
    Reserver.Hold other = reserve(budget, 200).orElseThrow();
    assertEquals(500, budget.reserved());
    assertEquals(0, budget.used());
    assertEquals(OptionalLong.of(500), budget.remaining());

    call.settle(BigDecimal.valueOf(120));
    assertEquals(200, budget.reserved());
    assertEquals(120, budget.used());
    assertEquals(OptionalLong.of(680), budget.remaining());

    other.release();
    assertEquals(0, budget.reserved());
    assertEquals(120, budget.used());
    assertEquals(OptionalLong.of(880), budget.remaining());
    assertEquals("TokenMeter[limit=OptionalLong[1000], used=120, reserved=0]", budget.toString());
  }

  @Test
  void aSettleOverTheEstimateIsChargedInFullAndRefusesFurtherCalls() {
    TokenMeter budget = TokenMeter.of(100);
    reserve(budget, 50).orElseThrow().settle(BigDecimal.valueOf(130));
    assertEquals(130, budget.used());
    assertEquals(OptionalLong.of(0), budget.remaining(), "never negative");
    assertTrue(reserve(budget, 1).isEmpty());
  }

  @Test
  void aReservationEndsExactlyOnce() {
    TokenMeter budget = TokenMeter.of(100);
    Reserver.Hold settled = reserve(budget, 10).orElseThrow();
    settled.settle(BigDecimal.valueOf(5));
    assertThrows(IllegalStateException.class, () -> settled.settle(BigDecimal.valueOf(5)));
    assertThrows(IllegalStateException.class, settled::release);
    Reserver.Hold released = reserve(budget, 10).orElseThrow();
    released.release();
    assertThrows(IllegalStateException.class, released::release);
    assertEquals(5, budget.used(), "a second settle or release changes nothing");
    assertEquals(0, budget.reserved());
  }

  @Test
  void negativeAndZeroAmountsAreRefusedWhereTheyMakeNoSense() {
    assertThrows(IllegalArgumentException.class, () -> TokenMeter.of(0));
    assertThrows(IllegalArgumentException.class, () -> TokenMeter.of(-1));
    assertEquals(OptionalLong.of(1), TokenMeter.of(1).limit());
    TokenMeter budget = TokenMeter.of(10);
    assertThrows(IllegalArgumentException.class, () -> reserve(budget, -1));
    Reserver.Hold call = reserve(budget, 5).orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> call.settle(BigDecimal.valueOf(-1)));
    call.settle(BigDecimal.valueOf(0));
    assertEquals(0, budget.used());
  }

  @Test
  void anUnlimitedBudgetGrantsEverythingAndStillCounts() {
    TokenMeter tokens = TokenMeter.unlimited();
    assertEquals(OptionalLong.empty(), tokens.limit());
    assertEquals(OptionalLong.empty(), tokens.remaining());
    reserve(tokens, Long.MAX_VALUE / 2).orElseThrow().settle(BigDecimal.valueOf(7));
    assertEquals(7, tokens.used());

    UsdMeter dollars = UsdMeter.unlimited();
    assertEquals(Optional.empty(), dollars.limit());
    assertEquals(Optional.empty(), dollars.remaining());
    assertEquals("UsdMeter[limit=none, spent=$0.00, reserved=$0.00]", dollars.toString());
  }

  @Test
  void aDollarBudgetStartsFromWhatEarlierRunsSpent() {
    UsdMeter resumed = UsdMeter.of(Money.usd("0.10"), Money.usd("0.04"));
    assertEquals(Optional.of(Money.usd("0.10")), resumed.limit());
    assertEquals(Money.usd("0.04"), resumed.spent());
    assertEquals(Money.ZERO, resumed.reserved());
    assertEquals(Optional.of(Money.usd("0.06")), resumed.remaining());
    assertEquals("UsdMeter[limit=$0.10, spent=$0.04, reserved=$0.00]", resumed.toString());
    assertEquals(Optional.of(Money.usd("0.05")), UsdMeter.of(Money.usd("0.05")).remaining());
    assertThrows(IllegalArgumentException.class, () -> Money.usd("-0.01"), "no negative money");
    assertThrows(NullPointerException.class, () -> UsdMeter.of(null));
    assertThrows(NullPointerException.class, () -> UsdMeter.of(Money.usd("1"), null));
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
