package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link FakeOpenAi} puts on the wire, read with a plain HTTP client. */
class FakeOpenAiWireTest {
  private static final String ARGS = "{\"query\":\"olympus sdk\"}";

  private final FakeOpenAi openAi = FakeOpenAi.start();

  @AfterEach
  void close() {
    openAi.close();
  }

  @Test
  void aWholeToolCallHasNullContentAnIdAndTheTotalTokens() throws Exception {
    openAi.enqueue(FakeReply.toolCall("search", ARGS).withUsage(3, 4));

    HttpResponse<String> response = chat("{\"model\":\"gpt-4o-mini\"}");

    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals(
        response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
        response.headers().firstValueAsLong("content-length").orElseThrow());
    JsonNode body = RawHttp.json(response.body());
    assertEquals("chat.completion", body.path("object").asText());
    assertEquals("gpt-4o-mini", body.path("model").asText());
    JsonNode choice = body.path("choices").get(0);
    assertTrue(choice.path("message").path("content").isNull());
    JsonNode call = choice.path("message").path("tool_calls").get(0);
    assertEquals("call_0_search", call.path("id").asText());
    assertEquals("function", call.path("type").asText());
    assertEquals("search", call.path("function").path("name").asText());
    assertEquals(ARGS, call.path("function").path("arguments").asText());
    assertEquals("tool_calls", choice.path("finish_reason").asText());
    assertEquals(7, body.path("usage").path("total_tokens").asInt());
  }

  @Test
  void aWholeAnswerKeepsItsTextBesideToolCallsAndHasNoneWithout() throws Exception {
    openAi.enqueue(
        FakeReply.text("Let me look").withToolCall("search", ARGS),
        FakeReply.text(""),
        FakeReply.text("cut").withLengthLimit());

    JsonNode both = message(chat("{\"stream\":false}"));
    JsonNode empty = message(chat("{}"));
    JsonNode capped = RawHttp.json(chat("{}").body()).path("choices").get(0);

    assertEquals("Let me look", both.path("content").asText());
    assertEquals(1, both.path("tool_calls").size());
    assertEquals("", empty.path("content").textValue());
    assertTrue(empty.path("tool_calls").isMissingNode(), empty::toString);
    assertEquals("length", capped.path("finish_reason").asText());
    assertEquals("cut", capped.path("message").path("content").asText());
  }

  @Test
  void aStreamSendsContentDeltasToolCallHalvesTheFinishAndTheUsageChunk() throws Exception {
    openAi.enqueue(FakeReply.text("Let me look").withToolCall("search", ARGS).withUsage(5, 6));

    HttpResponse<String> response =
        chat("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

    assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
    assertTrue(response.headers().firstValue("content-length").isEmpty(), "a stream is chunked");
    List<String> events = RawHttp.events(response.body());
    assertEquals("[DONE]", events.get(events.size() - 1));
    List<JsonNode> chunks =
        events.subList(0, events.size() - 1).stream().map(RawHttp::json).toList();
    chunks.forEach(c -> assertEquals("chat.completion.chunk", c.path("object").asText()));
    StringBuilder text = new StringBuilder();
    StringBuilder arguments = new StringBuilder();
    List<JsonNode> calls = new java.util.ArrayList<>();
    for (JsonNode chunk : chunks.subList(0, chunks.size() - 2)) {
      JsonNode delta = chunk.path("choices").get(0).path("delta");
      if (delta.has("content")) {
        assertFalse(delta.path("content").asText().isEmpty(), "no empty content delta");
        text.append(delta.path("content").asText());
      } else {
        JsonNode call = delta.path("tool_calls").get(0);
        calls.add(call);
        arguments.append(call.path("function").path("arguments").asText());
      }
    }
    assertEquals("Let me look", text.toString());
    assertEquals(ARGS, arguments.toString());
    assertEquals(2, calls.size());
    assertEquals("call_0_search", calls.get(0).path("id").asText());
    assertEquals("search", calls.get(0).path("function").path("name").asText());
    assertFalse(calls.get(1).has("id"), "only the first delta of a call names it");
    assertFalse(calls.get(1).path("function").has("name"));
    JsonNode finish = chunks.get(chunks.size() - 2).path("choices").get(0);
    assertEquals("tool_calls", finish.path("finish_reason").asText());
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertEquals(0, usage.path("choices").size());
    assertEquals(11, usage.path("usage").path("total_tokens").asInt());
  }

  @Test
  void aPlainStreamFinishesWithStopAndSendsNoUsageUnlessAsked() throws Exception {
    openAi.enqueue(FakeReply.text("abcdefgh"), FakeReply.text("abcd").withLengthLimit());

    List<String> plain = RawHttp.events(chat("{\"stream\":true}").body());
    List<String> capped = RawHttp.events(chat("{\"stream\":true}").body());

    assertEquals(4, plain.size(), plain::toString); // two deltas, the finish, [DONE]
    assertEquals(finishReason(plain), "stop");
    assertEquals(finishReason(capped), "length");
    assertTrue(RawHttp.json(plain.get(2)).path("usage").isMissingNode());
  }

  @Test
  void errorsCarryOpenAisTypeAndCode() throws Exception {
    openAi.enqueue(
        FakeReply.error(400, "bad request"),
        FakeReply.rateLimited(Duration.ofMillis(1500)),
        FakeReply.serverError(),
        FakeReply.error(503, "overloaded"));

    HttpResponse<String> bad = chat("{}");
    HttpResponse<String> limited = chat("{}");
    HttpResponse<String> failed = chat("{}");
    HttpResponse<String> overloaded = chat("{}");

    assertEquals(400, bad.statusCode());
    assertError(bad, "invalid_request_error", null, "bad request");
    assertEquals(429, limited.statusCode());
    assertEquals("2", limited.headers().firstValue("retry-after").orElseThrow(), "rounded up");
    assertError(limited, "requests", "rate_limit_exceeded", "rate limit reached");
    assertError(failed, "server_error", null, "internal server error");
    assertEquals(503, overloaded.statusCode());
    assertError(overloaded, "server_error", null, "overloaded");
  }

  @Test
  void listsItsModelAndAnswersUnknownPathsWith404() throws Exception {
    JsonNode models = RawHttp.json(RawHttp.get(openAi.v1().resolve("/v1/models")).body());
    HttpResponse<String> unknown = RawHttp.get(openAi.uri().resolve("/v1/nothing"));

    assertEquals("list", models.path("object").asText());
    assertEquals("gpt-4o-mini", models.path("data").get(0).path("id").asText());
    assertEquals("model", models.path("data").get(0).path("object").asText());
    assertEquals(404, unknown.statusCode());
    assertEquals(
        "no route for /v1/nothing",
        RawHttp.json(unknown.body()).path("error").path("message").asText());
  }

  private HttpResponse<String> chat(String json) throws Exception {
    URI uri = openAi.uri().resolve("/v1/chat/completions");
    return RawHttp.post(uri, json);
  }

  private static JsonNode message(HttpResponse<String> response) {
    return RawHttp.json(response.body()).path("choices").get(0).path("message");
  }

  private static String finishReason(List<String> events) {
    JsonNode finish = RawHttp.json(events.get(events.size() - 2));
    return finish.path("choices").get(0).path("finish_reason").asText();
  }

  private static void assertError(
      HttpResponse<String> response, String type, String code, String message) {
    JsonNode error = RawHttp.json(response.body()).path("error");
    assertEquals(message, error.path("message").asText());
    assertEquals(type, error.path("type").asText());
    assertEquals(code, error.path("code").textValue());
    assertTrue(error.path("param").isNull());
  }
}
