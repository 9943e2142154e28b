package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.HardException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.Usage;
import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.ProviderReply;
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

  @Test
  void enqueuedRepliesAreReturnedAsTheyAreAndCounted() {
    ProviderReply scripted =
        new ProviderReply("exact", List.of(), FinishReason.LENGTH, new Usage(1, 2), "other");
    model.enqueueReply(scripted);
    model.enqueueTexts("later");

    assertEquals(2, model.remaining());
    assertEquals(scripted, model.chat(ChatRequest.of("x")));
    assertEquals(1, model.remaining());
  }

  @Test
  void textRepliesCountOneTokenPerFourCharactersOfPromptAndAnswer() {
    ProviderReply reply =
        model.textReply(ChatRequest.of("forty characters of prompt, give or take"), "twelve chars");

    assertEquals(new Usage(10, 3), reply.usage());
    assertEquals(FinishReason.STOP, reply.finishReason());
    assertEquals("llama3.2", reply.model());
    assertEquals(new Usage(1, 1), model.textReply(ChatRequest.of("hi"), "").usage());
  }

  @Test
  void itIsNamedAndCanDeclareNoCapabilities() {
    assertEquals("scripted", model.name());
    assertEquals("llama3.2", model.model());
    assertEquals(Set.of(Capability.values()), model.capabilities());

    model.capabilities(Set.of());

    assertEquals(Set.of(), model.capabilities());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScriptedProvider.named(" ", "m"));
    assertEquals("name cannot be blank", e.getMessage());
  }

  @Test
  void defaultEmbeddingsAreDeterministicUnitVectorsOfTheWords() {
    float[] words = vector("Red apple, green pear!");

    assertEquals(1.0, norm(words), 1e-6);
    for (float x : words) {
      assertFalse(x < 0, "no negative component");
    }
    assertArrayEquals(words, vector("  red APPLE green... pear"));
    assertArrayEquals(vector("apple"), vector("apple apple"));
    assertEquals(0.0, norm(vector(" ,. ")), "no words, no direction");
  }

  private float[] vector(String text) {
    return model.embed(List.of(text)).vectors().get(0);
  }

  private static double norm(float[] vector) {
    double sum = 0;
    for (float x : vector) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
