package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The router's retry, Retry-After and circuit-breaker settings: values out of range are refused
 * when set, and the ones in range are what the router does (how often it tries, what it waits out,
 * when it stops sending).
 */
class ResilienceSettingsTest {
  private static final Duration MS1 = Duration.ofMillis(1);
  private static final Duration MS2 = Duration.ofMillis(2);

  private final ScriptedProvider local = new ScriptedProvider("local", "llama3.2");

  @Test
  void retrySettingsOutOfRangeAreRefused() {
    LlmRouter.Builder b = LlmRouter.builder().local(local);
    assertThrows(IllegalArgumentException.class, () -> b.retries(-1, MS1, MS2));
    assertThrows(IllegalArgumentException.class, () -> b.retries(1, Duration.ZERO, MS2));
    assertThrows(IllegalArgumentException.class, () -> b.retries(1, MS1.negated(), MS2));
    assertThrows(IllegalArgumentException.class, () -> b.retries(1, MS2, MS2), "max = base");
    assertThrows(IllegalArgumentException.class, () -> b.retries(1, MS2, MS1), "max < base");
    assertThrows(NullPointerException.class, () -> b.retries(1, null, MS2));
    assertThrows(NullPointerException.class, () -> b.retries(1, MS1, null));
    b.retries(0, MS1, MS2).build();
  }

  @Test
  void breakerAndRetryAfterSettingsOutOfRangeAreRefused() {
    LlmRouter.Builder b = LlmRouter.builder().local(local);
    assertThrows(IllegalArgumentException.class, () -> b.circuitBreaker(0, MS1));
    assertThrows(IllegalArgumentException.class, () -> b.circuitBreaker(1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.circuitBreaker(1, MS1.negated()));
    assertThrows(NullPointerException.class, () -> b.circuitBreaker(1, null));
    assertThrows(IllegalArgumentException.class, () -> b.maxRetryAfter(MS1.negated()));
    assertThrows(NullPointerException.class, () -> b.maxRetryAfter(null));
    b.circuitBreaker(1, MS1).maxRetryAfter(Duration.ZERO).build();
  }

  @Test
  void aTransientFailureIsTriedOnceMoreThanTheRetriesAllowed() {
    local.failing(new TransientException("local", "down", null));
    LlmRouter none =
        LlmRouter.builder().local(local).retries(0, MS1, MS2).circuitBreaker(100, MS1).build();
    assertThrows(UnavailableException.class, () -> none.chat(ChatRequest.of("x")));
    assertEquals(1, local.calls(), "no retry");

    LlmRouter two =
        LlmRouter.builder().local(local).retries(2, MS1, MS2).circuitBreaker(100, MS1).build();
    assertThrows(UnavailableException.class, () -> two.chat(ChatRequest.of("x")));
    assertEquals(1 + 3, local.calls(), "the first attempt and two retries");
  }

  @Test
  void aRetryAfterUpToTheLimitIsWaitedOutAndALongerOneIsNot() {
    Duration limit = Duration.ofMillis(20);
    local.failing(new RateLimitedException("local", "busy", Optional.of(limit)));
    LlmRouter router =
        LlmRouter.builder()
            .local(local)
            .retries(1, MS1, MS2)
            .maxRetryAfter(limit)
            .circuitBreaker(100, MS1)
            .build();
    assertThrows(UnavailableException.class, () -> router.chat(ChatRequest.of("x")));
    assertEquals(2, local.calls(), "a Retry-After equal to the limit is waited out");

    local.failing(
        new RateLimitedException("local", "busy", Optional.of(limit.plus(Duration.ofNanos(1)))));
    assertThrows(UnavailableException.class, () -> router.chat(ChatRequest.of("x")));
    assertEquals(3, local.calls(), "one just over the limit is not");
  }

  @Test
  void theCircuitOpensAfterExactlyTheConfiguredFailures() {
    local.failing(new TransientException("local", "down", null));
    LlmRouter router =
        LlmRouter.builder()
            .local(local)
            .retries(0, MS1, MS2)
            .circuitBreaker(3, Duration.ofHours(1))
            .build();
    for (int i = 0; i < 2; i++) {
      assertThrows(UnavailableException.class, () -> router.chat(ChatRequest.of("x")));
      assertEquals(BreakerState.CLOSED, router.breakerState("local"));
    }
    assertThrows(UnavailableException.class, () -> router.chat(ChatRequest.of("x")));
    assertEquals(BreakerState.OPEN, router.breakerState("local"));
    UnavailableException open =
        assertThrows(UnavailableException.class, () -> router.chat(ChatRequest.of("x")));
    assertTrue(open.getMessage().contains("circuit breaker is open"), open.getMessage());
    assertEquals(3, local.calls(), "an open circuit sends nothing");
  }
}
