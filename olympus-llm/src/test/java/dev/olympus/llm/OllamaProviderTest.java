package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OllamaProviderTest {
  static final String NDJSON = "application/x-ndjson";
  static final String CHAT =
      """
      {"model":"llama3.2","created_at":"2023-12-12T14:13:43.416799Z",
       "message":{"role":"assistant","content":"Hello! How are you today?"},
       "done_reason":"stop","done":true,"total_duration":5191566416,"load_duration":2154458,
       "prompt_eval_count":26,"prompt_eval_duration":383809000,"eval_count":298,
       "eval_duration":4799921000}""";
  static final List<String> STREAM =
      List.of(
          "{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\","
              + "\"message\":{\"role\":\"assistant\",\"content\":\"The\"},\"done\":false}",
          "{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\","
              + "\"message\":{\"role\":\"assistant\",\"content\":\" sky\"},\"done\":false}",
          "{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T19:22:45.499127Z\","
              + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
              + "\"done_reason\":\"stop\",\"total_duration\":4883583458,\"load_duration\":1334875,"
              + "\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,"
              + "\"eval_count\":282,\"eval_duration\":4535599000}");

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
    return OllamaProvider.builder(server.uri(), "llama3.2")
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void chatSendsTheDocumentedRequestAndReadsTextAndUsage() throws Exception {
    server.on("/api/chat", FakeServer.json(200, CHAT));
    ChatRequest request =
        ChatRequest.builder()
            .system("Be brief.")
            .user("Hi")
            .temperature(0.2)
            .maxTokens(64)
            .responseFormat(ResponseFormat.json())
            .build();

    ProviderReply reply = provider().chat(request);

    assertEquals("Hello! How are you today?", reply.text());
    assertEquals(new Usage(26, 298), reply.usage());
    assertEquals(FinishReason.STOP, reply.finishReason());
    JsonNode sent = mapper.readTree(server.lastBody());
    assertEquals("llama3.2", sent.get("model").asText());
    assertFalse(sent.get("stream").asBoolean());
    assertEquals("system", sent.at("/messages/0/role").asText());
    assertEquals("Hi", sent.at("/messages/1/content").asText());
    assertEquals(0.2, sent.at("/options/temperature").asDouble());
    assertEquals(64, sent.at("/options/num_predict").asInt());
    assertEquals("json", sent.get("format").asText());
  }

  @Test
  void toolCallArgumentsArriveAsAnObject() throws Exception {
    server.on(
        "/api/chat",
        FakeServer.json(
            200,
            """
            {"model":"llama3.2","created_at":"2024-07-22T20:33:28.123648Z",
             "message":{"role":"assistant","content":"","tool_calls":[{"function":{
               "name":"get_current_weather",
               "arguments":{"format":"celsius","location":"Paris, FR"}}}]},
             "done_reason":"stop","done":true,"prompt_eval_count":122,"eval_count":33}"""));
    JsonNode tool =
        mapper.readTree(
            "{\"type\":\"function\",\"function\":{\"name\":\"get_current_weather\","
                + "\"parameters\":{\"type\":\"object\"}}}");

    ProviderReply reply =
        provider().chat(ChatRequest.builder().user("Weather?").tool(tool).build());

    assertEquals(FinishReason.TOOL_CALLS, reply.finishReason());
    ToolCall call = reply.toolCalls().get(0);
    assertEquals("get_current_weather", call.toolId());
    assertEquals("Paris, FR", call.input().get("location").asText());
    assertEquals("call_0", call.id());
    assertEquals(
        "get_current_weather",
        mapper.readTree(server.lastBody()).at("/tools/0/function/name").asText());
  }

  @Test
  void toolResultsAreSentBackWithTheToolName() throws Exception {
    server.on("/api/chat", FakeServer.json(200, CHAT));
    ToolCall call = new ToolCall("call_0", "clock", mapper.readTree("{}"));
    provider()
        .chat(
            ChatRequest.builder()
                .user("time?")
                .message(ChatMessage.assistant("", List.of(call)))
                .message(ChatMessage.toolResult(call, "12:00"))
                .build());
    JsonNode sent = mapper.readTree(server.lastBody());
    assertEquals("clock", sent.at("/messages/1/tool_calls/0/function/name").asText());
    assertEquals("tool", sent.at("/messages/2/role").asText());
    assertEquals("clock", sent.at("/messages/2/tool_name").asText());
  }

  @Test
  void streamDeliversTokensInOrderAndUsageFromTheLastLine() throws Exception {
    server.on("/api/chat", FakeServer.lines(NDJSON, STREAM));
    List<String> tokens = new ArrayList<>();

    ProviderReply reply =
        provider().stream(ChatRequest.of("Why?"), tokens::add, new Cancellation());

    assertEquals(List.of("The", " sky"), tokens);
    assertEquals("The sky", reply.text());
    assertEquals(new Usage(26, 282), reply.usage());
    assertTrue(mapper.readTree(server.lastBody()).get("stream").asBoolean());
  }

  @Test
  void aStreamPastTheCapIsCutThereAndNotReadFurther() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      lines.add("{\"message\":{\"content\":\"abc\"},\"done\":false}");
    }
    lines.add("{\"message\":{\"content\":\"\"},\"done\":true,\"eval_count\":1000}");
    server.on("/api/chat", FakeServer.lines(NDJSON, lines));
    List<String> tokens = new ArrayList<>();

    ProviderReply reply =
        provider().stream(
            ChatRequest.builder().user("Why?").maxTokens(5).build(),
            tokens::add,
            new Cancellation());

    assertEquals(FinishReason.LENGTH, reply.finishReason());
    assertEquals("abc".repeat(5), reply.text(), "five tokens of three characters");
    assertEquals(Collections.nCopies(5, "abc"), tokens, "no empty piece past the cap");
    assertEquals(5, reply.usage().completionTokens(), "what was read, by estimate");
  }

  static String piece(String content) {
    return "{\"message\":{\"content\":\"" + content + "\"},\"done\":false}";
  }

  static final String DONE =
      "{\"message\":{\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
          + "\"prompt_eval_count\":4,\"eval_count\":5}";

  static ChatRequest capped(int maxTokens) {
    return ChatRequest.builder().user("Why?").maxTokens(maxTokens).build();
  }

  @Test
  void aStreamExactlyAtTheCapIsWholeAndEndsAsTheServerSays() {
    List<String> lines = new ArrayList<>(Collections.nCopies(5, piece("abc")));
    lines.add(DONE);
    server.on("/api/chat", FakeServer.lines(NDJSON, lines));

    ProviderReply reply = provider().stream(capped(5), t -> {}, new Cancellation());

    assertEquals(FinishReason.STOP, reply.finishReason());
    assertEquals("abc".repeat(5), reply.text());
    assertEquals(new Usage(4, 5), reply.usage(), "the server's count");
  }

  @Test
  void theCapNeverSplitsASurrogatePairAndAPairSplitAcrossLinesArrivesWhole() {
    server.on("/api/chat", FakeServer.lines(NDJSON, List.of(piece("ab\\ud83d\\ude00"), DONE)));
    ProviderReply cut = provider().stream(capped(1), t -> {}, new Cancellation());
    assertEquals(FinishReason.LENGTH, cut.finishReason());
    assertEquals("ab", cut.text(), "three characters fit, but not half of the emoji");

    server.on(
        "/api/chat", FakeServer.lines(NDJSON, List.of(piece("ab\\ud83d"), piece("\\ude00"), DONE)));
    ProviderReply whole = provider().stream(capped(100), t -> {}, new Cancellation());
    assertEquals("ab\ud83d\ude00", whole.text());
  }

  @Test
  void theServersDoneReasonIsTheFinishReason() {
    server.on("/api/chat", FakeServer.json(200, CHAT.replace("\"stop\"", "\"length\"")));
    assertEquals(FinishReason.LENGTH, provider().chat(ChatRequest.of("x")).finishReason());
  }

  @Test
  void aToolCallEndsTheAnswerAsToolCallsWhateverTheDoneReason() {
    server.on(
        "/api/chat",
        FakeServer.json(
            200,
            "{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":"
                + "{\"name\":\"search\",\"arguments\":{\"q\":\"olives\"}}}]},"
                + "\"done\":true,\"done_reason\":\"stop\"}"));
    ProviderReply reply = provider().chat(ChatRequest.of("x"));
    assertEquals(FinishReason.TOOL_CALLS, reply.finishReason());
    assertEquals("search", reply.toolCalls().get(0).toolId());
  }

  @Test
  void aStreamCutAtTheCapDropsTheConnection() throws Exception {
    CountDownLatch dropped = new CountDownLatch(1);
    server.on("/api/chat", FakeServer.endless(NDJSON, List.of(), piece("abc"), dropped));

    ProviderReply reply = provider().stream(capped(5), t -> {}, new Cancellation());

    assertEquals(FinishReason.LENGTH, reply.finishReason());
    assertTrue(dropped.await(1, TimeUnit.MINUTES), "the server stops generating");
  }

  @Test
  void aStreamThatEndsAtItsDoneLineDropsWhateverFollows() throws Exception {
    CountDownLatch dropped = new CountDownLatch(1);
    server.on("/api/chat", FakeServer.endless(NDJSON, STREAM, "", dropped));

    ProviderReply reply = provider().stream(ChatRequest.of("Why?"), t -> {}, new Cancellation());

    assertEquals("The sky", reply.text());
    assertTrue(dropped.await(1, TimeUnit.MINUTES), "the connection is not left open");
  }

  @Test
  void embedReadsOneVectorPerInput() throws Exception {
    server.on(
        "/api/embed",
        FakeServer.json(
            200,
            """
            {"model":"all-minilm","embeddings":[[0.010071029,-0.0017594862,0.05007221],
             [-0.0098027075,0.06042469,0.025257962]],"total_duration":14143917,
             "load_duration":1019500,"prompt_eval_count":8}"""));
    LlmProvider embedder =
        OllamaProvider.builder(server.uri(), "llama3.2").embeddingModel("all-minilm").build();

    var reply = embedder.embed(List.of("Why is the sky blue?", "Why is the grass green?"));

    assertEquals(2, reply.vectors().size());
    assertEquals(-0.0017594862f, reply.vectors().get(0)[1]);
    assertEquals(8, reply.promptTokens());
    JsonNode sent = mapper.readTree(server.lastBody());
    assertEquals("all-minilm", sent.get("model").asText());
    assertEquals(2, sent.get("input").size());
  }

  @Test
  void modelNotPulledTellsTheUserToPullIt() {
    server.on(
        "/api/chat",
        FakeServer.json(404, "{\"error\":\"model 'llama3.2' not found, try pulling it first\"}"));

    assertHard(404, "ollama pull llama3.2", () -> provider().chat(ChatRequest.of("x")));
  }

  /** Asserts that {@code call} fails as a hard error with {@code status} and {@code words}. */
  private static void assertHard(int status, String words, Executable call) {
    HardException e = assertThrows(HardException.class, call);
    assertEquals(status, e.status());
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  @Test
  void checkReadyUsesTagsToSeeWhetherTheModelIsPulled() {
    server.on(
        "/api/tags",
        FakeServer.json(200, "{\"models\":[{\"name\":\"qwen2.5:7b\",\"model\":\"qwen2.5:7b\"}]}"));
    HardException missing = assertThrows(HardException.class, () -> provider().checkReady());
    assertTrue(missing.getMessage().contains("ollama pull llama3.2"));

    server.on(
        "/api/tags",
        FakeServer.json(
            200, "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"}]}"));
    provider().checkReady();
  }

  @Test
  void badRequestIsHard() {
    server.on("/api/chat", FakeServer.json(400, "{\"error\":\"invalid options\"}"));
    HardException e = assertThrows(HardException.class, () -> provider().chat(ChatRequest.of("x")));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("invalid options"));
  }

  @Test
  void tooManyRequestsCarriesRetryAfterSeconds() {
    server.on(
        "/api/chat", FakeServer.json(429, "{\"error\":\"busy\"}", Map.of("Retry-After", "7")));
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> provider().chat(ChatRequest.of("x")));
    assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    assertTrue(e.retryable());
  }

  @Test
  void serverErrorIsTransient() {
    server.on("/api/chat", FakeServer.json(500, "{\"error\":\"llama runner crashed\"}"));
    TransientException e =
        assertThrows(TransientException.class, () -> provider().chat(ChatRequest.of("x")));
    assertTrue(e.getMessage().contains("llama runner crashed"));
  }

  @Test
  void errorLineMidStreamIsTransient() {
    server.on(
        "/api/chat",
        FakeServer.lines(NDJSON, List.of(STREAM.get(0), "{\"error\":\"out of memory\"}")));
    assertThrows(
        TransientException.class,
        () -> provider().stream(ChatRequest.of("x"), t -> {}, new Cancellation()));
  }

  @Test
  void streamThatEndsBeforeDoneIsTransient() {
    server.on("/api/chat", FakeServer.lines(NDJSON, STREAM.subList(0, 2)));
    TransientException e =
        assertThrows(
            TransientException.class,
            () -> provider().stream(ChatRequest.of("x"), t -> {}, new Cancellation()));
    assertTrue(e.getMessage().contains("ended before"), e.getMessage());
  }

  @Test
  void connectionResetMidStreamIsTransient() throws Exception {
    try (DroppingServer dropping = new DroppingServer(NDJSON, STREAM.get(0) + "\n")) {
      LlmProvider provider = OllamaProvider.at(dropping.uri(), "llama3.2");
      List<String> tokens = new ArrayList<>();
      assertThrows(
          TransientException.class,
          () -> provider.stream(ChatRequest.of("x"), tokens::add, new Cancellation()));
    }
  }

  /** A chat with a 200 ms request timeout, which must fail with the timeout's message. */
  private LlmProvider timesOut() {
    LlmProvider provider =
        OllamaProvider.builder(server.uri(), "llama3.2")
            .requestTimeout(Duration.ofMillis(200))
            .build();
    TransientException e =
        assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
    assertTrue(e.getMessage().contains("no answer within PT0.2S"), e.getMessage());
    return provider;
  }

  @Test
  void serverThatNeverAnswersTimesOut() {
    server.on("/api/chat", server.hang());
    LlmProvider provider = timesOut();
    assertThrows(
        TransientException.class,
        () -> provider.stream(ChatRequest.of("x"), t -> {}, new Cancellation()));
  }

  @Test
  void anAnswerWhoseBodyStallsAfterTheHeadersTimesOut() {
    server.on("/api/chat", server.stall("application/json", List.of("{\"model\":\"llama3.2\",")));
    timesOut();
  }

  @Test
  void anInterruptWhileTheBodyIsReadCancelsTheCall() throws Exception {
    CountDownLatch headersSent = new CountDownLatch(1);
    FakeServer.Reply stall = server.stall("application/json", List.of("{"));
    server.on(
        "/api/chat",
        exchange -> {
          headersSent.countDown();
          stall.answer(exchange);
        });
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                headersSent.await();
                Thread.sleep(50); // let the caller reach the body wait
              } catch (InterruptedException e) {
                return;
              }
              caller.interrupt();
            });
    interrupter.start();
    try {
      CancelledException e =
          assertThrows(CancelledException.class, () -> provider().chat(ChatRequest.of("x")));
      assertTrue(Thread.interrupted(), "the interrupt flag stays set");
      assertFalse(e.retryable());
    } finally {
      interrupter.join();
      Thread.interrupted();
    }
  }

  @Test
  void cancellingAStalledStreamReturnsThePartialAnswer() {
    server.on("/api/chat", server.stall(NDJSON, STREAM.subList(0, 1)));
    Cancellation cancel = new Cancellation();

    ProviderReply reply = provider().stream(ChatRequest.of("x"), token -> cancel.cancel(), cancel);

    assertEquals(FinishReason.CANCELLED, reply.finishReason());
    assertEquals("The", reply.text());
  }

  @Test
  void refusedConnectionIsTransient() throws Exception {
    java.net.URI closed = server.uri();
    server.close();
    LlmProvider provider = OllamaProvider.at(closed, "llama3.2");
    assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
  }

  @Test
  void aRefusedStreamIsReportedAsRefusedAtOnceNotAtTheTimeout() {
    java.net.URI closed = server.uri();
    server.close();
    LlmProvider provider =
        OllamaProvider.builder(closed, "llama3.2").requestTimeout(Duration.ofMinutes(5)).build();
    TransientException refused =
        assertThrows(
            TransientException.class,
            () -> provider.stream(ChatRequest.of("x"), t -> {}, new Cancellation()));
    assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());
  }

  @Test
  void aWholeAnswerCutMidBodyIsAConnectionFailureNotATimeout() throws Exception {
    try (DroppingServer dropping = new DroppingServer("application/json", "{\"message\":")) {
      LlmProvider provider = OllamaProvider.at(dropping.uri(), "llama3.2");
      TransientException cut =
          assertThrows(TransientException.class, () -> provider.chat(ChatRequest.of("x")));
      assertTrue(cut.getMessage().startsWith("connection failed"), cut.getMessage());
    }
  }

  @Test
  void aStreamRefusedWithAnErrorBodyReportsTheServersWords() {
    server.on(
        "/api/chat",
        FakeServer.json(400, "{\"error\":\"invalid options: num_ctx must be positive\"}"));
    assertHard(
        400,
        "num_ctx must be positive",
        () -> provider().stream(ChatRequest.of("x"), t -> {}, new Cancellation()));
  }

  @Test
  void cancellingBeforeTheHeadersAbortsTheExchangeAtOnce() throws Exception {
    try (HoldingServer holding = new HoldingServer("")) {
      LlmProvider provider =
          OllamaProvider.builder(holding.uri(), "llama3.2")
              .requestTimeout(Duration.ofMinutes(5))
              .build();
      Cancellation cancel = new Cancellation();
      Thread canceller =
          new Thread(
              () -> {
                try {
                  holding.awaitRequest();
                  cancel.cancel();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      canceller.start();
      ProviderReply reply = provider.stream(ChatRequest.of("x"), t -> {}, cancel);
      canceller.join();
      assertEquals(FinishReason.CANCELLED, reply.finishReason());
      assertTrue(holding.dropped(), "the connection is dropped, not left to the request timeout");
    }
  }

  @Test
  void streamThatStallsHitsTheIdleTimeoutAndGivesItsConnectionUp() throws Exception {
    try (HoldingServer holding =
        new HoldingServer(HoldingServer.streaming(NDJSON, STREAM.get(0)))) {
      LlmProvider provider =
          OllamaProvider.builder(holding.uri(), "llama3.2")
              .streamIdleTimeout(Duration.ofMillis(200))
              .build();
      TransientException e =
          assertThrows(
              TransientException.class,
              () -> provider.stream(ChatRequest.of("x"), t -> {}, new Cancellation()));
      assertTrue(e.getMessage().contains("stalled"), e.getMessage());
      assertTrue(holding.dropped(), "the stalled connection is closed");
    }
  }

  @Test
  void anInterruptWhileAStreamIsReadCancelsItKeepsTheInterruptAndDropsTheConnection()
      throws Exception {
    try (HoldingServer holding =
        new HoldingServer(HoldingServer.streaming(NDJSON, STREAM.get(0)))) {
      LlmProvider provider = OllamaProvider.at(holding.uri(), "llama3.2");
      try {
        assertThrows(
            CancelledException.class,
            () ->
                provider.stream(
                    ChatRequest.of("x"),
                    token -> Thread.currentThread().interrupt(),
                    new Cancellation()));
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept");
      } finally {
        Thread.interrupted();
      }
      assertTrue(holding.dropped(), "the connection is closed");
    }
  }

  @Test
  void aPlainHttpServerIsSpokenToInHttp11WithoutAnUpgrade() {
    server.on("/api/chat", FakeServer.json(200, CHAT));
    provider().chat(ChatRequest.of("x"));
    Map<String, List<String>> headers = server.requestHeaders().get(0);
    assertTrue(
        headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Upgrade")),
        headers::toString);
  }

  @Test
  void aCallerInterruptedBeforeTheHeadersIsCancelledAndStaysInterrupted() {
    server.on("/api/chat", server.hang());
    Thread.currentThread().interrupt();
    try {
      assertThrows(
          CancelledException.class,
          () -> provider().stream(ChatRequest.of("x"), t -> {}, new Cancellation()));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept");
    } finally {
      Thread.interrupted();
    }
  }
}
