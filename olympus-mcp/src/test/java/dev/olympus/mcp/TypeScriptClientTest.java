package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our {@link McpServer}, driven by the official TypeScript SDK client
 * (src/test/node/ts-client.mjs).
 */
class TypeScriptClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void overStreamableHttp() throws Exception {
    try (McpServer server =
        McpServer.builder(ServedFixture.tools())
            .consent(ServedFixture.consent())
            .serverInfo("olympus-test", "1.2.3")
            .serveHttp(new InetSocketAddress("127.0.0.1", 0))) {
      check(run("http", server.url().orElseThrow().toString()));
    }
  }

  @Test
  void overStdio() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    JsonNode seen =
        run(
            "stdio",
            java,
            "-cp",
            System.getProperty("olympus.child.classpath"),
            ServeStdioMain.class.getName());
    check(seen);
  }

  private static void check(JsonNode seen) {
    JsonNode greetTool = tool(seen, "text.greet");
    assertTrue(greetTool.get("annotations").get("readOnlyHint").asBoolean(), greetTool.toString());
    assertEquals("object", greetTool.get("inputSchema").get("type").asText());
    JsonNode appendTool = tool(seen, "notes.append");
    assertEquals(false, appendTool.get("annotations").get("readOnlyHint").asBoolean());
    assertEquals(false, appendTool.get("annotations").get("idempotentHint").asBoolean());

    JsonNode greet = seen.get("greet");
    assertEquals(
        "Hello, Ada", greet.get("structuredContent").get("text").asText(), greet.toString());
    assertTrue(seen.get("denied").get("isError").asBoolean(), seen.get("denied").toString());
    assertTrue(text(seen.get("denied")).contains("keeps the notes to herself"));
    assertTrue(seen.get("invalid").get("isError").asBoolean(), seen.get("invalid").toString());
    assertTrue(text(seen.get("invalid")).contains("invalid input"));
  }

  private static JsonNode tool(JsonNode seen, String name) {
    for (JsonNode tool : seen.get("tools")) {
      if (tool.get("name").asText().equals(name)) {
        return tool;
      }
    }
    throw new AssertionError("the TypeScript client did not see " + name + ": " + seen);
  }

  private static String text(JsonNode result) {
    return result.get("content").get(0).get("text").asText();
  }

  private static JsonNode run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(NodePeers.node()));
    command.add(NodePeers.ourScript("ts-client.mjs").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the TypeScript client did not finish");
    assertEquals(0, process.exitValue(), "the TypeScript client failed; it printed: " + out);
    return parseLastLine(out);
  }

  private static JsonNode parseLastLine(String out) throws IOException {
    String[] lines = out.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }
}
