package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.HardException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.spi.Capability;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ScriptedProvider} behind the SDK's real router. */
class ScriptedProviderTest {
  private final ScriptedProvider model = ScriptedProvider.named("scripted", "llama3.2");
  private final LlmRouter router = LlmRouter.builder().local(model).build();

  @Test
  void answersFromTheQueueInOrderAndRecordsEachRequest() {
    model.enqueueTexts("first", "second");

    assertEquals("first", router.chat(ChatRequest.of("one")).text());
    assertEquals("second", router.chat(ChatRequest.of("two")).text());

    assertEquals(2, model.requests().size());
    assertEquals("two", model.requests().get(1).messages().get(0).content());
    assertEquals(0, model.remaining());
  }

  @Test
  void aQueuedTransientFailureIsRetriedByTheRouter() {
    model.enqueueFailure(new TransientException("scripted", "busy", null));
    model.enqueueTexts("after the retry");

    assertEquals("after the retry", router.chat(ChatRequest.of("x")).text());
    assertEquals(2, model.requests().size());
  }

  @Test
  void pastTheQueueItFailsHardUnlessADispatcherAnswers() {
    LlmException e = assertThrows(LlmException.class, () -> router.chat(ChatRequest.of("x")));
    assertTrue(e instanceof HardException || e.getCause() instanceof HardException, e::toString);

    model.dispatch(request -> model.textReply(request, "always this"));

    assertEquals("always this", router.chat(ChatRequest.of("y")).text());
  }

  @Test
  void withoutEmbeddingsTheRouterCannotEmbed() {
    assertEquals(32, router.embed(List.of("some words")).get(0).length);

    model.embedder(text -> new float[] {text.length()});
    assertEquals(10f, router.embed(List.of("some words")).get(0)[0]);

    model.capabilities(Set.of(Capability.STREAMING));

    assertThrows(LlmException.class, () -> router.embed(List.of("some words")));
  }
}
