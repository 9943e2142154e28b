package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.testing.FakeOllama;
import java.util.Set;
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

  private static Olympus overLocalModel(FakeOllama ollama) {
    return Olympus.builder()
        .llm(LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build())
        .build();
  }
}
