package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.llm.spi.LlmProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an Ollama chat request carries: num_ctx sized to the request, keep_alive, think, options.
 */
class OllamaRequestOptionsTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private FakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeServer();
    server.on("/api/chat", FakeServer.json(200, OllamaProviderTest.CHAT));
    server.on("/api/show", FakeServer.json(200, OllamaModelsTest.SHOW)); // context 8,192
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OllamaProvider.Builder builder() {
    return OllamaProvider.builder(server.uri(), "llama3.2").requestTimeout(Duration.ofSeconds(5));
  }

  /** A request of about {@code tokens} prompt tokens (three characters a token) and a cap. */
  private static ChatRequest sized(int tokens, int maxTokens) {
    return ChatRequest.builder().user("x".repeat(tokens * 3)).maxTokens(maxTokens).build();
  }

  private JsonNode chatBody() throws Exception {
    for (int i = server.bodies().size() - 1; i >= 0; i--) {
      JsonNode body = mapper.readTree(server.bodies().get(i));
      if (body.has("messages")) {
        return body;
      }
    }
    throw new AssertionError("no chat request in " + server.requests());
  }

  private long showCalls() {
    return server.requests().stream().filter(r -> r.endsWith("/api/show")).count();
  }

  @Test
  void aRequestThatFitsTheDefaultContextSendsNoNumCtxAndAsksNothing() throws Exception {
    builder().build().chat(sized(1_000, 500));
    assertFalse(chatBody().path("options").has("num_ctx"));
    assertEquals(0, showCalls());
  }

  @Test
  void aLongerRequestGetsAContextRoundedUpToAPowerOfTwo() throws Exception {
    LlmProvider provider = builder().build();
    provider.chat(sized(3_000, 1_000));
    assertEquals(4_096, chatBody().path("options").path("num_ctx").asInt());
    assertEquals(1_000, chatBody().path("options").path("num_predict").asInt());
  }

  @Test
  void theContextIsCappedAtTheModelsOwnLengthWhichIsAskedOnce() throws Exception {
    LlmProvider provider = builder().build();
    provider.chat(sized(10_000, 1_000));
    assertEquals(8_192, chatBody().path("options").path("num_ctx").asInt());
    provider.chat(sized(5_000, 1_000));
    assertEquals(8_192, chatBody().path("options").path("num_ctx").asInt());
    assertEquals(1, showCalls());
  }

  @Test
  void withoutShowTheRequestSizeIsSentUncapped() throws Exception {
    server.on("/api/show", FakeServer.json(404, "{\"error\":\"not found\"}"));
    builder().build().chat(sized(10_000, 1_000));
    assertEquals(16_384, chatBody().path("options").path("num_ctx").asInt());
  }

  @Test
  void aFixedContextLengthIsSentAlways() throws Exception {
    builder().contextLength(32_768).build().chat(sized(10, 10));
    assertEquals(32_768, chatBody().path("options").path("num_ctx").asInt());
    assertEquals(0, showCalls());
  }

  @Test
  void keepAliveThinkAndOptionsArePassedThrough() throws Exception {
    builder()
        .keepAlive(Duration.ofMinutes(30))
        .think(false)
        .option("top_k", 20)
        .option("stop", List.of("user:", "\n\n"))
        .option("num_ctx", 12_000)
        .build()
        .chat(sized(10_000, 100));
    JsonNode body = chatBody();
    assertEquals("1800s", body.path("keep_alive").asText());
    assertFalse(body.path("think").asBoolean(true));
    assertEquals(20, body.path("options").path("top_k").asInt());
    assertEquals("\n\n", body.path("options").path("stop").get(1).asText());
    assertEquals(12_000, body.path("options").path("num_ctx").asInt(), "the host's num_ctx wins");
    assertEquals(0, showCalls());
  }

  @Test
  void aNegativeKeepAliveKeepsTheModelLoaded() throws Exception {
    builder().keepAlive(Duration.ofSeconds(-1)).think(true).build().chat(sized(10, 10));
    assertEquals("-1s", chatBody().path("keep_alive").asText());
    assertTrue(chatBody().path("think").asBoolean());
  }

  @Test
  void theCompletionCapAndOddValuesAreRefusedAsOptions() {
    IllegalArgumentException cap =
        assertThrows(IllegalArgumentException.class, () -> builder().option("num_predict", 5));
    assertTrue(cap.getMessage().contains("maxTokens"), cap.getMessage());
    IllegalArgumentException odd =
        assertThrows(IllegalArgumentException.class, () -> builder().option("seed", new Object()));
    assertTrue(odd.getMessage().contains("option seed"), odd.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder().contextLength(0));
  }
}
