package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that ignores the completion cap: it sends 667 tokens (2,001 characters) whatever the
 * request asks. The router enforces the cap on its side, and what such a server bills beyond a
 * reservation is charged and stops further calls.
 *
 * <p>The bound, for {@code C} the daily ceiling: a call is admitted only while committed spending
 * (settled charges plus open reservations) plus its reservation fits under {@code C}, and its
 * reservation is replaced by its charge when it settles. So the total charged is at most {@code C}
 * plus the overruns (charge minus reservation) of the calls that were in flight when the last call
 * was admitted, the last call included: at most {@code C + n × v} for {@code n} calls in flight at
 * once and a largest overrun {@code v}. A stream has no overrun from output, since reading stops at
 * the cap and what was read is charged ({@code v = 0}, total {@code ≤ C}); a whole answer is billed
 * by the server before the router sees it, so there {@code v} is whatever the server bills beyond
 * the reservation.
 */
class OutputCapTest {
  static final int CAP = 32;
  static final int THREADS = 50;
  static final Money CEILING = Money.usd("0.30");

  static LlmRouter router(BillingOpenAi server, SpendLedger ledger) {
    return LlmRouter.builder()
        .fallback(OpenAiCompatibleProvider.of(server.uri(), "", "gpt-4o-mini"), LlmRouterTest.PRICE)
        .cloudFallback(true)
        .dailyBudget(CEILING)
        .spendLedger(ledger)
        .retries(3, Duration.ofMillis(1), Duration.ofMillis(2))
        .build();
  }

  static ChatRequest hi() {
    return ChatRequest.builder().user("hi").maxTokens(CAP).build();
  }

  // "hi" is estimated at 5 prompt tokens: a call reserves (5 + 32) x $0.001.
  static final Money RESERVED = Money.usd("0.037");

  @Test
  void aStreamStopsAtTheCapAndIsChargedWhatWasRead() throws Exception {
    try (BillingOpenAi liar = new BillingOpenAi(false, 667, 5)) {
      List<String> tokens = new ArrayList<>();

      ChatResponse answer = router(liar, SpendLedger.inMemory()).stream(hi(), tokens::add);

      assertEquals(FinishReason.LENGTH, answer.finishReason());
      assertEquals(3 * CAP, answer.text().length(), "32 tokens of three characters");
      assertEquals(answer.text(), String.join("", tokens));
      assertEquals(RESERVED, answer.cost());
    }
  }

  @Test
  void aWholeAnswerOverItsReservationIsChargedInFullAndRefusesTheNextCall() throws Exception {
    try (BillingOpenAi liar = new BillingOpenAi(false, 667, 5)) {
      LlmRouter router = router(liar, SpendLedger.inMemory());

      ChatResponse answer = router.chat(hi());

      assertEquals(FinishReason.LENGTH, answer.finishReason());
      assertEquals(3 * CAP, answer.text().length());
      assertEquals(Money.usd("0.672"), answer.cost(), "what the server billed: 672 tokens");
      assertEquals(Money.usd("0.672"), router.spentToday());
      BudgetExceededException refused =
          assertThrows(BudgetExceededException.class, () -> router.chat(hi()));
      assertEquals(BudgetExceededException.Scope.DAILY_USD, refused.scope());
      assertEquals(1, liar.requests());
    }
  }

  @Test
  void fiftyStreamingThreadsStayUnderTheCeiling() throws Exception {
    try (BillingOpenAi liar = new BillingOpenAi(false, 667, 5)) {
      Hammered run = hammer(liar, true);

      assertFalse(run.charged.exceeds(CEILING), () -> run.charged + " > " + CEILING);
      assertTrue(run.answered > 0);
    }
  }

  @Test
  void fiftyThreadsOfWholeAnswersStayWithinTheCeilingPlusTheInFlightOverruns() throws Exception {
    try (BillingOpenAi liar = new BillingOpenAi(false, 667, 5)) {
      Hammered run = hammer(liar, false);

      Money charged = run.charged;
      Money overrun = Money.usd("0.672").minus(RESERVED);
      Money bound =
          CEILING.plus(Money.usd(overrun.amount().multiply(BigDecimal.valueOf(run.maxInFlight))));
      assertEquals(liar.billed(), charged, "every billed token was charged");
      assertFalse(charged.exceeds(bound), () -> charged + " > " + bound);
      assertTrue(run.answered <= run.maxInFlight, "no call was admitted after the first overrun");
    }
  }

  record Hammered(int answered, int maxInFlight, Money charged) {}

  /** Calls {@code server} through one router from 50 threads, each until a budget refusal. */
  static Hammered hammer(BillingOpenAi server, boolean stream) throws Exception {
    SpendLedger ledger = SpendLedger.inMemory();
    LlmRouter router = router(server, ledger);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> threads = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        threads.add(
            pool.submit(
                () -> {
                  int answered = 0;
                  while (true) {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                      ChatResponse r = stream ? router.stream(hi(), t -> {}) : router.chat(hi());
                      assertTrue(r.text().length() <= 3 * CAP);
                      answered++;
                    } catch (BudgetExceededException refused) {
                      return answered;
                    } finally {
                      inFlight.decrementAndGet();
                    }
                  }
                }));
      }
      int answered = 0;
      for (Future<Integer> thread : threads) {
        answered += thread.get(2, TimeUnit.MINUTES);
      }
      return new Hammered(
          answered, maxInFlight.get(), ledger.spentOn(LocalDate.now(ZoneOffset.UTC)));
    } finally {
      pool.shutdownNow();
    }
  }
}
