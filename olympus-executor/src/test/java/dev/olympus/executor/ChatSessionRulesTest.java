package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.testing.FakeOllama;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a host may open chat sessions: one per id, with one set of options, until closed. */
class ChatSessionRulesTest {
  @Test
  void anOpenSessionIsSharedOnlyWithTheSameOptionsAndRefusesUseOnceClosed() {
    try (FakeOllama ollama = FakeOllama.start();
        Olympus olympus = overLocalModel(ollama)) {
      ChatOptions brief = ChatOptions.builder().maxRounds(2).build();
      ChatSession session = olympus.chat("s1", brief);
      assertSame(session, olympus.chat("s1", ChatOptions.builder().maxRounds(2).build()));
      var other = assertThrows(IllegalStateException.class, () -> olympus.chat("s1"));
      assertTrue(other.getMessage().contains("other options"), other::getMessage);

      session.close();
      var closed = assertThrows(IllegalStateException.class, () -> session.send("hello"));
      assertTrue(closed.getMessage().contains("chat session s1 is closed"), closed::getMessage);
    }
  }

  @Test
  void aSessionMayOfferOnlyRegisteredTools() {
    try (FakeOllama ollama = FakeOllama.start();
        Olympus olympus = overLocalModel(ollama)) {
      var unknown =
          assertThrows(
              IllegalArgumentException.class,
              () -> olympus.chat("s2", ChatOptions.builder().tools(Set.of("no.such")).build()));
      assertTrue(
          unknown.getMessage().contains("tool 'no.such' is not registered"), unknown::getMessage);
    }
  }

  @Test
  void aClosedSessionOpensAgainWithItsHistory() {
    try (FakeOllama ollama = FakeOllama.start();
        Olympus olympus = overLocalModel(ollama)) {
      ollama.enqueueTexts("first answer", "second answer");
      ChatSession first = olympus.chat("s3");
      first.send("hello");
      first.close();

      ChatSession again = olympus.chat("s3");
      assertNotSame(first, again);
      assertEquals("second answer", again.send("hello again").text());
      assertEquals(4, again.history().size());
    }
  }

  @Test
  void closingOlympusClosesItsSessions() {
    try (FakeOllama ollama = FakeOllama.start()) {
      ChatSession chat;
      try (Olympus olympus = overLocalModel(ollama)) {
        chat = olympus.chat("s5");
      }
      var closed = assertThrows(IllegalStateException.class, () -> chat.send("hello"));
      assertTrue(closed.getMessage().contains("chat session s5 is closed"), closed::getMessage);
    }
  }

  @Test
  void aSessionUsedOnOneThreadCanBeUsedOnAnother() throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        Olympus olympus = overLocalModel(ollama)) {
      ollama.enqueueTexts("hi");
      ChatSession chat = olympus.chat("s4");
      chat.send("hello");
      // Not a timing assertion: the wait only bounds how long a session left locked hangs.
      int seen =
          CompletableFuture.supplyAsync(() -> chat.history().size()).get(30, TimeUnit.SECONDS);
      assertEquals(2, seen);
    }
  }

  private static Olympus overLocalModel(FakeOllama ollama) {
    return Olympus.builder()
        .llm(LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build())
        .build();
  }
}
