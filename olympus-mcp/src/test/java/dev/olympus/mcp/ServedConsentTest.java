package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the person decides about a call that arrives through our MCP server is what happens: an
 * edited input is the one that runs, and a result given in the tool's place is returned without
 * running the tool. The served tool records every line it appends.
 */
class ServedConsentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Append(String line) {}

  private final List<String> appended = new CopyOnWriteArrayList<>();

  private ToolRegistry notes() {
    Tool append =
        Tool.builder("notes.append")
            .description("Appends a line to the notes")
            .scopes("notes.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .typed(
                Append.class,
                (in, ctx) -> {
                  appended.add(in.line());
                  return Map.of("appended", in.line());
                });
    return ToolRegistry.builder().add(append).build();
  }

  private JsonNode callThrough(ConsentProvider person, String line) {
    try (McpServer server =
            McpServer.builder(notes())
                .consent(person)
                .serveHttp(new InetSocketAddress("127.0.0.1", 0));
        McpConnection client =
            McpConnection.http("olympus", server.url().orElseThrow()).connect()) {
      Tool tool = client.tools().get(0);
      return tool.invoke(
          ToolCall.of(tool.id(), JSON.createObjectNode().put("line", line)),
          ToolContext.of("plan", "step", Duration.ofSeconds(60)));
    }
  }

  @Test
  void anEditedInputIsTheOneThatRuns() {
    JsonNode result =
        callThrough(
            request -> ConsentDecision.allowEdited(JSON.createObjectNode().put("line", "tidy")),
            "delete everything");
    assertEquals(List.of("tidy"), appended);
    assertEquals("tidy", result.get("structuredContent").get("appended").asText());
  }

  @Test
  void aResultGivenInTheToolsPlaceIsReturnedAndTheToolDoesNotRun() {
    JsonNode result =
        callThrough(
            request ->
                ConsentDecision.answerInstead(
                    JSON.createObjectNode().put("appended", "nothing; I wrote it myself")),
            "delete everything");
    assertEquals(List.of(), appended);
    assertEquals(
        "nothing; I wrote it myself", result.get("structuredContent").get("appended").asText());
  }
}
