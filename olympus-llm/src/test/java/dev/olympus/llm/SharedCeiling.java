package dev.olympus.llm;

import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One router of the shared-ceiling scenario: a $0.30 daily budget on a given ledger, and threads
 * that call a paid OpenAI-compatible server until the budget refuses.
 */
final class SharedCeiling {
  static final Money CEILING = Money.usd("0.30");

  private SharedCeiling() {}

  static LlmRouter router(SpendLedger ledger, URI server) {
    return LlmRouter.builder()
        .fallback(OpenAiCompatibleProvider.of(server, "", "gpt-4o-mini"), LlmRouterTest.PRICE)
        .cloudFallback(true)
        .dailyBudget(CEILING)
        .retries(3, Duration.ofMillis(1), Duration.ofMillis(2))
        .spendLedger(ledger)
        .build();
  }

  /**
   * Calls {@code router} from {@code threads} threads, each until a budget refusal; returns the
   * calls answered.
   *
   * @throws AssertionError if a call failed in any other way
   */
  static int hammer(LlmRouter router, int threads, boolean stream) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> answered = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        answered.add(pool.submit(() -> untilRefused(router, stream)));
      }
      int total = 0;
      for (Future<Integer> f : answered) {
        total += f.get(2, TimeUnit.MINUTES);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  // "hi" is estimated at 5 prompt tokens; with 20 completion tokens a call reserves $0.025.
  private static int untilRefused(LlmRouter router, boolean stream) {
    ChatRequest request = ChatRequest.builder().user("hi").maxTokens(20).build();
    for (int answered = 0; answered < 1_000; answered++) {
      try {
        if (stream) {
          router.stream(request, token -> {});
        } else {
          router.chat(request);
        }
      } catch (BudgetExceededException refused) {
        return answered;
      }
    }
    throw new AssertionError("never refused");
  }
}
