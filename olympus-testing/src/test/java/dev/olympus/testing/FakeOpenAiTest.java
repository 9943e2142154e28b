package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OpenAiCompatibleProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.RateLimitedException;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link FakeOpenAi} against the SDK's real {@link OpenAiCompatibleProvider} and router. */
class FakeOpenAiTest {
  private final FakeOpenAi openAi = FakeOpenAi.start();
  private final LlmProvider provider =
      OpenAiCompatibleProvider.of(openAi.v1(), "sk-test", "gpt-4o-mini");

  @AfterEach
  void close() {
    openAi.close();
  }

  @Test
  void streamsServerSentEventsWithTheUsageChunk() {
    openAi.enqueue(FakeReply.text("Bonjour tout le monde").withUsage(20, 30));
    List<String> tokens = new ArrayList<>();

    ProviderReply reply = provider.stream(ChatRequest.of("Hello"), tokens::add, new Cancellation());

    assertEquals("Bonjour tout le monde", String.join("", tokens));
    assertTrue(tokens.size() > 1, tokens::toString);
    assertEquals(20, reply.usage().promptTokens());
    assertEquals(30, reply.usage().completionTokens());
    RecordedRequest request = openAi.requests("/v1/chat/completions").get(0);
    assertEquals("Bearer sk-test", request.header("authorization").orElseThrow());
    assertTrue(request.json().path("stream").asBoolean());
  }

  @Test
  void streamedToolCallArgumentsArriveInPiecesAndAreJoined() {
    openAi.enqueue(FakeReply.toolCall("search", "{\"query\":\"olympus sdk\"}"));

    ProviderReply reply = provider.stream(ChatRequest.of("look"), token -> {}, new Cancellation());

    assertEquals(FinishReason.TOOL_CALLS, reply.finishReason());
    assertEquals("search", reply.toolCalls().get(0).toolId());
    assertEquals("olympus sdk", reply.toolCalls().get(0).input().path("query").asText());
  }

  @Test
  void aWholeCompletionCarriesARefusal() {
    openAi.enqueue(FakeReply.refusal("I can't help with that"));

    ProviderReply reply = provider.chat(ChatRequest.of("x"));

    assertEquals(FinishReason.REFUSAL, reply.finishReason());
    assertEquals("I can't help with that", reply.text());
  }

  @Test
  void aRateLimitCarriesItsRetryAfterAndTheRouterRetries() {
    openAi.enqueue(FakeReply.rateLimited(Duration.ofSeconds(3)));
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> provider.chat(ChatRequest.of("x")));
    assertEquals(Duration.ofSeconds(3), e.retryAfter().orElseThrow());

    openAi.enqueue(FakeReply.rateLimited(Duration.ZERO), FakeReply.text("ok"));
    LlmRouter router =
        LlmRouter.builder()
            .fallback(provider, Pricing.perMillionTokens("1", "2"))
            .cloudFallback(true)
            .dailyBudget(Money.usd("1"))
            .build();

    assertEquals("ok", router.chat(ChatRequest.of("x")).text());
    assertEquals(3, openAi.requests().size());
  }

  @Test
  void serverErrorsDropsAndCutStreamsAreTransient() {
    openAi.enqueue(
        FakeReply.serverError(),
        FakeReply.disconnect(),
        FakeReply.text("never finished").withDisconnectAfter(1));

    assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
    assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
    assertThrows(
        TransientException.class,
        () -> provider.stream(ChatRequest.of("x"), token -> {}, new Cancellation()));
  }

  @Test
  void embedsEachInputAtItsIndex() {
    LlmProvider embedder =
        OpenAiCompatibleProvider.builder(openAi.v1(), "sk-test", "gpt-4o-mini")
            .embeddingModel("text-embedding-3-small")
            .build();
    openAi.embedder(text -> new float[] {text.length(), 1});

    List<float[]> vectors = embedder.embed(List.of("a", "bbb")).vectors();

    assertEquals(1f, vectors.get(0)[0]);
    assertEquals(3f, vectors.get(1)[0]);
    assertEquals(
        "text-embedding-3-small",
        openAi.requests("/v1/embeddings").get(0).json().path("model").asText());
  }
}
