package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden task 2, RAG + CAG: the first question embeds and retrieves with citations, the same
 * question again is a cache hit with no model call, and after the time to live it is recomputed.
 */
class GoldenRagCagTest {
  @TempDir Path dir;

  @Test
  void retrieveThenCacheThenRecomputeAfterTheTtl() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("q3-report.md"), "# Q3\n\nRevenue grew 12% on local demand.");
    Files.writeString(docs.resolve("team.txt"), "The team shipped offline search in October.");
    SettableClock clock = SettableClock.at(Instant.parse("2026-11-25T09:00:00Z"));
    try (FakeOllama ollama = FakeOllama.start()) {
      ollama.answerEachPrompt(prompt -> "Revenue grew 12% [q3-report.md]", 12);
      LlmRouter llm =
          LlmRouter.builder()
              .local(OllamaProvider.at(ollama.uri(), "llama3.2"))
              .clock(clock)
              .build();
      try (MemoryStore memory =
          SqliteMemoryStore.builder()
              .path(dir.resolve("olympus.db"))
              .embedder(llm::embed)
              .clock(clock)
              .build()) {
        FolderIngest.Report report = FolderIngest.ingest(memory, docs);
        assertEquals(2, report.ingested().size(), report::toString);
        int embedsAfterIngest = ollama.requests("/api/embed").size();
        assertTrue(embedsAfterIngest >= 1, "chunks were embedded at ingestion");
        RagOverFolder rag = new RagOverFolder(memory, llm, Duration.ofMinutes(10));

        RagOverFolder.Answer first = rag.ask("How much did revenue grow?");
        assertFalse(first.cached());
        assertEquals("Revenue grew 12% [q3-report.md]", first.text());
        assertEquals("q3-report.md", first.sources().get(0).sourceId(), first::toString);
        assertTrue(first.sources().get(0).snippet().contains("Revenue grew 12%"));
        assertEquals(
            embedsAfterIngest + 1,
            ollama.requests("/api/embed").size(),
            "the question was embedded");
        assertEquals(1, ollama.chatRequests().size());
        String prompt = ollama.chatRequests().get(0).lastMessage("user").orElseThrow();
        assertTrue(prompt.contains("[q3-report.md] "), prompt);

        RagOverFolder.Answer again = rag.ask("  how much did REVENUE grow? ");
        assertTrue(again.cached());
        assertEquals(first.text(), again.text());
        assertEquals(first.sources(), again.sources());
        assertEquals(
            embedsAfterIngest + 1,
            ollama.requests("/api/embed").size(),
            "a cache hit embeds nothing");
        assertEquals(1, ollama.chatRequests().size(), "a cache hit calls no model");

        clock.advance(Duration.ofHours(2)); // past the answer's TTL and the router's cache TTL
        RagOverFolder.Answer later = rag.ask("How much did revenue grow?");
        assertFalse(later.cached());
        assertEquals(List.of(first.text(), 2), List.of(later.text(), ollama.chatRequests().size()));
        assertEquals(embedsAfterIngest + 2, ollama.requests("/api/embed").size());
      }
    }
  }
}
