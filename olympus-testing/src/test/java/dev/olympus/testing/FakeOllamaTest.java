package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.HardException;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.RateLimitedException;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FakeOllama} against the SDK's real {@link OllamaProvider} and router. */
class FakeOllamaTest extends FakeOllamaFixture {
  @Test
  void streamsTheTextInPiecesWithTheCountsOfTheLastLine() {
    ollama.enqueue(FakeReply.text("Hello from the fake").withUsage(7, 5));
    List<String> tokens = new ArrayList<>();

    ProviderReply reply = provider.stream(ChatRequest.of("Hi"), tokens::add, new Cancellation());

    assertEquals("Hello from the fake", reply.text());
    assertEquals("Hello from the fake", String.join("", tokens));
    assertTrue(tokens.size() > 1, tokens::toString);
    assertEquals(7, reply.usage().promptTokens());
    assertEquals(5, reply.usage().completionTokens());
    RecordedRequest request = ollama.requests("/api/chat").get(0);
    assertEquals("POST", request.method());
    assertTrue(request.json().path("stream").asBoolean());
    assertEquals("Hi", request.lastMessage("user").orElseThrow());
  }

  @Test
  void answersToolCallsWithObjectArguments() {
    ollama.enqueue(FakeReply.toolCall("fs.read", "{\"path\":\"notes.md\"}"));

    ProviderReply reply = provider.chat(ChatRequest.of("Read my notes"));

    assertEquals("fs.read", reply.toolCalls().get(0).toolId());
    assertEquals("notes.md", reply.toolCalls().get(0).input().path("path").asText());
    assertFalse(ollama.requests("/api/chat").get(0).json().path("stream").asBoolean());
  }

  @Test
  void aRateLimitCarriesItsRetryAfter() {
    ollama.enqueue(FakeReply.rateLimited(Duration.ofSeconds(7)));

    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> provider.chat(ChatRequest.of("x")));

    assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
  }

  @Test
  void theRouterWaitsOutRetryAfterThenRetries() {
    ollama.enqueue(FakeReply.rateLimited(Duration.ofSeconds(1)), FakeReply.text("at last"));
    LlmRouter router = LlmRouter.builder().local(provider).build();

    assertEquals("at last", router.chat(ChatRequest.of("x")).text());

    List<RecordedRequest> chats = ollama.requests("/api/chat");
    assertEquals(2, chats.size());
    // Retry-After is a floor: the retry cannot come sooner.
    Duration waited = Duration.between(chats.get(0).receivedAt(), chats.get(1).receivedAt());
    assertTrue(waited.compareTo(Duration.ofSeconds(1)) >= 0, waited::toString);
  }

  @Test
  void aServerErrorIsTransient() {
    ollama.enqueue(FakeReply.serverError());

    TransientException e =
        assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));

    assertTrue(e.getMessage().contains("internal server error"), e.getMessage());
  }

  @Test
  void aDroppedConnectionIsTransient() {
    ollama.enqueue(FakeReply.disconnect());

    assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
  }

  @Test
  void aStreamCutOffPartWayFailsAfterItsFirstPieces() {
    ollama.enqueue(FakeReply.text("one two three four").withDisconnectAfter(2));
    List<String> tokens = new ArrayList<>();

    assertThrows(
        TransientException.class,
        () -> provider.stream(ChatRequest.of("x"), tokens::add, new Cancellation()));

    assertEquals("one two ", String.join("", tokens));
  }

  @Test
  void aSlowFirstByteRunsIntoTheClientsTimeout() {
    LlmProvider impatient =
        OllamaProvider.builder(ollama.uri(), "llama3.2")
            .requestTimeout(Duration.ofSeconds(2)) // ample for a cold JVM's first connect
            .build();
    ollama.enqueue(FakeReply.text("too late").withFirstByteDelay(Duration.ofSeconds(30)));

    TransientException e =
        assertThrows(TransientException.class, () -> impatient.chat(ChatRequest.of("x")));

    assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
  }

  @Test
  void embedsDeterministicallyAndListsThePulledModel() {
    EmbeddingReply first = provider.embed(List.of("red apple", "green pear"));
    EmbeddingReply again = provider.embed(List.of("red apple"));

    assertEquals(2, first.vectors().size());
    assertEquals(32, first.vectors().get(0).length);
    assertEquals(List.of(first.vectors().get(0)[0]), List.of(again.vectors().get(0)[0]));
    provider.checkReady();
    assertEquals("GET", ollama.requests("/api/tags").get(0).method());
  }

  @Test
  void aQueuedFaultAlsoAnswersAnEmbedding() {
    ollama.enqueue(FakeReply.serverError(), FakeReply.text("kept for the chat"));

    assertThrows(TransientException.class, () -> provider.embed(List.of("x")));

    assertEquals(1, provider.embed(List.of("x")).vectors().size());
    assertEquals(1, ollama.remaining());
  }

  @Test
  void aModelThatIsNotPulledIsReportedAsOllamaDoes() {
    ollama.models();

    HardException chat =
        assertThrows(HardException.class, () -> provider.chat(ChatRequest.of("x")));
    HardException ready = assertThrows(HardException.class, provider::checkReady);

    assertEquals(404, chat.status());
    assertTrue(chat.getMessage().contains("ollama pull llama3.2"), chat.getMessage());
    assertTrue(ready.getMessage().contains("ollama pull llama3.2"), ready.getMessage());
  }

  @Test
  void pastTheQueueTheDispatcherAnswersAndByDefaultRefuses() {
    HardException e = assertThrows(HardException.class, () -> provider.chat(ChatRequest.of("x")));
    assertEquals(400, e.status());

    ollama.dispatch(request -> FakeReply.text("echo " + request.lastMessage("user").orElse("")));

    assertEquals("echo ping", provider.chat(ChatRequest.of("ping")).text());
  }

  @Test
  void answerEachPromptAnswersFromTheLastUserMessageWithItsTokenCount() {
    ollama.answerEachPrompt(prompt -> prompt.toUpperCase(java.util.Locale.ROOT), 9);

    ProviderReply reply = provider.chat(ChatRequest.of("sixteen chars ok"));

    assertEquals("SIXTEEN CHARS OK", reply.text());
    assertEquals(5, reply.usage().promptTokens());
    assertEquals(9, reply.usage().completionTokens());
    assertEquals(1, ollama.chatRequests().size());
    assertEquals(List.of(), ollama.requests("/api/embed"));
  }

  @Test
  void aDispatcherThatThrowsDropsTheConnection() {
    ollama.dispatch(
        request -> {
          throw new IllegalStateException("the test's dispatcher failed");
        });

    assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
    assertEquals(1, ollama.chatRequests().size());
  }
}
