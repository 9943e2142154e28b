package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.llm.internal.http.HttpSettings;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleProviderTest {
  static final String SSE = "text/event-stream";
  static final String CHUNK =
      "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
          + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[%s]%s}";
  static final String COMPLETION =
      """
      {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion",
       "created":1741569952,"model":"gpt-4o-mini-2024-07-18",
       "choices":[{"index":0,"message":{"role":"assistant",
         "content":"Hello! How can I assist you today?","refusal":null,"annotations":[]},
         "logprobs":null,"finish_reason":"stop"}],
       "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
         "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0}},
       "service_tier":"default"}""";

  private final ObjectMapper mapper = new ObjectMapper();
  private FakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LlmProvider provider() {
    return OpenAiCompatibleProvider.builder(server.uri(), "sk-test", "gpt-4o-mini")
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  static String chunk(String choice) {
    return String.format(CHUNK, choice, "");
  }

  static String delta(String delta, String finish) {
    return chunk(
        "{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}");
  }

  @Test
  void chatSendsBearerKeyAndReadsTextAndUsage() throws Exception {
    server.on("/v1/chat/completions", FakeServer.json(200, COMPLETION));
    ChatRequest request =
        ChatRequest.builder()
            .user("Hello")
            .temperature(0)
            .maxTokens(50)
            .responseFormat(
                ResponseFormat.jsonSchema("greeting", mapper.readTree("{\"type\":\"object\"}")))
            .build();

    ProviderReply reply = provider().chat(request);

    assertEquals("Hello! How can I assist you today?", reply.text());
    assertEquals(new Usage(19, 10), reply.usage());
    assertEquals("gpt-4o-mini-2024-07-18", reply.model());
    assertEquals("Bearer sk-test", server.requestHeaders().get(0).get("Authorization").get(0));
    JsonNode sent = mapper.readTree(server.lastBody());
    assertEquals(50, sent.get("max_completion_tokens").asInt());
    assertFalse(sent.has("max_tokens"), "the deprecated field is not sent");
    assertEquals("json_schema", sent.at("/response_format/type").asText());
    assertEquals("greeting", sent.at("/response_format/json_schema/name").asText());
    assertTrue(sent.at("/response_format/json_schema/strict").asBoolean());
  }

  @Test
  void aServerThatOnlyKnowsMaxTokensGetsIt() throws Exception {
    server.on("/v1/chat/completions", FakeServer.json(200, COMPLETION));
    OpenAiCompatibleProvider.builder(server.uri(), "sk-test", "gpt-4o-mini")
        .legacyMaxTokens(true)
        .build()
        .chat(ChatRequest.builder().user("Hello").maxTokens(50).build());

    JsonNode sent = mapper.readTree(server.lastBody());
    assertEquals(50, sent.get("max_tokens").asInt());
    assertFalse(sent.has("max_completion_tokens"));
  }

  @Test
  void aRefusalIsATypedOutcomeWithItsText() {
    server.on(
        "/v1/chat/completions",
        FakeServer.json(
            200,
            "{\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I'm sorry, I cannot help with that.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":8}}"));

    ProviderReply reply = provider().chat(ChatRequest.of("Hello"));

    assertEquals(FinishReason.REFUSAL, reply.finishReason());
    assertEquals("I'm sorry, I cannot help with that.", reply.text());
  }

  @Test
  void aStreamedRefusalIsATypedOutcomeWithItsText() {
    server.on(
        "/v1/chat/completions",
        FakeServer.lines(
            "text/event-stream",
            List.of(
                delta("{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"}", "null"),
                delta("{\"refusal\":\"I'm sorry, \"}", "null"),
                delta("{\"refusal\":\"I cannot.\"}", "null"),
                delta("{}", "\"stop\""),
                "data: [DONE]")));
    List<String> tokens = new ArrayList<>();

    ProviderReply reply =
        provider().stream(ChatRequest.of("Hello"), tokens::add, new Cancellation());

    assertEquals(FinishReason.REFUSAL, reply.finishReason());
    assertEquals("I'm sorry, I cannot.", reply.text());
    assertEquals(List.of("I'm sorry, ", "I cannot."), tokens);
  }

  @Test
  void toolCallArgumentsAreParsedFromTheirJsonString() throws Exception {
    server.on(
        "/v1/chat/completions",
        FakeServer.json(
            200,
            """
            {"id":"chatcmpl-abc123","object":"chat.completion","created":1699896916,
             "model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant",
             "content":null,"tool_calls":[{"id":"call_abc123","type":"function","function":{
             "name":"get_current_weather","arguments":"{\\n\\"location\\": \\"Boston, MA\\"\\n}"}}]},
             "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}}"""));

    ProviderReply reply = provider().chat(ChatRequest.of("weather"));

    assertEquals(FinishReason.TOOL_CALLS, reply.finishReason());
    assertEquals("call_abc123", reply.toolCalls().get(0).id());
    assertEquals("Boston, MA", reply.toolCalls().get(0).input().get("location").asText());
  }

  @Test
  void toolArgumentsThatDoNotParseAreAHardError() {
    server.on(
        "/v1/chat/completions",
        FakeServer.json(
            200,
            """
            {"id":"x","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,
             "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1",
             "type":"function","function":{"name":"search","arguments":"{\\"q\\": unquoted"}}]},
             "finish_reason":"tool_calls"}]}"""));
    HardException e = assertThrows(HardException.class, () -> provider().chat(ChatRequest.of("x")));
    assertTrue(e.getMessage().contains("search"), e.getMessage());
  }

  @Test
  void streamAssemblesTextToolCallDeltasAndTheUsageChunk() throws Exception {
    server.on(
        "/v1/chat/completions",
        FakeServer.lines(
            SSE,
            List.of(
                delta("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
                "",
                delta("{\"content\":\"Let me \"}", "null"),
                ": keep-alive",
                delta("{\"content\":\"check.\"}", "null"),
                delta(
                    "{\"tool_calls\":[{\"index\":0,\"id\":\"call_Dd\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_current_weather\",\"arguments\":\"\"}}]}",
                    "null"),
                delta(
                    "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"\"}}]}",
                    "null"),
                delta(
                    "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"location\"}}]}",
                    "null"),
                delta(
                    "{\"tool_calls\":[{\"index\":0,\"function\":"
                        + "{\"arguments\":\"\\\":\\\"Boston, MA\\\"}\"}}]}",
                    "null"),
                delta("{}", "\"tool_calls\""),
                String.format(
                    CHUNK,
                    "",
                    ",\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}"),
                "data: [DONE]")));
    List<String> tokens = new ArrayList<>();

    ProviderReply reply = provider().stream(ChatRequest.of("x"), tokens::add, new Cancellation());

    assertEquals(List.of("Let me ", "check."), tokens);
    assertEquals(FinishReason.TOOL_CALLS, reply.finishReason());
    assertEquals("call_Dd", reply.toolCalls().get(0).id());
    assertEquals("Boston, MA", reply.toolCalls().get(0).input().get("location").asText());
    assertEquals(new Usage(9, 12), reply.usage());
    JsonNode sent = mapper.readTree(server.lastBody());
    assertTrue(sent.at("/stream_options/include_usage").asBoolean());
  }

  @Test
  void embeddingsAreReturnedInInputOrder() {
    server.on(
        "/v1/embeddings",
        FakeServer.json(
            200,
            """
            {"object":"list","data":[
              {"object":"embedding","embedding":[0.5,0.6],"index":1},
              {"object":"embedding","embedding":[0.0023064255,-0.009327292],"index":0}],
             "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}"""));

    var reply = provider().embed(List.of("a", "b"));

    assertEquals(0.0023064255f, reply.vectors().get(0)[0]);
    assertEquals(0.5f, reply.vectors().get(1)[0]);
    assertEquals(8, reply.promptTokens());
  }

  @Test
  void badKeyIsHardAndSaysToCheckIt() {
    server.on(
        "/v1/chat/completions",
        FakeServer.json(
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: sk-abc.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));
    HardException e = assertThrows(HardException.class, () -> provider().chat(ChatRequest.of("x")));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("Incorrect API key"));
    assertTrue(e.getMessage().contains("check the API key"));
  }

  @Test
  void theApiKeyNeverAppearsInSettingsOrErrors() {
    HttpSettings settings =
        new HttpSettings(
            "openai",
            server.uri(),
            "gpt-4o-mini",
            "text-embedding-3-small",
            "sk-test",
            "Authorization",
            Map.of(),
            Map.of(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Set.of(),
            java.time.Clock.systemUTC());
    assertFalse(settings.toString().contains("sk-test"), settings.toString());
    assertTrue(settings.toString().contains("apiKey=[redacted]"), settings.toString());
    server.on(
        "/v1/chat/completions",
        FakeServer.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test\"}}"));
    HardException e = assertThrows(HardException.class, () -> provider().chat(ChatRequest.of("x")));
    assertFalse(e.getMessage().contains("sk-test"), e.getMessage());
  }

  @Test
  void unknownModelIsHard() {
    server.on(
        "/v1/chat/completions",
        FakeServer.json(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\"}}"));
    assertEquals(
        404,
        assertThrows(HardException.class, () -> provider().chat(ChatRequest.of("x"))).status());
  }

  @Test
  void tooManyRequestsHonoursAnHttpDateRetryAfter() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    server.on(
        "/v1/chat/completions",
        FakeServer.json(
            429, "{\"error\":{\"message\":\"Rate limit reached\"}}", Map.of("Retry-After", date)));
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> provider().chat(ChatRequest.of("x")));
    Duration wait = e.retryAfter().orElseThrow();
    assertTrue(wait.getSeconds() > 20 && wait.getSeconds() <= 30, wait.toString());
  }

  @Test
  void retryAfterDatesAreReadAgainstTheInjectedClock() {
    ZonedDateTime now = ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30));
    server.on(
        "/v1/chat/completions",
        FakeServer.json(
            429, "{\"error\":{\"message\":\"Rate limit reached\"}}", Map.of("Retry-After", date)));
    LlmProvider provider =
        OpenAiCompatibleProvider.builder(server.uri(), "sk-test", "gpt-4o-mini")
            .clock(Clock.fixed(now.toInstant(), ZoneOffset.UTC))
            .build();
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> provider.chat(ChatRequest.of("x")));
    assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
  }

  @Test
  void serverErrorIsTransient() {
    server.on(
        "/v1/chat/completions", FakeServer.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
    assertThrows(TransientException.class, () -> provider().chat(ChatRequest.of("x")));
  }

  @Test
  void aStreamThatEndsAfterItsFinishReasonWithoutDoneKeepsItsToolCall() {
    server.on(
        "/v1/chat/completions",
        FakeServer.lines(
            SSE,
            List.of(
                delta(
                    "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"search\",\"arguments\":\"{}\"}}]}",
                    "null"),
                delta("{}", "\"tool_calls\""))));

    ProviderReply reply = provider().stream(ChatRequest.of("x"), t -> {}, new Cancellation());

    assertEquals(FinishReason.TOOL_CALLS, reply.finishReason());
    assertEquals("search", reply.toolCalls().get(0).toolId());
  }

  @Test
  void aStreamThatEndsWithDoneButNoFinishReasonStoppedNormally() {
    server.on(
        "/v1/chat/completions",
        FakeServer.lines(SSE, List.of(delta("{\"content\":\"Hi\"}", "null"), "data: [DONE]")));
    ProviderReply reply = provider().stream(ChatRequest.of("x"), t -> {}, new Cancellation());
    assertEquals(FinishReason.STOP, reply.finishReason());
    assertEquals("Hi", reply.text());
  }

  @Test
  void streamWithoutFinishOrDoneIsTransient() {
    server.on(
        "/v1/chat/completions",
        FakeServer.lines(SSE, List.of(delta("{\"content\":\"Hel\"}", "null"))));
    List<String> tokens = new ArrayList<>();
    assertThrows(
        TransientException.class,
        () -> provider().stream(ChatRequest.of("x"), tokens::add, new Cancellation()));
    assertEquals(List.of("Hel"), tokens);
  }

  @Test
  void connectionResetMidStreamIsTransient() throws Exception {
    try (DroppingServer dropping =
        new DroppingServer(SSE, delta("{\"content\":\"Hel\"}", "null") + "\n\n")) {
      LlmProvider provider = OpenAiCompatibleProvider.of(dropping.uri(), "", "m");
      assertThrows(
          TransientException.class,
          () -> provider.stream(ChatRequest.of("x"), t -> {}, new Cancellation()));
    }
  }

  @Test
  void serverThatNeverAnswersTimesOut() {
    server.on("/v1/chat/completions", server.hang());
    LlmProvider provider =
        OpenAiCompatibleProvider.builder(server.uri(), "", "m")
            .requestTimeout(Duration.ofMillis(200))
            .build();
    assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
  }

  @Test
  void aBaseWithAPathIsUsedAsIs() throws Exception {
    server.on("/openai/v1/chat/completions", FakeServer.json(200, COMPLETION));
    LlmProvider provider =
        OpenAiCompatibleProvider.of(server.uri().resolve("/openai/v1"), "", "gpt-4o-mini");
    assertEquals("Hello! How can I assist you today?", provider.chat(ChatRequest.of("x")).text());
    assertTrue(server.requestHeaders().get(0).get("Authorization") == null);
  }
}
