package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.plan.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
  void theSwappedModelStreamsEmbedsAndBringsItsOwnCapabilities() {
    local.swapTo(fresh, 0, candidate -> true);
    List<String> tokens = new CopyOnWriteArrayList<>();
    assertEquals("new", router.stream(ask("s"), tokens::add).text());
    assertEquals(List.of("new"), tokens);
    assertArrayEquals(new float[] {3, 1}, router.embed(List.of("abc")).get(0));
    assertEquals(2, fresh.calls());
    assertEquals(0, old.calls());

    local.swapTo(
        new ScriptedProvider("plain", "phi3").without(Capability.EMBEDDINGS), 0, c -> true);
    assertThrows(UnavailableException.class, () -> router.embed(List.of("abc")));
  }

  @Test
  void anEmbeddingThatFailsOnTrialIsSentAgainToThePreviousModel() {
    LlmProvider failing =
        new ScriptedProvider("candidate", "qwen2.5") {
          @Override
          public EmbeddingReply embed(List<String> texts) {
            throw new HardException("candidate", 500, "boom", null);
          }
        };
    local.swapTo(failing, 2, candidate -> true);
    assertArrayEquals(new float[] {3, 1}, router.embed(List.of("abc")).get(0));
    assertSame(old, local.current());
    assertEquals(1, old.calls());
  }

  @Test
  void checkingTheProvidersAsksTheModelThatAnswersNow() {
    AtomicBoolean pulled = new AtomicBoolean(true);
    LlmProvider removable =
        new ScriptedProvider("candidate", "qwen2.5") {
          @Override
          public void checkReady() {
            if (!pulled.get()) {
              throw new HardException("candidate", 404, "model 'qwen2.5' not found", null);
            }
          }
        };
    local.swapTo(removable, 0, candidate -> true);
    assertEquals(List.of(), router.checkProviders());
    pulled.set(false);
    List<ProviderSkip> problems = router.checkProviders();
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("local", problems.get(0).provider());
    assertTrue(problems.get(0).reason().contains("not found"), problems.toString());
  }

  @Test
  void aFailureAfterTheTrialEndedWhileTheCallWasInFlightIsTheCallers() throws Exception {
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch trialOver = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    fresh.behaving(
        request -> {
          if (request.messages().stream().noneMatch(m -> m.content().equals("slow"))) {
            return fresh.reply("new", new Usage(1, 1));
          }
          if (attempts.incrementAndGet() > 1) {
            return fresh.reply("sent again", new Usage(1, 1)); // must not happen
          }
          inFlight.countDown();
          await(trialOver);
          throw new HardException("candidate", 500, "boom", null);
        });
    local.swapTo(fresh, 1, candidate -> true);
    CompletableFuture<ChatResponse> slow =
        CompletableFuture.supplyAsync(() -> router.chat(ask("slow")));
    await(inFlight);
    assertEquals("new", router.chat(ask("quick")).text(), "the trial's one call");
    trialOver.countDown();

    ExecutionException failed = assertThrows(ExecutionException.class, slow::get);
    assertTrue(failed.getCause() instanceof UnavailableException, failed.toString());
    assertSame(fresh, local.current(), "no roll-back after the trial");
    assertEquals(1, attempts.get());
    assertEquals(0, old.calls());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(1, TimeUnit.MINUTES), "a bound for a hang, not a timing");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
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
