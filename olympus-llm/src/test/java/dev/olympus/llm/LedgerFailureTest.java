package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spend ledger that fails (its database is locked, its disk is full) never lets a paid call run
 * unreserved, and never loses an answer that was already paid for: what {@link SpendLedger}
 * promises the router does.
 */
class LedgerFailureTest {
  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
  private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

  private final ScriptedProvider local = new ScriptedProvider("local", "llama3.2");
  private final ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");

  /** The in-memory ledger, except that reserving or settling can be made to throw. */
  private static final class FailingLedger implements SpendLedger {
    final SpendLedger accounts = SpendLedger.inMemory();
    volatile boolean reserveFails;
    volatile boolean settleFails;

    @Override
    public Money spentOn(LocalDate day) {
      return accounts.spentOn(day);
    }

    @Override
    public Money committedOn(LocalDate day) {
      return accounts.committedOn(day);
    }

    @Override
    public boolean tryReserve(LocalDate day, Money amount, Money ceiling) {
      if (reserveFails) {
        throw new IllegalStateException("database is locked");
      }
      return accounts.tryReserve(day, amount, ceiling);
    }

    @Override
    public void settle(LocalDate day, Money reserved, Money actual) {
      if (settleFails) {
        throw new IllegalStateException("disk full");
      }
      accounts.settle(day, reserved, actual);
    }
  }

  private final FailingLedger ledger = new FailingLedger();

  private LlmRouter.Builder paid() {
    return LlmRouter.builder()
        .fallback(cloud, LlmRouterTest.PRICE)
        .cloudFallback(true)
        .dailyBudget(Money.usd("1"))
        .spendLedger(ledger)
        .clock(new MutableClock(NOW))
        .defaultMaxTokens(20)
        .retries(0, Duration.ofMillis(1), Duration.ofMillis(2));
  }

  @Test
  void aLedgerThatCannotReserveSkipsThePaidProviderUnsent() {
    ledger.reserveFails = true;
    UnavailableException refused =
        assertThrows(UnavailableException.class, () -> paid().build().chat(ChatRequest.of("hi")));
    assertEquals(0, cloud.calls());
    assertEquals(List.of(ProviderSkip.Kind.FAILED), kinds(refused));
    assertTrue(
        refused.reasons().get(0).reason().contains("the spend ledger failed"),
        refused.getMessage());

    ChatResponse local = paid().local(this.local).build().chat(ChatRequest.of("hi"));
    assertEquals("local", local.provider(), "a free provider needs no ledger");
    assertEquals(0, cloud.calls());
  }

  @Test
  void aLedgerThatCannotSettleKeepsTheReservationAndStillAnswers() {
    LlmRouter router = paid().build();
    ledger.settleFails = true;
    ChatResponse answer = router.chat(ChatRequest.of("hi"));
    assertEquals("hello from cloud", answer.text());
    Money reserved = ledger.committedOn(TODAY);
    assertTrue(reserved.exceeds(answer.cost()), reserved + " should be the worst case");
    assertEquals(Money.ZERO, router.spentToday(), "nothing was settled");
    assertEquals(Money.usd("1").minus(reserved), router.remainingToday());

    ledger.settleFails = false;
    ChatResponse next = router.chat(ChatRequest.of("again"));
    assertEquals(next.cost(), router.spentToday());
    assertEquals(reserved.plus(next.cost()), ledger.committedOn(TODAY), "the first stays held");
  }

  @Test
  void aFailedPaidCallGivesItsReservationBack() {
    cloud.failing(new TransientException("cloud", "connection reset", null));
    LlmRouter router = paid().build();
    assertThrows(UnavailableException.class, () -> router.chat(ChatRequest.of("hi")));
    assertEquals(1, cloud.calls());
    assertEquals(Money.ZERO, ledger.committedOn(TODAY));
    assertEquals(Money.usd("1"), router.remainingToday());
    assertEquals(Money.ZERO, router.spentToday());
  }

  private static List<ProviderSkip.Kind> kinds(UnavailableException e) {
    return e.reasons().stream().map(ProviderSkip::kind).toList();
  }
}
