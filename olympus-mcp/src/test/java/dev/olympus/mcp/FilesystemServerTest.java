package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.tools.ConsentGate;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import dev.olympus.tools.ToolValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code @modelcontextprotocol/server-filesystem} from npm, over stdio. */
class FilesystemServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path allowed;
  @TempDir Path outside;
  private McpConnection fs;
  private ToolRegistry tools;

  @BeforeEach
  void connect() throws Exception {
    Path server = NodePeers.script(NodePeers.FILESYSTEM);
    fs =
        McpConnection.stdio("fs", NodePeers.node(), server.toString(), allowed.toString())
            .workingDirectory(allowed)
            .connect();
    tools = ToolRegistry.builder().add(fs.tools()).build();
  }

  @AfterEach
  void close() {
    if (fs != null) { // null when the test was skipped for want of Node
      fs.close();
    }
  }

  @Test
  void importsEveryToolUnderThePrefixWithEffectsFromTheHints() {
    assertTrue(tools.ids().contains("fs.read_text_file"), tools.ids().toString());
    assertEquals(SideEffect.READ_ONLY, tools.get("fs.read_text_file").spec().sideEffect());
    assertEquals(SideEffect.IDEMPOTENT, tools.get("fs.write_file").spec().sideEffect());
    assertEquals(SideEffect.SIDE_EFFECT, tools.get("fs.move_file").spec().sideEffect());
    assertEquals(List.of("mcp.fs"), tools.get("fs.write_file").spec().scopes());
    assertEquals("fs_read_text_file", tools.functionName("fs.read_text_file"));
  }

  @Test
  void writesAndReadsInsideTheAllowedFolder() throws Exception {
    Path file = allowed.resolve("notes.md");
    invoke("fs.write_file", input("path", file.toString()).put("content", "hello MCP"));
    assertEquals("hello MCP", Files.readString(file));

    JsonNode read = invoke("fs.read_text_file", input("path", file.toString()));
    assertEquals("hello MCP", read.get("text").asText());
    assertEquals("text", read.get("content").get(0).get("type").asText());
  }

  @Test
  void aPathOutsideTheAllowedFolderIsATypedNonRetryableToolError() throws Exception {
    Path secret = Files.writeString(outside.resolve("secret.txt"), "do not read");

    ToolExecutionException failure =
        assertThrows(
            ToolExecutionException.class,
            () -> invoke("fs.read_text_file", input("path", secret.toString())));

    assertFalse(failure.retryable());
    McpException cause = assertInstanceOf(McpException.class, failure.getCause());
    assertEquals(McpException.Kind.TOOL_ERROR, cause.kind());
    assertEquals("fs", cause.server());
    assertTrue(failure.getMessage().contains("denied"), failure.getMessage());
    assertFalse(failure.getMessage().contains("do not read"));
  }

  @Test
  void inputIsCheckedAgainstTheServersSchemaBeforeTheCall() {
    ToolValidationException invalid =
        assertThrows(
            ToolValidationException.class,
            () -> invoke("fs.write_file", input("path", allowed.resolve("x").toString())));
    assertTrue(invalid.getMessage().contains("content"), invalid.getMessage());
    assertFalse(Files.exists(allowed.resolve("x")));
  }

  @Test
  void consentIsDeniedByDefaultAndTheQuestionSaysTheServerCallsTheToolDestructive() {
    ToolCall write = ToolCall.of("fs.write_file", input("path", "a").put("content", "b"));
    ToolContext context = ToolContext.of("plan", "step", Duration.ofSeconds(30));
    assertThrows(
        ToolConsentDeniedException.class,
        () -> ConsentGate.builder().build().authorize(tools.get("fs.write_file"), write, context));

    RecordingConsent consent = RecordingConsent.allowingAll();
    ConsentGate.builder()
        .provider(consent)
        .build()
        .authorize(tools.get("fs.write_file"), write, context);
    List<ConsentRequest> asked = consent.requests();
    assertEquals(List.of("mcp.fs"), asked.get(0).scopes());
    assertTrue(asked.get(0).summary().contains("may delete or overwrite"), asked.get(0).summary());
  }

  @Test
  void theHostOverridesTheServersHints() {
    try (McpConnection overridden =
        McpConnection.stdio("fs", NodePeers.node(), script(), allowed.toString())
            .prefix("files.")
            .sideEffect("read_text_file", SideEffect.SIDE_EFFECT)
            .connect()) {
      ToolRegistry both = ToolRegistry.builder().add(fs.tools()).add(overridden.tools()).build();
      assertEquals(SideEffect.SIDE_EFFECT, both.get("files.read_text_file").spec().sideEffect());
      assertEquals(SideEffect.READ_ONLY, both.get("fs.read_text_file").spec().sideEffect());
    }
  }

  private static String script() {
    try {
      return NodePeers.script(NodePeers.FILESYSTEM).toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode invoke(String toolId, JsonNode input) {
    return tools.invoke(
        ToolCall.of(toolId, input), ToolContext.of("plan", "step", Duration.ofSeconds(60)));
  }

  private static ObjectNode input(String field, String value) {
    return JSON.createObjectNode().put(field, value);
  }
}
