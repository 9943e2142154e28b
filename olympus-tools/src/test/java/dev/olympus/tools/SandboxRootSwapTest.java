package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox is the directory the host gave, not whatever later sits at its path: once the root
 * (or a directory above it) is moved away and a symbolic link to somewhere else put in its place,
 * every file tool refuses, and nothing outside is read, listed, written or deleted.
 */
class SandboxRootSwapTest {
  @TempDir Path temp;
  private Path root;
  private Path elsewhere;
  private ToolRegistry tools;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(temp.resolve("home/workspace"));
    Files.writeString(root.resolve("notes.txt"), "inside");
    elsewhere = Files.createDirectories(temp.resolve("elsewhere/workspace"));
    Files.writeString(elsewhere.resolve("secret.txt"), "SECRET");
    Files.createDirectory(elsewhere.resolve("empty"));
    tools = ToolRegistry.builder().add(FileTools.sandboxedAt(root)).build();
  }

  private JsonNode run(String toolId, String input) {
    return tools.invoke(ToolCall.of(toolId, json(input)), context());
  }

  private void everyToolRefuses() throws IOException {
    List<String[]> calls =
        List.of(
            new String[] {"fs.read", "{'path':'secret.txt'}"},
            new String[] {"fs.list", "{'path':'.'}"},
            new String[] {"fs.write", "{'path':'planted.txt','content':'x'}"},
            new String[] {"fs.write", "{'path':'new/planted.txt','content':'x'}"},
            new String[] {"fs.delete", "{'path':'empty'}"},
            new String[] {"fs.move", "{'from':'secret.txt','to':'moved.txt'}"});
    for (String[] call : calls) {
      SandboxViolationException e =
          assertThrows(SandboxViolationException.class, () -> run(call[0], call[1]), call[0]);
      assertTrue(e.getMessage().contains("root"), e.getMessage());
    }
    try (Stream<Path> left = Files.list(elsewhere)) {
      assertEquals(
          List.of("empty", "secret.txt"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals("SECRET", Files.readString(elsewhere.resolve("secret.txt")));
  }

  @Test
  void aRootReplacedByALinkIsNotFollowed() throws IOException {
    Files.move(root, temp.resolve("home/workspace-away"));
    Files.createSymbolicLink(root, elsewhere);
    everyToolRefuses();
  }

  @Test
  void aDirectoryAboveTheRootReplacedByALinkIsNotFollowed() throws IOException {
    Files.move(temp.resolve("home"), temp.resolve("home-away"));
    Files.createSymbolicLink(temp.resolve("home"), temp.resolve("elsewhere"));
    everyToolRefuses();
  }
}
