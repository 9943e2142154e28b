package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.plan.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Swapping the router's local model at run time, and rolling back when the new one fails. */
class SwappableProviderTest {
  final ScriptedProvider old = new ScriptedProvider("local", "llama3.2");
  final ScriptedProvider fresh = new ScriptedProvider("candidate", "qwen2.5").answering("new");
  final SwappableProvider local = SwappableProvider.of(old);
  final LlmRouter router =
      LlmRouter.builder()
          .local(local)
          .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
          .build();

  static ChatRequest ask(String text) {
    return ChatRequest.builder().user(text).temperature(0.7).build();
  }

  @Test
  void afterASwapTheNewModelAnswersUnderTheSameName() {
    assertTrue(local.swapTo(fresh, 2, candidate -> true));
    ChatResponse answer = router.chat(ask("hi"));
    assertEquals("new", answer.text());
    assertEquals("local", answer.provider());
    assertEquals("qwen2.5", answer.model());
    assertEquals(BreakerState.CLOSED, router.breakerState("local"));
  }

  @Test
  void aNewModelThatFailsOnTrialIsRolledBackAndTheCallAnsweredByThePreviousOne() {
    local.swapTo(fresh, 3, candidate -> true);
    router.chat(ask("first"));
    fresh.failing(new HardException("candidate", 500, "model failed to load", null));
    ChatResponse answer = router.chat(ask("second"));
    assertEquals("hello from local", answer.text());
    assertSame(old, local.current());
    assertEquals(2, fresh.calls());
    assertEquals(1, old.calls());
  }

  @Test
  void aSwapWithoutTrialCallsIsFinalAtOnce() {
    assertTrue(local.swapTo(fresh, 0, candidate -> true));
    fresh.failing(new HardException("candidate", 500, "boom", null));
    assertThrows(UnavailableException.class, () -> router.chat(ask("first")));
    assertSame(fresh, local.current());
    assertFalse(local.rollBack(), "nothing on trial");
    assertEquals(0, old.calls());
  }

  @Test
  void theTrialEndsAfterExactlyItsCalls() {
    local.swapTo(fresh, 2, candidate -> true);
    router.chat(ask("first"));
    fresh.failing(new HardException("candidate", 500, "boom", null));
    assertEquals("hello from local", router.chat(ask("second")).text(), "still on trial");

    local.swapTo(fresh.answering("new"), 2, candidate -> true);
    router.chat(ask("third"));
    router.chat(ask("fourth"));
    fresh.failing(new HardException("candidate", 500, "boom", null));
    assertThrows(UnavailableException.class, () -> router.chat(ask("fifth")));
    assertFalse(local.rollBack(), "the trial is over");
  }

  @Test
  void afterItsTrialAFailureIsTheCallersAndNothingRollsBack() {
    local.swapTo(fresh, 1, candidate -> true);
    router.chat(ask("first"));
    fresh.failing(new HardException("candidate", 500, "boom", null));
    assertThrows(UnavailableException.class, () -> router.chat(ask("second")));
    assertSame(fresh, local.current());
    assertFalse(local.rollBack(), "nothing on trial");
    assertEquals(0, old.calls());
  }

  @Test
  void theHostsCheckOrAnUnreadyModelKeepsTheCurrentOne() {
    assertFalse(local.swapTo(fresh, 3, candidate -> false));
    assertSame(old, local.current());
    LlmProvider unready =
        new ScriptedProvider("x", "missing") {
          @Override
          public void checkReady() {
            throw new HardException("x", 404, "not pulled", null);
          }
        };
    assertThrows(HardException.class, () -> local.swapTo(unready, 3, candidate -> true));
    assertSame(old, local.current());
    assertEquals(0, fresh.calls());
  }

  @Test
  void theHostCanRollBackWhileTheNewModelIsOnTrial() {
    local.swapTo(fresh, 5, candidate -> true);
    assertEquals("new", router.chat(ask("a")).text());
    assertTrue(local.rollBack());
    assertEquals("hello from local", router.chat(ask("b")).text());
    assertFalse(local.rollBack());
  }

  @Test
  void aStreamThatAlreadyDeliveredTextIsNotSentAgainButStillRollsBack() {
    LlmProvider halfway =
        new ScriptedProvider("candidate", "qwen2.5") {
          @Override
          public dev.olympus.llm.spi.ProviderReply stream(
              ChatRequest request, StreamListener listener, Cancellation cancellation) {
            listener.onToken("par");
            throw new TransientException("candidate", "dropped", null);
          }
        };
    local.swapTo(halfway, 3, candidate -> true);
    List<String> tokens = new CopyOnWriteArrayList<>();
    StreamBrokenException broken =
        assertThrows(StreamBrokenException.class, () -> router.stream(ask("s"), tokens::add));
    assertEquals("par", broken.partialText());
    assertEquals(List.of("par"), tokens);
    assertSame(old, local.current());
    assertEquals(0, old.calls());
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> local.swapTo(fresh, -1, c -> true));
    assertThrows(NullPointerException.class, () -> local.swapTo(null, 1, c -> true));
    assertThrows(NullPointerException.class, () -> SwappableProvider.of(null));
  }

  @Test
  void onARealOllamaWireTheSwapNeedsTheModelPulledAndThenChatsWithIt() throws Exception {
    try (FakeServer ollama = new FakeServer()) {
      ollama.on("/api/tags", FakeServer.json(200, OllamaModelsTest.TAGS));
      ollama.on("/api/chat", FakeServer.json(200, OllamaProviderTest.CHAT));
      SwappableProvider wired =
          SwappableProvider.of(OllamaProvider.at(ollama.uri(), "codellama:13b"));
      LlmRouter onWire = LlmRouter.builder().local(wired).build();

      HardException notPulled =
          assertThrows(
              HardException.class,
              () -> wired.swapTo(OllamaProvider.at(ollama.uri(), "mistral"), 3, c -> true));
      assertTrue(notPulled.getMessage().contains("ollama pull mistral"), notPulled.getMessage());
      assertEquals("codellama:13b", wired.model());

      assertTrue(wired.swapTo(OllamaProvider.at(ollama.uri(), "llama3"), 3, c -> true));
      assertEquals("Hello! How are you today?", onWire.chat(ask("hi")).text());
      assertTrue(ollama.lastBody().contains("\"model\":\"llama3\""), ollama.lastBody());
    }
  }
}
