package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.Embedder;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router on a real SQLite memory store: persistent spend ledger, L2 cache, Embedder. */
class MemoryIntegrationTest {
  @TempDir Path dir;

  final ScriptedProvider local = new ScriptedProvider("local", "llama3.2");
  final ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");

  LlmRouter router(MemoryStore memory) {
    return LlmRouter.builder()
        .local(local)
        .fallback(cloud, LlmRouterTest.PRICE)
        .cloudFallback(true)
        .dailyBudget(Money.usd("0.05"))
        .defaultMaxTokens(20)
        .memory(memory)
        .build();
  }

  @Test
  void dailySpendSurvivesARestart() {
    local.failing(new TransientException("local", "down", null));
    Path file = dir.resolve("olympus.db");
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      router(memory).chat(ChatRequest.of("hi"));
      router(memory).chat(ChatRequest.of("hi"));
    }
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      LlmRouter restarted = router(memory);
      assertEquals(Money.usd("0.042"), restarted.spentToday());
      LlmException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              LlmException.class, () -> restarted.chat(ChatRequest.of("hi")));
      assertTrue(refused.getMessage().contains("daily budget"), refused.getMessage());
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
      assertEquals("hello from local", again.text());
      assertEquals(1, local.calls());
    }
  }

  @Test
  void theRouterIsTheMemorysEmbedder() {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("embed.db"))) {
      Embedder embedder = router(memory);
      List<float[]> vectors = embedder.embed(List.of("abc"));
      assertEquals(3f, vectors.get(0)[0]);
      assertEquals("hello from local", router(memory).chat(ChatRequest.of("x")).text());
    }
  }
}
