package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.HardException;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link FakeOllama} puts on the wire, read with a plain HTTP client and the real provider.
 */
class FakeOllamaWireTest extends FakeOllamaFixture {
  @Test
  void aStreamIsNdjsonTextInPiecesThenOneDoneLine() throws Exception {
    ollama.enqueue(FakeReply.text("abcdefgh").withUsage(7, 5));

    HttpResponse<String> response = post("/api/chat", "{\"model\":\"llama3.2\"}");

    assertEquals(
        "application/x-ndjson", response.headers().firstValue("content-type").orElseThrow());
    assertTrue(response.headers().firstValue("content-length").isEmpty(), "a stream is chunked");
    List<JsonNode> lines = RawHttp.lines(response.body());
    assertEquals(
        List.of("abcd", "efgh", ""), lines.stream().map(FakeOllamaWireTest::content).toList());
    assertFalse(lines.get(1).path("done").asBoolean());
    JsonNode done = lines.get(2);
    assertTrue(done.path("done").asBoolean());
    assertEquals("stop", done.path("done_reason").asText());
    assertEquals(7, done.path("prompt_eval_count").asInt());
    assertEquals(5, done.path("eval_count").asInt());
    assertEquals("llama3.2", done.path("model").asText());
  }

  @Test
  void streamedToolCallsArriveInTheirOwnLineWithObjectArguments() {
    ollama.enqueue(FakeReply.toolCall("fs.read", "{\"path\":\"notes.md\"}"));

    ProviderReply reply = provider.stream(ChatRequest.of("x"), token -> {}, new Cancellation());

    assertEquals("fs.read", reply.toolCalls().get(0).toolId());
    assertEquals("notes.md", reply.toolCalls().get(0).input().path("path").asText());
  }

  @Test
  void argumentsAreAnObjectWhenTheyParseAndTextOtherwise() throws Exception {
    ollama.enqueue(
        FakeReply.toolCall("fs.read", "{\"path\":\"notes.md\"}"),
        FakeReply.toolCall("shell", "ls -la"),
        FakeReply.toolCall("noop", ""));

    JsonNode object = arguments();
    JsonNode text = arguments();
    JsonNode empty = arguments();

    assertEquals("notes.md", object.path("path").asText());
    assertEquals("ls -la", text.textValue());
    assertEquals("", empty.textValue(), "empty arguments are text as documented, not null");
  }

  @Test
  void aLengthLimitedAnswerIsDoneForLength() {
    ollama.enqueue(FakeReply.text("cut short").withLengthLimit(), FakeReply.text("whole"));

    assertEquals(FinishReason.LENGTH, provider.chat(ChatRequest.of("x")).finishReason());
    assertEquals(FinishReason.STOP, provider.chat(ChatRequest.of("x")).finishReason());
  }

  @Test
  void embedsOneStringInputAndCountsAboutOneTokenPerFourCharacters() throws Exception {
    JsonNode one =
        RawHttp.json(post("/api/embed", "{\"model\":\"llama3.2\",\"input\":\"red apple\"}").body());

    assertEquals(1, one.path("embeddings").size());
    assertEquals(32, one.path("embeddings").get(0).size());
    assertEquals(2, one.path("prompt_eval_count").asInt());
    assertEquals(4, provider.embed(List.of("twelve chars", "x")).promptTokens());
  }

  @Test
  void aQueuedErrorAnswersAnEmbeddingWithItsStatus() {
    ollama.enqueue(FakeReply.error(400, "input too long"));

    HardException e = assertThrows(HardException.class, () -> provider.embed(List.of("x")));

    assertEquals(400, e.status());
    assertEquals(0, ollama.remaining());
  }

  @Test
  void anAnswerCutAfterItsOnlyPieceStillDropsTheConnection() {
    ollama.enqueue(FakeReply.text("whole body").withDisconnectAfter(1));
    ollama.enqueue(FakeReply.text("no body").withDisconnectAfter(0));

    assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
    assertThrows(TransientException.class, () -> provider.embed(List.of("x")));
    assertEquals(0, ollama.remaining());
  }

  @Test
  void showsAToolCapableModelAndAnswersUnknownPathsWith404() throws Exception {
    JsonNode show = RawHttp.json(post("/api/show", "{\"model\":\"llama3.2\"}").body());
    HttpResponse<String> unknown = RawHttp.get(ollama.uri().resolve("/api/nothing"));

    assertEquals(131_072, show.path("model_info").path("llama.context_length").asInt());
    assertTrue(show.path("capabilities").toString().contains("\"tools\""), show::toString);
    assertEquals(404, unknown.statusCode());
    assertEquals("no route for /api/nothing", RawHttp.json(unknown.body()).path("error").asText());
  }

  @Test
  void enqueuedTextsAnswerInOrder() {
    ollama.enqueueTexts("first", "second");

    assertEquals("first", provider.chat(ChatRequest.of("x")).text());
    assertEquals("second", provider.chat(ChatRequest.of("x")).text());
  }

  @Test
  void requestsAreServedInParallel() throws Exception {
    CountDownLatch bothArrived = new CountDownLatch(2);
    ollama.dispatch(
        request -> {
          bothArrived.countDown();
          return awaitQuietly(bothArrived)
              ? FakeReply.text("together")
              : FakeReply.error(500, "served one at a time");
        });

    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(() -> provider.chat(ChatRequest.of("a")).text());
    String second = provider.chat(ChatRequest.of("b")).text();

    assertEquals("together", second);
    assertEquals("together", first.get());
  }

  @Test
  void closingEndsAPendingDelayAndReleasesThePort() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    ollama.dispatch(
        request -> {
          arrived.countDown();
          return FakeReply.text("late").withFirstByteDelay(java.time.Duration.ofDays(1));
        });
    CompletableFuture<String> pending =
        CompletableFuture.supplyAsync(() -> provider.chat(ChatRequest.of("x")).text());
    arrived.await();

    ollama.close();

    ExecutionException e = assertThrows(ExecutionException.class, pending::get);
    assertTrue(e.getCause() instanceof TransientException, e::toString);
    assertThrows(IOException.class, () -> RawHttp.get(ollama.uri().resolve("/api/tags")));
    URI uri = ollama.uri();
    assertThrows(
        java.net.ConnectException.class,
        () -> new java.net.Socket(uri.getHost(), uri.getPort()).close(),
        "the port is released");
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    URI uri = ollama.uri().resolve(path);
    return RawHttp.post(uri, json);
  }

  private JsonNode arguments() throws Exception {
    String body = post("/api/chat", "{\"model\":\"llama3.2\",\"stream\":false}").body();
    JsonNode call = RawHttp.json(body).path("message").path("tool_calls").get(0);
    return call.path("function").path("arguments");
  }

  private static String content(JsonNode line) {
    return line.path("message").path("content").asText();
  }

  // Bounded so that a server serving one request at a time fails the test instead of hanging it.
  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
