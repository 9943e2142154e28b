package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What our HTTP server answers a raw client: the statuses and headers of the MCP wire format. */
class HttpBoundaryTest {
  private static final String TOKEN = "0123456789abcdef-token";
  private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}";
  private static final int MAX_BODY = 4 << 20;

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static McpServer server;
  private static URI url;

  @BeforeAll
  static void serve() {
    server =
        McpServer.builder(ServedFixture.tools())
            .consent(ServedFixture.consent())
            .bearerToken(TOKEN)
            .serveHttp(new InetSocketAddress("127.0.0.1", 0));
    url = server.url().orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theUrlIsTheBoundLoopbackAddressAndPortAtMcp() {
    assertEquals("127.0.0.1", url.getHost());
    assertTrue(url.getPort() > 0);
    assertEquals("/mcp", url.getPath());
  }

  @Test
  void aRequestIsAnsweredWithOneJsonResponse() throws Exception {
    HttpResponse<String> answer = post(PING, "Bearer " + TOKEN, null);
    assertEquals(200, answer.statusCode());
    assertEquals(Optional.of("application/json"), answer.headers().firstValue("Content-Type"));
    JsonNode response = new ObjectMapper().readTree(answer.body());
    assertEquals(7, response.get("id").asInt());
    assertTrue(response.has("result"), answer.body());
  }

  @Test
  void aNotificationOrAResponseFromTheClientIsAcceptedWithAnEmptyBody() throws Exception {
    String initialized = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    String response = "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}";
    for (String message : new String[] {initialized, response}) {
      HttpResponse<String> answer = post(message, "Bearer " + TOKEN, null);
      assertEquals(202, answer.statusCode(), message);
      assertEquals("", answer.body(), message);
    }
  }

  @Test
  void aMissingOrWrongBearerTokenIsRefusedWithAChallenge() throws Exception {
    for (String authorization : new String[] {null, "Bearer " + TOKEN + "x", TOKEN}) {
      HttpResponse<String> refused = post(PING, authorization, null);
      assertEquals(401, refused.statusCode(), String.valueOf(authorization));
      assertEquals(Optional.of("Bearer"), refused.headers().firstValue("WWW-Authenticate"));
    }
  }

  @Test
  void loopbackOriginsAreAllowedAndOthersRefused() throws Exception {
    for (String origin :
        new String[] {
          "http://localhost:3000", "http://127.0.0.1", "http://[::1]:8080", "https://app.LOCALHOST"
        }) {
      assertEquals(200, post(PING, "Bearer " + TOKEN, origin).statusCode(), origin);
    }
    for (String origin :
        new String[] {"http://localhost.evil.example", "http://127.0.0.2", "null", "file:///x"}) {
      assertEquals(403, post(PING, "Bearer " + TOKEN, origin).statusCode(), origin);
    }
  }

  @Test
  void otherMethodsAreRefusedNamingPost() throws Exception {
    HttpResponse<String> refused =
        HTTP.send(
            HttpRequest.newBuilder(url).header("Authorization", "Bearer " + TOKEN).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, refused.statusCode());
    assertEquals(Optional.of("POST"), refused.headers().firstValue("Allow"));
  }

  @Test
  void aBodyOfUpTo4MiBIsReadAndALargerOneRefused() throws Exception {
    String exact = PING + " ".repeat(MAX_BODY - PING.length());
    assertEquals(200, post(exact, "Bearer " + TOKEN, null).statusCode());

    HttpResponse<String> tooLarge = post(exact + " ", "Bearer " + TOKEN, null);
    assertEquals(413, tooLarge.statusCode());
    assertTrue(tooLarge.body().contains(String.valueOf(MAX_BODY)), tooLarge.body());
  }

  @Test
  void aToolCallWithoutArgumentsIsCheckedAsAnEmptyInput() throws Exception {
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"text.greet\"}}";
    HttpResponse<String> answer = post(call, "Bearer " + TOKEN, null);
    assertEquals(200, answer.statusCode());
    JsonNode result = new ObjectMapper().readTree(answer.body()).get("result");
    assertTrue(result.get("isError").asBoolean(), answer.body());
    String text = result.get("content").get(0).get("text").asText();
    assertTrue(text.startsWith("invalid input: "), text);
  }

  @Test
  void aBodyThatIsNotJsonRpcIsABadRequest() throws Exception {
    assertEquals(400, post("{\"hello\":", "Bearer " + TOKEN, null).statusCode());
  }

  private static HttpResponse<String> post(String body, String authorization, String origin)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
