package dev.olympus.llm;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.olympus.plan.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random calls (costs, limits, concurrency, failures) through the router against a plan's and its
 * steps' dollar limits: whatever the interleaving, nothing spends past a limit, every answered call
 * is charged exactly once, and nothing is held once every call has ended.
 */
class DollarBudgetPropertiesTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /**
   * Each call is one number: {@code % 60 + 1} is its max tokens, the next digit in base 61 the
   * completion tokens it really uses (at most the max), then whether the provider fails it (one in
   * five), then which of three steps makes it.
   */
  @Test
  void spendingNeverPassesALimitAndNothingIsHeldAfterwards() {
    qt().withExamples(60)
        .forAll(
            integers().between(0, 200),
            integers().between(1, 120),
            integers().between(1, 8),
            lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 24))
        .checkAssert(this::run);
  }

  private void run(int planMillis, int stepMillis, int concurrency, List<Integer> calls) {
    ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");
    cloud.behaving(DollarBudgetPropertiesTest::answer);
    LlmRouter router =
        LlmRouter.builder()
            .fallback(cloud, LlmRouterTest.PRICE)
            .cloudFallback(true)
            .dailyBudget(Money.usd("100"))
            .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
            .circuitBreaker(Integer.MAX_VALUE, Duration.ofMillis(1))
            .build();
    UsdMeter plan = UsdMeter.of(millis(planMillis));
    List<UsdMeter> steps = List.of(step(stepMillis), step(stepMillis), step(stepMillis));
    List<Money> charged = runAll(router, plan, steps, concurrency, calls);
    check(plan, millis(planMillis), charged);
    for (UsdMeter step : steps) {
      check(step, millis(stepMillis), List.of(step.spent()));
    }
  }

  private List<Money> runAll(
      LlmRouter router, UsdMeter plan, List<UsdMeter> steps, int concurrency, List<Integer> calls) {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Money>> results = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      int call = calls.get(i);
      int index = i;
      UsdMeter step = steps.get(call / (61 * 61 * 5) % 3);
      BudgetContext budget =
          BudgetContext.builder("plan", "step").planUsd(plan).stepUsd(step).build();
      results.add(
          pool.submit(
              () -> {
                if (index < concurrency) {
                  start.await();
                }
                return chat(router, budget, call);
              }));
    }
    start.countDown();
    List<Money> charged = new ArrayList<>();
    for (Future<Money> result : results) {
      try {
        charged.add(result.get(30, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    return charged;
  }

  private static Money chat(LlmRouter router, BudgetContext budget, int call) {
    int maxTokens = call % 60 + 1;
    try {
      return router
          .chat(
              ChatRequest.builder()
                  .user(Integer.toString(call))
                  .maxTokens(maxTokens)
                  .budget(budget)
                  .build())
          .cost();
    } catch (BudgetExceededException | UnavailableException refusedOrFailed) {
      return Money.ZERO;
    }
  }

  private static dev.olympus.llm.spi.ProviderReply answer(ChatRequest request) {
    int call = Integer.parseInt(request.messages().get(0).content());
    int maxTokens = call % 60 + 1;
    if (call / (61 * 61) % 5 == 0) {
      throw new HardException("cloud", 400, "refused by the script", null);
    }
    long completion = Math.min(maxTokens, call / 60 % 61);
    return new dev.olympus.llm.spi.ProviderReply(
        "ok", List.of(), FinishReason.STOP, new Usage(1, completion), "gpt-4o-mini");
  }

  private static void check(UsdMeter budget, Money limit, List<Money> charged) {
    Money total = charged.stream().reduce(Money.ZERO, Money::plus);
    if (budget.spent().exceeds(limit)) {
      throw new AssertionError("spent " + budget.spent() + " past the limit " + limit);
    }
    if (!budget.reserved().isZero()) {
      throw new AssertionError("still held after every call ended: " + budget.reserved());
    }
    if (!total.equals(budget.spent())) {
      throw new AssertionError("answers cost " + total + " but " + budget.spent() + " was charged");
    }
  }

  private static UsdMeter step(int stepMillis) {
    return UsdMeter.of(millis(stepMillis));
  }

  /** Thousandths of a dollar: a call costs $0.001 per token, up to $0.065. */
  private static Money millis(int amount) {
    return Money.usd(BigDecimal.valueOf(amount, 3));
  }
}
