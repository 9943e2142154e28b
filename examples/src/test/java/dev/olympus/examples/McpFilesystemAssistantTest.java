package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.executor.ChatToolCall;
import dev.olympus.mcp.NodePeers;
import dev.olympus.plan.PlanState;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link McpFilesystemAssistant} against the real filesystem server and a scripted Ollama. */
class McpFilesystemAssistantTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  @Test
  void aPlanAndAChatUseTheFilesystemServersToolsBehindConsentPrompts() throws Exception {
    Path note = home.resolve("workspace").resolve("notes.md");
    String read = JSON.createObjectNode().put("path", note.toString()).toString();
    List<String> prompts = new ArrayList<>();
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    try (FakeOllama ollama = FakeOllama.start()) {
      ollama.enqueue(
          FakeReply.toolCall("fs_read_text_file", read),
          FakeReply.text("Your note says: Buy milk"));
      McpFilesystemAssistant.Outcome outcome =
          McpFilesystemAssistant.run(
              home,
              NodePeers.node(),
              NodePeers.script(NodePeers.FILESYSTEM),
              ollama.uri(),
              McpFilesystemAssistantTest.noThenYes(prompts),
              new PrintStream(log, true, StandardCharsets.UTF_8));

      assertEquals(PlanState.DONE, outcome.plan(), log.toString(StandardCharsets.UTF_8));
      assertEquals("Buy milk", outcome.note());
      assertTrue(prompts.get(0).contains("call 'write_file' on MCP server 'fs'"), prompts.get(0));
      assertTrue(prompts.get(0).contains("may delete or overwrite"), prompts.get(0));
      assertTrue(log.toString(StandardCharsets.UTF_8).contains("step write is blocked"));
      ChatToolCall call = outcome.chat().toolCalls().get(0);
      assertEquals("fs.read_text_file", call.call().toolId());
      assertInstanceOf(ChatToolCall.Outcome.Succeeded.class, call.outcome());
      assertEquals("Your note says: Buy milk", outcome.chat().text());
    }
  }

  /** The user: says no to the first prompt and yes to the rest, recording each. */
  private static java.util.function.Predicate<String> noThenYes(List<String> prompts) {
    return prompt -> {
      prompts.add(prompt);
      return prompts.size() > 1;
    };
  }
}
