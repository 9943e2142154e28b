package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.LlmProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extra headers and query parameters, and classic Azure deployments, on the wire; what the HTTP
 * providers' builders refuse at once (a base address that is not HTTP, a timeout that is not
 * positive, a blank name); and that an empty key or header value redacts nothing.
 */
class OpenAiWireOptionsTest {
  private FakeServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void extraHeadersAndQueryParametersGoWithEveryRequest() {
    server.on(
        "/v1/chat/completions", FakeServer.json(200, OpenAiCompatibleProviderTest.COMPLETION));
    OpenAiCompatibleProvider.builder(server.uri(), "sk-test", "gpt-4o-mini")
        .header("X-Tenant", "acme")
        .queryParameter("route", "eu west")
        .requestTimeout(Duration.ofSeconds(5))
        .build()
        .chat(ChatRequest.of("hi"));
    assertEquals("POST /v1/chat/completions?route=eu+west", server.requests().get(0));
    Map<String, List<String>> headers = server.requestHeaders().get(0);
    assertEquals(List.of("acme"), headers.get("X-tenant"));
    assertEquals(List.of("Bearer sk-test"), headers.get("Authorization"));
  }

  @Test
  void aHeaderTheClientSetsItselfIsRefusedAtOnce() {
    OpenAiCompatibleProvider.Builder builder =
        OpenAiCompatibleProvider.builder(server.uri(), "", "m");
    assertThrows(IllegalArgumentException.class, () -> builder.header("Host", "evil"));
    assertThrows(IllegalArgumentException.class, () -> builder.header("Bad Name", "x"));
    assertThrows(IllegalArgumentException.class, () -> builder.queryParameter(" ", "x"));
  }

  @Test
  void anAzureDeploymentUsesItsPathTheApiVersionAndTheApiKeyHeader() {
    server.on(
        "/openai/deployments/gpt4o-prod/chat/completions",
        FakeServer.json(200, OpenAiCompatibleProviderTest.COMPLETION));
    ChatResponse answer =
        LlmRouter.builder()
            .local(
                OpenAiCompatibleProvider.azure(
                        URI.create(server.uri() + "/"), "az-key", "gpt4o-prod", "2024-10-21")
                    .requestTimeout(Duration.ofSeconds(5))
                    .build())
            .build()
            .chat(ChatRequest.of("hi"));
    assertEquals("Hello! How can I assist you today?", answer.text());
    assertEquals(
        "POST /openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21",
        server.requests().get(0));
    Map<String, List<String>> headers = server.requestHeaders().get(0);
    assertEquals(List.of("az-key"), headers.get("Api-key"));
    assertFalse(headers.containsKey("Authorization"), headers::toString);
  }

  @Test
  void anExtraHeadersValueIsKeptOutOfErrors() {
    HardException e = refusedWithHeader("X-Token", "tok-123", "bad tenant token tok-123");
    assertFalse(e.getMessage().contains("tok-123"), e.getMessage());
    assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
  }

  /** The error of a chat that the server refuses with {@code message}, sent with a header. */
  private HardException refusedWithHeader(String name, String value, String message) {
    server.on(
        "/v1/chat/completions",
        FakeServer.json(400, "{\"error\":{\"message\":\"" + message + "\"}}"));
    return assertThrows(
        HardException.class,
        () ->
            OpenAiCompatibleProvider.builder(server.uri(), "", "m")
                .header(name, value)
                .requestTimeout(Duration.ofSeconds(5))
                .build()
                .chat(ChatRequest.of("hi")));
  }

  @Test
  void onlyHttpAndHttpsBaseAddressesAreAccepted() {
    for (String refused : new String[] {"ftp://example.com/v1", "file:///tmp/v1", "example.com"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> OpenAiCompatibleProvider.builder(URI.create(refused), "", "m"),
          refused);
    }
    OpenAiCompatibleProvider.builder(URI.create("HTTPS://api.example.com/v1"), "", "m").build();
    OpenAiCompatibleProvider.builder(URI.create("Http://localhost:8080/v1"), "", "m").build();
  }

  @Test
  void timeoutsMustBePositive() {
    OpenAiCompatibleProvider.Builder b = OpenAiCompatibleProvider.builder(server.uri(), "", "m");
    Duration negative = Duration.ofMillis(-1);
    assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(negative));
    assertThrows(IllegalArgumentException.class, () -> b.requestTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.requestTimeout(negative));
    assertThrows(IllegalArgumentException.class, () -> b.streamIdleTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.streamIdleTimeout(negative));
    assertThrows(NullPointerException.class, () -> b.requestTimeout(null));
    assertThrows(IllegalArgumentException.class, () -> b.name(" "));
    assertThrows(IllegalArgumentException.class, () -> b.embeddingModel(""));
    Duration oneNano = Duration.ofNanos(1);
    b.connectTimeout(oneNano).requestTimeout(oneNano).streamIdleTimeout(oneNano);
  }

  @Test
  void aProviderMayClaimNoCapabilitiesAtAll() {
    LlmProvider provider =
        OpenAiCompatibleProvider.builder(server.uri(), "", "m").capabilities(Set.of()).build();
    assertEquals(Set.of(), provider.capabilities());
  }

  @Test
  void anEmptyKeyOrHeaderValueLeavesErrorMessagesReadable() {
    HardException e = refusedWithHeader("X-Empty", "", "unknown parameter foo");
    assertTrue(e.getMessage().contains("unknown parameter foo"), e.getMessage());
  }
}
