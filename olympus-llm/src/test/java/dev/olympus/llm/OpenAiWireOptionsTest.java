package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Extra headers and query parameters, and classic Azure deployments, on the wire. */
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
    server.on(
        "/v1/chat/completions",
        FakeServer.json(400, "{\"error\":{\"message\":\"bad tenant token tok-123\"}}"));
    HardException e =
        assertThrows(
            HardException.class,
            () ->
                OpenAiCompatibleProvider.builder(server.uri(), "", "m")
                    .header("X-Token", "tok-123")
                    .build()
                    .chat(ChatRequest.of("hi")));
    assertFalse(e.getMessage().contains("tok-123"), e.getMessage());
    assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
  }
}
