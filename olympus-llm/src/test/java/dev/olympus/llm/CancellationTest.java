package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.plan.Money;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An interrupted caller: the router stops (no retry, no other provider), reports a non-retryable
 * {@link CancelledException}, keeps the interrupt flag, does not count it against the breaker and
 * releases the daily-budget hold.
 */
class CancellationTest {
  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void anInterruptDuringTheRetryDelayReleasesTheDailyHold() {
    ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");
    cloud.behaving(
        r -> {
          Thread.currentThread().interrupt(); // the step was cancelled while this attempt ran
          throw new TransientException("cloud", "dropped", null);
        });
    LlmRouter router =
        LlmRouter.builder()
            .fallback(cloud, LlmRouterTest.PRICE)
            .cloudFallback(true)
            .dailyBudget(Money.usd("1.00"))
            .retries(2, Duration.ofMillis(1), Duration.ofMillis(2))
            .defaultMaxTokens(20)
            .build();

    CancelledException e =
        assertThrows(CancelledException.class, () -> router.chat(ChatRequest.of("hi")));

    assertTrue(Thread.interrupted(), "the interrupt flag stays set");
    assertFalse(e.retryable());
    assertEquals(1, cloud.calls(), "no retry after the interrupt");
    assertEquals(Money.usd("1.00"), router.remainingToday(), "the hold was released");
    assertEquals(Money.ZERO, router.spentToday());
  }

  @Test
  void anInterruptedHttpWaitIsNotRetriedNorCountedByTheBreaker() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.on("/api/chat", server.hang());
      LlmProvider local = OllamaProvider.at(server.uri(), "llama3.2");
      LlmRouter router =
          LlmRouter.builder()
              .local(local)
              .retries(2, Duration.ofMillis(1), Duration.ofMillis(2))
              .circuitBreaker(1, Duration.ofHours(1))
              .build();

      Thread.currentThread().interrupt();
      CancelledException e =
          assertThrows(CancelledException.class, () -> router.chat(ChatRequest.of("hi")));

      assertTrue(Thread.interrupted(), "the interrupt flag stays set");
      assertFalse(e.retryable());
      assertEquals(BreakerState.CLOSED, router.breakerState(local.name()));
    }
  }
}
