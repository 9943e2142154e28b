package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our server over stdio in this JVM: JSON-RPC lines in, JSON-RPC lines out. */
class StdioServerInProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutputStream toServer;
  private BufferedReader fromServer;
  private McpServer server;

  @BeforeEach
  void serve() throws Exception {
    PipedInputStream serverIn = new PipedInputStream(1 << 16);
    toServer = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 16);
    server =
        McpServer.builder(ServedFixture.tools())
            .consent(ServedFixture.consent())
            .serverInfo("notes-host", "2.3.4")
            .serveStdio(serverIn, new PipedOutputStream(clientIn));
    fromServer = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    toServer.close();
  }

  @Test
  void initializesListsAndCallsWithConsent() throws Exception {
    assertEquals(Optional.empty(), server.url());
    JsonNode init =
        request(
            1,
            "initialize",
            "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}");
    assertEquals("notes-host", init.at("/result/serverInfo/name").asText());
    assertEquals("2.3.4", init.at("/result/serverInfo/version").asText());
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

    JsonNode list = request(2, "tools/list", "{}");
    JsonNode greet = list.at("/result/tools/0");
    assertEquals("text.greet", greet.get("name").asText());
    assertTrue(greet.at("/annotations/readOnlyHint").asBoolean(), greet.toString());
    assertEquals("notes.append", list.at("/result/tools/1/name").asText());
    assertFalse(list.at("/result/tools/1/annotations/idempotentHint").asBoolean());

    JsonNode hello =
        request(3, "tools/call", "{\"name\":\"text.greet\",\"arguments\":{\"name\":\"Ada\"}}");
    assertFalse(hello.at("/result/isError").asBoolean(), hello.toString());
    assertEquals("Hello, Ada", hello.at("/result/structuredContent/text").asText());

    JsonNode denied =
        request(4, "tools/call", "{\"name\":\"notes.append\",\"arguments\":{\"line\":\"x\"}}");
    assertTrue(denied.at("/result/isError").asBoolean(), denied.toString());
    assertTrue(
        denied.at("/result/content/0/text").asText().contains("keeps the notes to herself"),
        denied.toString());
  }

  private JsonNode request(int id, String method, String params) throws Exception {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\""
            + method
            + "\",\"params\":"
            + params
            + "}");
    while (true) {
      String line = fromServer.readLine();
      if (line == null) {
        throw new AssertionError("the server closed its output before answering " + method);
      }
      JsonNode message = JSON.readTree(line);
      if (message.path("id").asInt(-1) == id) {
        return message;
      }
    }
  }

  private void send(String line) throws Exception {
    toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    toServer.flush();
  }
}
