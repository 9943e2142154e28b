package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.plan.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Plan and step dollar limits: reserved at the worst case before a call, settled after it. */
class DollarBudgetTest {
  /** A tenth of a cent per token. */
  static final Pricing PRICE = LlmRouterTest.PRICE;

  final ScriptedProvider local = new ScriptedProvider("local", "llama3.2");
  final ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");

  LlmRouter cloudOnly() {
    return paid(LlmRouter.builder(), cloud).build();
  }

  LlmRouter localAndCloud() {
    return paid(LlmRouter.builder().local(local), cloud).build();
  }

  /** {@code builder} with {@code provider} as a paid fallback, enabled, and no retries. */
  static LlmRouter.Builder paid(LlmRouter.Builder builder, LlmProvider provider) {
    return builder
        .fallback(provider, PRICE)
        .cloudFallback(true)
        .dailyBudget(Money.usd("100"))
        .retries(0, Duration.ofMillis(1), Duration.ofMillis(2));
  }

  // "hi" is estimated at 5 prompt tokens (4 of framing), so with 20 max tokens a call may cost
  // 25 tokens = $0.025; the scripted provider reports 1 prompt + 20 completion tokens = $0.021.
  static ChatRequest hi(BudgetContext budget) {
    return ChatRequest.builder().user("hi").maxTokens(20).budget(budget).build();
  }

  @Test
  void aPlanLimitRefusesACallWhoseWorstCaseDoesNotFitAndChargesActualCost() {
    UsdMeter plan = UsdMeter.of(Money.usd("0.03"));
    BudgetContext context = BudgetContext.builder("p", "s").planUsd(plan).build();
    LlmRouter router = cloudOnly();

    assertEquals(Money.usd("0.021"), router.chat(hi(context)).cost());
    assertEquals(Money.usd("0.021"), plan.spent());

    BudgetExceededException refused =
        assertThrows(BudgetExceededException.class, () -> router.chat(hi(context)));
    assertEquals(BudgetExceededException.Scope.PLAN_USD, refused.scope());
    assertTrue(
        refused.getMessage().contains("plan dollar budget cannot cover this call"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("$0.025"), refused.getMessage());
    assertTrue(refused.getMessage().contains("$0.009 of $0.03 remain"), refused.getMessage());
    assertEquals(1, cloud.calls(), "the refused call was never sent");
    assertEquals(Money.ZERO, plan.reserved());
  }

  @Test
  void aStepLimitIsNamedWhenOnlyItIsInTheWay() {
    UsdMeter step = UsdMeter.of(Money.usd("0.02"));
    BudgetContext context =
        BudgetContext.builder("p", "s").planUsd(UsdMeter.of(Money.usd("1"))).stepUsd(step).build();
    BudgetExceededException refused =
        assertThrows(BudgetExceededException.class, () -> cloudOnly().chat(hi(context)));
    assertEquals(BudgetExceededException.Scope.STEP_USD, refused.scope());
    assertTrue(refused.getMessage().contains("step dollar budget"), refused.getMessage());
    assertEquals(0, cloud.calls());
    assertEquals(Money.ZERO, context.planUsd().reserved(), "the plan's part was given back");
  }

  @Test
  void aFreeLocalModelStillServesWhenTheCloudWorstCaseDoesNotFit() {
    UsdMeter plan = UsdMeter.of(Money.usd("0.01"));
    BudgetContext context = BudgetContext.builder("p", "s").planUsd(plan).build();
    LlmRouter router = localAndCloud();

    ChatResponse answer = router.chat(hi(context));
    assertEquals("local", answer.provider());
    assertEquals("cloud", answer.skipped().get(0).provider());
    assertTrue(answer.skipped().get(0).reason().contains("plan dollar budget"));

    local.failing(new TransientException("local", "down", null));
    BudgetExceededException down =
        assertThrows(BudgetExceededException.class, () -> router.chat(hi(context)));
    assertEquals(BudgetExceededException.Scope.PLAN_USD, down.scope());
    assertEquals(
        List.of(ProviderSkip.Kind.FAILED, ProviderSkip.Kind.OVER_BUDGET),
        down.reasons().stream().map(ProviderSkip::kind).toList());
    assertTrue(down.getMessage().contains("plan dollar budget"), down.getMessage());
    assertTrue(down.getCause() instanceof TransientException, "the local failure is the cause");
    assertEquals(0, cloud.calls(), "the cloud was never tried: its worst case did not fit");
    assertEquals(Money.ZERO, plan.spent());
    assertEquals(Money.ZERO, plan.reserved());
  }

  @Test
  void aLocalCallReservesTheCloudPriceWhileTheCloudMayStillAnswerIt() throws Exception {
    UsdMeter plan = UsdMeter.of(Money.usd("1"));
    BudgetContext context = BudgetContext.builder("p", "s").planUsd(plan).build();
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    local.behaving(
        r -> {
          inCall.countDown();
          await(finish);
          return local.reply("ok", new Usage(1, 20));
        });
    LlmRouter router = localAndCloud();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<ChatResponse> answer = pool.submit(() -> router.chat(hi(context)));
      assertTrue(inCall.await(10, TimeUnit.SECONDS));
      assertEquals(Money.usd("0.025"), plan.reserved(), "held at the cloud's price");
      finish.countDown();
      assertEquals("local", answer.get(10, TimeUnit.SECONDS).provider());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(Money.ZERO, plan.spent(), "the local answer cost nothing");
    assertEquals(Money.ZERO, plan.reserved());
    assertEquals(21, context.planTokens().used());
  }

  @Test
  void failedAndInterruptedCallsHoldNothingAfterwards() {
    UsdMeter plan = UsdMeter.of(Money.usd("1"));
    TokenMeter tokens = TokenMeter.of(1_000);
    BudgetContext context =
        BudgetContext.builder("p", "s").planUsd(plan).planTokens(tokens).build();
    LlmRouter router = cloudOnly();

    cloud.failing(new HardException("cloud", 400, "bad request", null));
    assertThrows(UnavailableException.class, () -> router.chat(hi(context)));

    cloud.behaving(
        r -> {
          Thread.currentThread().interrupt();
          throw new CancelledException("cloud", "interrupted", null);
        });
    assertThrows(CancelledException.class, () -> router.chat(hi(context)));
    assertTrue(Thread.interrupted(), "the interrupt flag stays set");

    assertEquals(Money.ZERO, plan.reserved());
    assertEquals(Money.ZERO, plan.spent());
    assertEquals(0, tokens.reserved());
    assertEquals(0, tokens.used());
  }

  @Test
  void aHoldCanBeSettledOnceAndClosingAfterwardsDoesNothing() {
    UsdMeter plan = UsdMeter.of(Money.usd("0.10"), Money.usd("0.04"));
    BudgetContext context = BudgetContext.builder("p", "s").planUsd(plan).build();
    try (BudgetHold hold = context.reserve(10, Money.usd("0.05"))) {
      assertEquals(Money.usd("0.01"), plan.remaining().orElseThrow());
      hold.settle(8, Money.usd("0.03"));
      assertThrows(IllegalStateException.class, () -> hold.settle(8, Money.usd("0.03")));
    }
    assertEquals(Money.usd("0.07"), plan.spent());
    assertEquals(Money.ZERO, plan.reserved());
    assertThrows(IllegalArgumentException.class, () -> context.reserve(-1, Money.ZERO));
    assertThrows(NullPointerException.class, () -> context.reserve(1, null));
    assertFalse(UsdMeter.unlimited().limit().isPresent());
  }

  /**
   * Sixteen callers at once against a limit with room for three worst cases, over HTTP with an
   * OpenAI-compatible server that reports the tokens it used. The server holds every answer until
   * each caller has either reached it or been refused, so a check-then-charge budget would let all
   * sixteen through.
   */
  @Test
  void sixteenConcurrentCallsNeverSpendMoreThanThePlanLimit() throws Exception {
    int callers = 16;
    CountDownLatch arrivedOrRefused = new CountDownLatch(callers);
    try (FakeServer server = new FakeServer()) {
      server.on(
          "/v1/chat/completions",
          exchange -> {
            arrivedOrRefused.countDown();
            await(arrivedOrRefused);
            FakeServer.send(exchange, 200, completion(5, 40));
          });
      LlmProvider cloudApi =
          OpenAiCompatibleProvider.builder(server.uri(), "sk-test", "gpt-4o-mini")
              .requestTimeout(Duration.ofSeconds(30))
              .build();
      LlmRouter router = paid(LlmRouter.builder(), cloudApi).build();
      UsdMeter plan = UsdMeter.of(Money.usd("0.20"));
      List<Future<Money>> results = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        for (int i = 0; i < callers; i++) {
          BudgetContext step = BudgetContext.builder("p", "step-" + i).planUsd(plan).build();
          results.add(pool.submit(() -> call(router, step, arrivedOrRefused)));
        }
        Money charged = Money.ZERO;
        int answered = 0;
        for (Future<Money> result : results) {
          Money cost = result.get(60, TimeUnit.SECONDS);
          charged = charged.plus(cost);
          answered += cost.isZero() ? 0 : 1;
        }
        // worst case: (4 + 7 estimated prompt tokens + 40) * $0.001 = $0.051; three fit in $0.20
        assertEquals(3, answered);
        assertEquals(3, server.hits());
        assertEquals(Money.usd("0.135"), charged, "3 calls of 5 + 40 tokens");
        assertEquals(charged, plan.spent());
        assertFalse(plan.spent().exceeds(Money.usd("0.20")));
        assertEquals(Money.ZERO, plan.reserved());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Money call(LlmRouter router, BudgetContext budget, CountDownLatch refused) {
    try {
      return router
          .chat(
              ChatRequest.builder()
                  .user("Summarize the report")
                  .maxTokens(40)
                  .budget(budget)
                  .build())
          .cost();
    } catch (BudgetExceededException e) {
      refused.countDown();
      return Money.ZERO;
    }
  }

  static String completion(long promptTokens, long completionTokens) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{"
        + "\"role\":\"assistant\",\"content\":\"Done.\",\"refusal\":null},\"logprobs\":null,"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
        + promptTokens
        + ",\"completion_tokens\":"
        + completionTokens
        + ",\"total_tokens\":"
        + (promptTokens + completionTokens)
        + "}}";
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aPaidProviderSkippedForItsOpenCircuitHoldsNothingOfTheDailyBudget() {
    ScriptedProvider cloud =
        new ScriptedProvider("cloud", "gpt-4o-mini")
            .failing(new TransientException("cloud", "overloaded", null));
    LlmRouter router =
        paid(LlmRouter.builder(), cloud).circuitBreaker(1, Duration.ofMinutes(10)).build();
    assertThrows(UnavailableException.class, () -> router.chat(hi(BudgetContext.none())));
    UnavailableException open =
        assertThrows(UnavailableException.class, () -> router.chat(hi(BudgetContext.none())));
    assertTrue(open.getMessage().contains("circuit breaker is open"), open.getMessage());
    assertEquals(1, cloud.calls());
    assertEquals(Money.usd("100"), router.remainingToday());
    assertEquals(Money.ZERO, router.spentToday());
  }
}
