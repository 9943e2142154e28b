package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.ProviderReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** SLA-aware routing: healthy providers first, on the router's clock, with the reason in events. */
class HealthRoutingTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final ScriptedProvider first = new ScriptedProvider("first", "llama3.2");
  final ScriptedProvider second = new ScriptedProvider("second", "qwen2.5");
  final List<CallEvent> events = new CopyOnWriteArrayList<>();

  LlmRouter.Builder builder() {
    return LlmRouter.builder()
        .local(first)
        .local(second)
        .clock(clock)
        .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
        .circuitBreaker(1_000, Duration.ofMinutes(1))
        .listener(RouterObservabilityTest.callsInto(events));
  }

  /** Answers after {@code latency} on the test's clock. */
  Function<ChatRequest, ProviderReply> taking(ScriptedProvider provider, Duration latency) {
    return request -> {
      clock.advance(latency);
      return provider.reply("from " + provider.name(), new Usage(1, 1));
    };
  }

  static ChatRequest ask() {
    return ChatRequest.builder().user("hi").temperature(0.5).build();
  }

  @Test
  void aSlowProviderIsTriedAfterAFastOneOnceItsP95IsOverTheLimit() {
    first.behaving(taking(first, Duration.ofSeconds(5)));
    second.behaving(taking(second, Duration.ofMillis(100)));
    LlmRouter router =
        builder().preferHealthy(Duration.ofMinutes(10), 0.5, Duration.ofSeconds(2)).build();
    for (int i = 0; i < 5; i++) {
      assertEquals("first", router.chat(ask()).provider(), "too few calls to judge yet");
    }
    assertEquals("the host's order", events.get(4).routing());
    ChatResponse sixth = router.chat(ask());
    assertEquals("second", sixth.provider());
    String why = events.get(5).routing();
    assertTrue(why.contains("first (p95 latency 5000 ms over its last 5 calls"), why);
    assertEquals(5, first.calls());
  }

  @Test
  void aFailingProviderIsTriedLastUntilItsFailuresLeaveTheWindow() {
    first.failing(new TransientException("first", "overloaded", null));
    LlmRouter router =
        builder().preferHealthy(Duration.ofMinutes(10), 0.5, Duration.ofMinutes(1)).build();
    for (int i = 0; i < 8; i++) {
      assertEquals("second", router.chat(ask()).provider());
    }
    assertEquals(5, first.calls(), "after five failures it is no longer tried first");
    assertTrue(
        events.get(7).routing().contains("first (5 of its last 5 calls failed (more than 50%))"),
        events.get(7).routing());

    clock.advance(Duration.ofMinutes(11));
    first.answering("back");
    assertEquals("first", router.chat(ask()).provider());
    assertEquals("the host's order", events.get(8).routing());
  }

  @Test
  void aP95ExactlyAtTheLimitIsStillHealthy() {
    first.behaving(taking(first, Duration.ofSeconds(2)));
    LlmRouter router =
        builder().preferHealthy(Duration.ofMinutes(10), 0.5, Duration.ofSeconds(2)).build();
    for (int i = 0; i < 7; i++) {
      assertEquals("first", router.chat(ask()).provider());
    }
    assertEquals("the host's order", events.get(6).routing());
  }

  @Test
  void anErrorRateExactlyAtTheLimitIsStillHealthy() {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    first.behaving(
        request -> {
          if (n.incrementAndGet() % 2 == 0) {
            throw new TransientException("first", "overloaded", null);
          }
          return first.reply("from first", new Usage(1, 1));
        });
    LlmRouter router =
        builder().preferHealthy(Duration.ofMinutes(10), 0.5, Duration.ofMinutes(1)).build();
    for (int i = 0; i < 6; i++) {
      router.chat(ask());
    }
    assertEquals("first", router.chat(ask()).provider(), "3 of 6 failed: not more than half");
    assertEquals(7, first.calls());
  }

  @Test
  void callsExactlyOneWindowOldNoLongerCount() {
    first.failing(new TransientException("first", "overloaded", null));
    LlmRouter router =
        builder().preferHealthy(Duration.ofMinutes(10), 0.5, Duration.ofMinutes(1)).build();
    for (int i = 0; i < 5; i++) {
      router.chat(ask());
    }
    first.answering("back");
    assertEquals("second", router.chat(ask()).provider(), "judged unhealthy");
    clock.advance(Duration.ofMinutes(10));
    assertEquals("first", router.chat(ask()).provider());
  }

  /** A router with {@code first} alone, judged by {@code rules}; its events tell the verdict. */
  LlmRouter firstAlone(double maxErrorRate, Duration maxP95) {
    return LlmRouter.builder()
        .local(first)
        .clock(clock)
        .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
        .circuitBreaker(1_000, Duration.ofMinutes(1))
        .preferHealthy(Duration.ofMinutes(10), maxErrorRate, maxP95)
        .listener(RouterObservabilityTest.callsInto(events))
        .build();
  }

  String lastRouting() {
    return events.get(events.size() - 1).routing();
  }

  @Test
  void aSlowCallExactlyOneWindowOldNoLongerCounts() {
    first.behaving(taking(first, Duration.ofSeconds(5)));
    LlmRouter router = firstAlone(0.5, Duration.ofSeconds(2));
    for (int i = 0; i < 5; i++) {
      router.chat(ask()); // the first ends 5 s after the start, the last 25 s after
    }
    clock.advance(Duration.ofMinutes(10).minusSeconds(20)); // the first is one window old
    router.chat(ask());
    assertEquals("the host's order", lastRouting(), "four calls are too few to judge");
  }

  @Test
  void aFailureExactlyOneWindowOldNoLongerCounts() {
    first.failing(new TransientException("first", "overloaded", null));
    LlmRouter router = firstAlone(0.1, Duration.ofMinutes(1));
    assertThrows(UnavailableException.class, () -> router.chat(ask()));
    first.behaving(taking(first, Duration.ofMillis(100)));
    for (int i = 0; i < 5; i++) {
      router.chat(ask());
    }
    clock.advance(Duration.ofMinutes(10).minusMillis(500)); // the failure is one window old
    router.chat(ask());
    assertEquals("the host's order", lastRouting(), "none of the last 5 calls failed");
  }

  @Test
  void twoSlowCallsInTwentyPutTheP95OverTheLimit() {
    AtomicInteger n = new AtomicInteger();
    first.behaving(
        request ->
            taking(first, Duration.ofMillis(n.incrementAndGet() <= 2 ? 5_000 : 100))
                .apply(request));
    LlmRouter router = firstAlone(0.5, Duration.ofSeconds(2));
    for (int i = 0; i < 21; i++) {
      router.chat(ask()); // two slow calls, then fast ones
    }
    assertTrue(
        lastRouting().contains("first (p95 latency 5000 ms over its last 20 calls"), lastRouting());
  }

  @Test
  void aFailureAmongTheLast200CallsInTheWindowStillCounts() {
    first.failing(new TransientException("first", "overloaded", null));
    LlmRouter router = firstAlone(0, Duration.ofMinutes(1));
    assertThrows(UnavailableException.class, () -> router.chat(ask()));
    first.answering("back");
    for (int i = 0; i < 200; i++) {
      router.chat(ask());
    }
    assertTrue(
        lastRouting().contains("first (1 of its last 200 calls failed (more than 0%))"),
        lastRouting());
  }

  @Test
  void whenEveryProviderIsUnhealthyTheHostsOrderStillHolds() {
    first.behaving(taking(first, Duration.ofSeconds(5)));
    second.behaving(taking(second, Duration.ofSeconds(5)));
    LlmRouter router =
        builder().preferHealthy(Duration.ofMinutes(10), 0.5, Duration.ofSeconds(1)).build();
    List<String> answered = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      answered.add(router.chat(ask()).provider());
    }
    assertEquals(
        List.of(
            "first", "first", "first", "first", "first", "second", "second", "second", "second",
            "second", "first"),
        answered,
        "each is slow once judged; then both are, and the host's order holds");
    assertTrue(
        events.get(10).routing().endsWith("no healthy one answered"), events.get(10).routing());
  }

  @Test
  void aPaidProviderStillNeedsCloudFallbackWhenTheLocalOneIsUnhealthy() {
    ScriptedProvider local = new ScriptedProvider("local", "llama3.2");
    ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");
    local.behaving(taking(local, Duration.ofSeconds(5)));
    LlmRouter router =
        LlmRouter.builder()
            .local(local)
            .fallback(cloud, LlmRouterTest.PRICE)
            .clock(clock)
            .preferHealthy(Duration.ofMinutes(10), 0.5, Duration.ofSeconds(1))
            .build();
    for (int i = 0; i < 7; i++) {
      assertEquals("local", router.chat(ask()).provider());
    }
    assertEquals(0, cloud.calls());
  }

  @Test
  void withoutHealthRoutingTheOrderNeverChanges() {
    first.behaving(taking(first, Duration.ofSeconds(5)));
    LlmRouter router = builder().build();
    for (int i = 0; i < 7; i++) {
      assertEquals("first", router.chat(ask()).provider());
    }
    assertEquals("the host's order", events.get(6).routing());
  }

  @Test
  void badRulesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> builder().preferHealthy(Duration.ofMinutes(1), 1.5, Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> builder().preferHealthy(Duration.ZERO, 0.5, Duration.ofSeconds(1)));
    LlmRouter.Builder valid =
        builder().preferHealthy(Duration.ofMinutes(1), 0.5, Duration.ofSeconds(1));
    assertThrows(
        IllegalArgumentException.class,
        () -> valid.preferHealthy(Duration.ofMinutes(1), -0.1, Duration.ofSeconds(1)));
  }

  @Test
  void aStreamThatBreaksCountsAsAFailedCall() {
    LlmRouter router =
        LlmRouter.builder()
            .local(RouterObservabilityTest.breaking("first"))
            .local(second)
            .clock(clock)
            .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
            .circuitBreaker(1_000, Duration.ofMinutes(1))
            .preferHealthy(Duration.ofMinutes(10), 0.5, Duration.ofMinutes(1))
            .build();
    for (int i = 0; i < 5; i++) {
      assertThrows(StreamBrokenException.class, () -> router.stream(ask(), t -> {}));
    }
    assertEquals("second", router.stream(ask(), t -> {}).provider());
  }
}
