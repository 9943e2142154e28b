package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.Usage;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Money;
import dev.olympus.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Olympus#routerBuilder}: the router's spending and cached answers in a store's file. */
class RouterPersistenceTest {
  /** A tenth of a cent per token. */
  static final Pricing PRICE = Pricing.perMillionTokens("1000", "1000");

  @TempDir Path dir;

  /** A paid model that answers every call with one prompt and twenty completion tokens. */
  final ScriptedProvider model = ScriptedProvider.named("cloud", "gpt-4o-mini");

  @BeforeEach
  void script() {
    model.dispatch(
        request ->
            new ProviderReply(
                "four", List.of(), FinishReason.STOP, new Usage(1, 20), model.model()));
    model.embedder(text -> new float[] {text.length(), text.contains("cat") ? 1 : 0});
  }

  LlmRouter router(MemoryStore memory) {
    LlmRouter.Builder builder = Olympus.routerBuilder(memory);
    return builder
        .fallback(model, PRICE)
        .cloudFallback(true)
        .dailyBudget(Money.usd("0.05"))
        .defaultMaxTokens(20)
        .build();
  }

  @Test
  void todaysSpendingSurvivesARestart() {
    Path file = dir.resolve("olympus.db");
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      router(memory).chat(ChatRequest.of("hi"));
      router(memory).chat(ChatRequest.of("hi"));
    }
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      LlmRouter restarted = router(memory);
      assertEquals(Money.usd("0.042"), restarted.spentToday());
      BudgetExceededException refused =
          assertThrows(BudgetExceededException.class, () -> restarted.chat(ChatRequest.of("hi")));
      assertEquals(BudgetExceededException.Scope.DAILY_USD, refused.scope());
      assertEquals(2, model.requests().size());
    }
  }

  @Test
  void cachedAnswersSurviveARestart() {
    Path file = dir.resolve("cache.db");
    ChatRequest request = ChatRequest.builder().user("2+2?").temperature(0).build();
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      assertFalse(router(memory).chat(request).cached());
    }
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      ChatResponse again = router(memory).chat(request);
      assertTrue(again.cached());
      assertEquals("four", again.text());
      assertEquals(1, model.requests().size());
      assertEquals(1, memory.cache().invalidateTag("llm"), "stored under the tag llm");
    }
  }

  @Test
  void aLedgerSetAfterTheStoresOneReplacesIt() {
    Instant noon = Instant.parse("2026-03-01T12:00:00Z");
    SpendLedger hosts = SpendLedger.inMemory();
    assertTrue(
        hosts.tryReserve(LocalDate.of(2026, 3, 1), Money.usd("0.30"), Money.usd("1.00")),
        "the host's ledger already holds $0.30 today");
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("once.db"))) {
      LlmRouter router =
          Olympus.routerBuilder(memory)
              .spendLedger(hosts)
              .dailyBudget(Money.usd("1.00"))
              .clock(Clock.fixed(noon, ZoneOffset.UTC))
              .fallback(model, PRICE)
              .build();

      assertEquals(Money.usd("0.70"), router.remainingToday(), "the last ledger set wins");
      assertThrows(NullPointerException.class, () -> Olympus.routerBuilder(null));
    }
  }

  @Test
  void theRoutersEmbedMethodIsTheStoresEmbedder() {
    LlmRouter router = router(SqliteMemoryStore.inMemory());
    try (MemoryStore memory =
        SqliteMemoryStore.builder().path(dir.resolve("embed.db")).embedder(router::embed).build()) {
      memory.documents().ingest("pets", "a cat sleeps", Map.of());
      List<SearchHit> near = memory.documents().nearest(new float[] {12, 1}, 1, Map.of());
      assertEquals("pets", near.get(0).citation().sourceId(), near::toString);
    }
  }
}
