package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A router's configuration hash: the same for the same configuration, different otherwise. */
class RouterConfigHashTest {
  private static LlmRouter.Builder base() {
    return LlmRouter.builder()
        .local(new ScriptedProvider("local", "llama3.2"))
        .fallback(
            new ScriptedProvider("cloud", "gpt-4o-mini"), Pricing.perMillionTokens("0.15", "0.60"))
        .cloudFallback(true)
        .dailyBudget(Money.usd("1.00"));
  }

  private static String hash(UnaryOperator<LlmRouter.Builder> change) {
    return change.apply(base()).build().configHash();
  }

  @Test
  void theSameConfigurationHasTheSameHashWhateverListenerClockOrInstance() {
    String plain = hash(b -> b);
    assertTrue(plain.matches("[0-9a-f]{16}"), plain);
    assertEquals(plain, hash(b -> b));
    assertEquals(plain, hash(b -> b.listener(new RouterListener() {})));
    assertEquals(
        plain,
        hash(b -> b.clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))));
  }

  @Test
  void changingWhatRoutesACallChangesTheHash() {
    String plain = hash(b -> b);
    assertNotEquals(plain, hash(b -> b.local(new ScriptedProvider("second", "llama3.2"))));
    assertNotEquals(plain, hash(b -> b.cloudFallback(false)));
    assertNotEquals(plain, hash(b -> b.dailyBudget(Money.usd("2.00"))));
    assertNotEquals(plain, hash(b -> b.cacheTtl(Duration.ofMinutes(7))));
    assertNotEquals(plain, hash(b -> b.circuitBreaker(9, Duration.ofSeconds(30))));
    assertNotEquals(plain, hash(b -> b.defaultMaxTokens(77)));
    assertNotEquals(
        plain, hash(b -> b.preferHealthy(Duration.ofMinutes(1), 0.5, Duration.ofSeconds(2))));
    String otherModel =
        LlmRouter.builder()
            .local(new ScriptedProvider("local", "qwen2.5"))
            .fallback(
                new ScriptedProvider("cloud", "gpt-4o-mini"),
                Pricing.perMillionTokens("0.15", "0.60"))
            .cloudFallback(true)
            .dailyBudget(Money.usd("1.00"))
            .build()
            .configHash();
    assertNotEquals(plain, otherModel);
  }
}
