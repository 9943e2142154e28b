package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.llm.spi.Capability;
import dev.olympus.plan.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LlmRouterTest {
  /** A tenth of a cent per token, so costs are easy to read. */
  static final Pricing PRICE = Pricing.perMillionTokens("1000", "1000");

  final ScriptedProvider local = new ScriptedProvider("local", "llama3.2");
  final ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");

  LlmRouter.Builder builder() {
    return LlmRouter.builder()
        .local(local)
        .fallback(cloud, PRICE)
        .retries(1, Duration.ofMillis(1), Duration.ofMillis(2))
        .defaultMaxTokens(20);
  }

  static ChatRequest prompt(String text) {
    return ChatRequest.of(text);
  }

  @Test
  void localAnswersFirstAndCostsNothing() {
    ChatResponse answer = builder().build().chat(prompt("hi"));
    assertEquals("local", answer.provider());
    assertEquals(Money.ZERO, answer.cost());
    assertEquals(0, cloud.calls());
  }

  @Test
  void localDownWithoutCloudFallbackIsUnavailableAndListsEveryProvider() {
    local.failing(new TransientException("local", "connection refused", null));

    UnavailableException e =
        assertThrows(UnavailableException.class, () -> builder().build().chat(prompt("hi")));

    assertEquals(0, cloud.calls());
    assertEquals(2, local.calls(), "one retry");
    assertEquals(
        List.of("local", "cloud"), e.reasons().stream().map(ProviderSkip::provider).toList());
    assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    assertTrue(e.getMessage().contains("cloud fallback is disabled"), e.getMessage());
    assertTrue(e.retryable());
  }

  @Test
  void localDownFallsBackToTheCloudWhenEnabledAndWithinBudget() {
    local.failing(new TransientException("local", "connection refused", null));
    LlmRouter router = builder().cloudFallback(true).dailyBudget(Money.usd("1.00")).build();

    ChatResponse answer = router.chat(prompt("hi"));

    assertEquals("cloud", answer.provider());
    assertEquals("local", answer.skipped().get(0).provider());
    assertEquals(Money.usd("0.021"), answer.cost(), "1 prompt + 20 completion tokens");
    assertEquals(answer.cost(), router.spentToday());
    assertEquals(Money.usd("0.979"), router.remainingToday());
  }

  @Test
  void budgetCeilingRefusesFurtherPaidCallsAndSaysSo() {
    local.failing(new TransientException("local", "down", null));
    LlmRouter router = builder().cloudFallback(true).dailyBudget(Money.usd("0.05")).build();
    router.chat(prompt("hi"));
    router.chat(prompt("hi"));

    LlmException refused = assertThrows(LlmException.class, () -> router.chat(prompt("hi")));

    assertEquals(2, cloud.calls());
    assertTrue(refused.getMessage().contains("over the daily budget"), refused.getMessage());
    assertFalse(router.spentToday().exceeds(Money.usd("0.05")));
  }

  @Test
  void onlyBudgetInTheWayIsABudgetError() {
    LlmRouter router =
        LlmRouter.builder()
            .fallback(cloud, PRICE)
            .cloudFallback(true)
            .dailyBudget(Money.usd("0.01"))
            .defaultMaxTokens(20)
            .build();
    BudgetExceededException e =
        assertThrows(BudgetExceededException.class, () -> router.chat(prompt("hi")));
    assertEquals(BudgetExceededException.Scope.DAILY_USD, e.scope());
    assertEquals(0, cloud.calls());
  }

  @Test
  void fiftyConcurrentCallsNeverExceedTheDailyBudget() throws Exception {
    Money ceiling = Money.usd("0.50");
    cloud.behaving(
        r -> {
          sleep(2);
          return cloud.reply("ok", new Usage(1, 20));
        });
    LlmRouter router =
        LlmRouter.builder()
            .fallback(cloud, PRICE)
            .cloudFallback(true)
            .dailyBudget(ceiling)
            .defaultMaxTokens(20)
            .build();
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(
          () -> {
            start.await();
            try {
              router.chat(prompt("hi"));
              return true;
            } catch (BudgetExceededException refused) {
              return false;
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<Future<Boolean>> results = new ArrayList<>();
    calls.forEach(c -> results.add(pool.submit(c)));
    start.countDown();
    int answered = 0;
    for (Future<Boolean> result : results) {
      answered += result.get() ? 1 : 0;
    }
    pool.shutdown();

    assertFalse(router.spentToday().exceeds(ceiling), router.spentToday().toString());
    assertTrue(answered >= 19, "the reservations of 0.025 each leave room for 19 or more calls");
    assertTrue(answered < 50);
    assertEquals(PRICE.cost(new Usage(answered, 20L * answered)), router.spentToday());
  }

  @Test
  void breakerOpensAfterRepeatedFailuresAndRecovers() {
    List<BreakerState> states = new CopyOnWriteArrayList<>();
    local.failing(new TransientException("local", "down", null));
    LlmRouter router =
        LlmRouter.builder()
            .local(local)
            .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
            // long enough that a loaded machine still makes the third call while it is open
            .circuitBreaker(2, Duration.ofMillis(500))
            .listener(
                new RouterListener() {
                  @Override
                  public void onBreakerStateChange(String provider, BreakerState state) {
                    states.add(state);
                  }
                })
            .build();
    assertThrows(UnavailableException.class, () -> router.chat(prompt("a")));
    assertThrows(UnavailableException.class, () -> router.chat(prompt("b")));
    assertEquals(BreakerState.OPEN, router.breakerState("local"));

    UnavailableException open =
        assertThrows(UnavailableException.class, () -> router.chat(prompt("c")));
    assertTrue(open.getMessage().contains("circuit breaker is open"), open.getMessage());
    assertEquals(2, local.calls(), "an open circuit sends nothing");

    local.answering("back");
    ChatResponse answer = null;
    for (int i = 0; i < 500 && answer == null; i++) {
      sleep(10);
      try {
        answer = router.chat(prompt("d"));
      } catch (UnavailableException stillOpen) {
        // the delay has not passed yet
      }
    }
    assertEquals("back", answer.text());
    assertEquals(BreakerState.CLOSED, router.breakerState("local"));
    assertEquals(List.of(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED), states);
  }

  @Test
  void secondIdenticalDeterministicCallIsACacheHitUntilTheTtlPasses() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    LlmRouter router = builder().clock(clock).cacheTtl(Duration.ofMinutes(10)).build();
    ChatRequest request = ChatRequest.builder().user("2+2?").temperature(0).build();

    ChatResponse first = router.chat(request);
    ChatResponse second = router.chat(request);

    assertFalse(first.cached());
    assertTrue(second.cached());
    assertEquals(first.text(), second.text());
    assertEquals(Usage.NONE, second.usage());
    assertEquals(1, local.calls());

    clock.advance(Duration.ofMinutes(11));
    assertFalse(router.chat(request).cached());
    assertEquals(2, local.calls());
  }

  @Test
  void nonDeterministicCallsAreNotCachedUnlessAsked() {
    LlmRouter router = builder().build();
    ChatRequest warm = ChatRequest.builder().user("story").temperature(0.8).build();
    router.chat(warm);
    assertFalse(router.chat(warm).cached());

    ChatRequest flagged = ChatRequest.builder().user("story").temperature(0.8).cache(true).build();
    router.chat(flagged);
    assertTrue(router.chat(flagged).cached());
  }

  @Test
  void planTokenBudgetRefusesACallThatMayNotFitAndChargesActualUsage() {
    TokenMeter plan = TokenMeter.of(40);
    BudgetContext context = BudgetContext.builder("plan-1", "step-1").planTokens(plan).build();
    LlmRouter router = builder().build();

    router.chat(ChatRequest.builder().user("hi").maxTokens(10).budget(context).build());
    assertEquals(11, plan.used(), "actual usage: 1 prompt + 10 completion tokens");

    BudgetExceededException e =
        assertThrows(
            BudgetExceededException.class,
            () ->
                router.chat(
                    ChatRequest.builder().user("hi").maxTokens(30).budget(context).build()));
    assertEquals(BudgetExceededException.Scope.PLAN_TOKENS, e.scope());
    assertEquals(0, plan.reserved());
  }

  @Test
  void providersWithoutANeededCapabilityAreSkipped() throws Exception {
    local.without(Capability.TOOLS);
    ChatRequest withTool =
        ChatRequest.builder()
            .user("what time is it?")
            .tool(
                new ObjectMapper()
                    .readTree("{\"type\":\"function\",\"function\":{\"name\":\"clock\"}}"))
            .build();
    UnavailableException e =
        assertThrows(UnavailableException.class, () -> builder().build().chat(withTool));
    assertTrue(e.getMessage().contains("does not support [TOOLS]"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void toolsAreAlsoGroundedInTheSystemPrompt() throws Exception {
    ChatRequest withTool =
        ChatRequest.builder()
            .system("Be brief.")
            .user("time?")
            .tool(
                new ObjectMapper()
                    .readTree(
                        "{\"type\":\"function\",\"function\":{\"name\":\"clock\","
                            + "\"description\":\"Reads the time\"}}"))
            .build();
    builder().build().chat(withTool);
    ChatMessage system = local.requests().get(0).messages().get(0);
    assertTrue(system.content().contains("- clock: Reads the time"), system.content());
    assertTrue(system.content().endsWith("Be brief."));
    assertEquals(1, local.requests().get(0).tools().size());
  }

  @Test
  void transientFailuresAreRetriedAndHardOnesAreNot() {
    AtomicReference<Integer> attempts = new AtomicReference<>(0);
    local.behaving(
        r -> {
          attempts.set(attempts.get() + 1);
          if (attempts.get() == 1) {
            throw new RateLimitedException(
                "local", "slow down", java.util.Optional.of(Duration.ofMillis(5)));
          }
          return local.reply("ok", new Usage(1, 1));
        });
    assertEquals("ok", builder().build().chat(prompt("x")).text());
    assertEquals(2, local.calls());

    ScriptedProvider broken = new ScriptedProvider("broken", "m");
    broken.failing(new HardException("broken", 400, "bad request", null));
    UnavailableException e =
        assertThrows(
            UnavailableException.class,
            () -> LlmRouter.builder().local(broken).build().chat(prompt("x")));
    assertEquals(1, broken.calls());
    assertInstanceOf(HardException.class, e.getCause());
  }

  @Test
  void aRetryAfterLongerThanTheLimitMovesOnAtOnce() {
    local.failing(
        new RateLimitedException("local", "busy", java.util.Optional.of(Duration.ofHours(1))));
    LlmRouter router = builder().cloudFallback(true).dailyBudget(Money.usd("1")).build();
    assertEquals("cloud", router.chat(prompt("x")).provider());
    assertEquals(1, local.calls());
  }

  @Test
  void aStreamThatBreaksAfterTextIsNotSentElsewhere() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.on(
          "/api/chat",
          FakeServer.lines(OllamaProviderTest.NDJSON, OllamaProviderTest.STREAM.subList(0, 2)));
      LlmRouter router =
          LlmRouter.builder()
              .local(OllamaProvider.at(server.uri(), "llama3.2"))
              .fallback(cloud, PRICE)
              .cloudFallback(true)
              .dailyBudget(Money.usd("1"))
              .build();
      List<String> tokens = new ArrayList<>();
      StreamBrokenException broken =
          assertThrows(StreamBrokenException.class, () -> router.stream(prompt("x"), tokens::add));
      assertEquals(List.of("The", " sky"), tokens);
      assertEquals("The sky", broken.partialText(), "the exception carries what was received");
      assertTrue(broken.getCause() instanceof TransientException, broken.getMessage());
      assertTrue(broken.retryable());
      assertEquals(0, cloud.calls());
    }
  }

  @Test
  void streamsThroughTheRouterOverHttp() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.on(
          "/api/chat", FakeServer.lines(OllamaProviderTest.NDJSON, OllamaProviderTest.STREAM));
      LlmRouter router =
          LlmRouter.builder().local(OllamaProvider.at(server.uri(), "llama3.2")).build();
      List<String> tokens = new ArrayList<>();
      ChatResponse answer = router.stream(prompt("x"), tokens::add);
      assertEquals("The sky", answer.text());
      assertEquals("ollama/llama3.2", answer.provider());
      assertEquals(new Usage(26, 282), answer.usage());
    }
  }

  @Test
  void listenersSeeCallsAndCannotBreakThem() {
    List<CallEvent> events = new CopyOnWriteArrayList<>();
    LlmRouter router =
        builder()
            .listener(
                new RouterListener() {
                  @Override
                  public void onCall(CallEvent event) {
                    events.add(event);
                    throw new IllegalStateException("listener bug");
                  }
                })
            .build();
    ChatRequest request = ChatRequest.builder().user("x").temperature(0).build();
    router.chat(request);
    router.chat(request);
    assertEquals(2, events.size());
    assertFalse(events.get(0).cached());
    assertTrue(events.get(1).cached());
  }

  @Test
  void embedUsesAProviderWithEmbeddingsAndChargesPaidOnes() {
    local.without(Capability.EMBEDDINGS);
    LlmRouter router = builder().cloudFallback(true).dailyBudget(Money.usd("1")).build();
    List<float[]> vectors = router.embed(List.of("abc", "de"));
    assertEquals(2, vectors.size());
    assertEquals(3f, vectors.get(0)[0]);
    assertEquals(Money.usd("0.006"), router.spentToday());
  }

  @Test
  void builderChecksItsOptions() {
    assertThrows(IllegalStateException.class, () -> LlmRouter.builder().build());
    assertThrows(
        IllegalStateException.class,
        () -> LlmRouter.builder().local(local).fallback(cloud, PRICE).cloudFallback(true).build());
    LlmRouter lastWins =
        LlmRouter.builder()
            .local(local)
            .dailyBudget(Money.usd("1"))
            .dailyBudget(Money.usd("2"))
            .build();
    assertEquals(Money.usd("2"), lastWins.remainingToday(), "the last dailyBudget wins");
    assertThrows(
        IllegalStateException.class, () -> LlmRouter.builder().local(local).local(local).build());
  }

  @Test
  void builderRefusesSettingsOutOfRangeAndAcceptsTheirEdges() {
    LlmRouter.Builder b = LlmRouter.builder().local(local);
    assertThrows(IllegalArgumentException.class, () -> b.cacheTtl(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.cacheTtl(Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> b.cacheTtl(null));
    assertThrows(IllegalArgumentException.class, () -> b.cacheMaxEntries(0));
    assertThrows(IllegalArgumentException.class, () -> b.defaultMaxTokens(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.preferHealthy(Duration.ofMinutes(1), 0.5, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.preferHealthy(Duration.ofMinutes(-1), 0.5, Duration.ofSeconds(1)));
    b.cacheTtl(Duration.ofNanos(1)).cacheMaxEntries(1).defaultMaxTokens(1);
    b.preferHealthy(Duration.ofMinutes(1), 0, Duration.ofSeconds(1));
    b.preferHealthy(Duration.ofMinutes(1), 1, Duration.ofSeconds(1));
    LlmRouter router = b.fallback(cloud, PRICE).cloudFallback(true).cloudFallback(false).build();
    assertEquals("local", router.chat(prompt("x")).provider(), "no daily budget needed");
    assertEquals(1, local.requests().get(0).maxTokens().getAsInt(), "defaultMaxTokens(1) is sent");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aModelHintPutsTheProviderOfThatModelFirst() {
    ScriptedProvider other = new ScriptedProvider("other", "qwen2.5");
    LlmRouter router = LlmRouter.builder().local(local).local(other).build();
    ChatRequest hinted = ChatRequest.builder().user("hi").modelHint("qwen2.5").build();
    assertEquals("other", router.chat(hinted).provider());
    assertEquals("local", router.chat(prompt("hi")).provider(), "without a hint, the host's order");
  }

  @Test
  void eachProviderHasItsOwnBreakerAndAnUnknownNameIsRefused() {
    ScriptedProvider other = new ScriptedProvider("other", "qwen2.5");
    local.failing(new TransientException("local", "connection refused", null));
    LlmRouter router =
        LlmRouter.builder()
            .local(local)
            .local(other)
            .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
            .circuitBreaker(1, Duration.ofMinutes(10))
            .build();
    assertEquals("other", router.chat(prompt("hi")).provider());
    assertEquals(BreakerState.OPEN, router.breakerState("local"));
    assertEquals(BreakerState.CLOSED, router.breakerState("other"));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> router.breakerState("nobody"));
    assertTrue(unknown.getMessage().contains("'nobody'"), unknown.getMessage());
  }

  @Test
  void anEmptyListOfTextsToEmbedIsRefused() {
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> builder().build().embed(List.of()));
    assertTrue(empty.getMessage().contains("texts"), empty.getMessage());
    assertEquals(0, local.calls());
  }

  @Test
  void aCachedAnswerIsReplayedToAStreamsListener() {
    LlmRouter router = builder().build();
    ChatRequest exact = ChatRequest.builder().user("hi").temperature(0).build();
    router.stream(exact, token -> {});
    List<String> replayed = new CopyOnWriteArrayList<>();
    ChatResponse again = router.stream(exact, replayed::add);
    assertTrue(again.cached());
    assertEquals(List.of("hello from local"), replayed);
    assertEquals(1, local.calls());
  }
}
