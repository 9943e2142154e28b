package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swaps a directory for a symlink to outside the root, over and over, while the file tools read and
 * write through it: no read may return the outside secret and no write may land outside.
 */
class SymlinkRaceTest {
  private static final int ROUNDS = 1000;

  @TempDir Path temp;

  @Test
  void swappingADirectoryForASymlinkNeverEscapes() throws Exception {
    Path root = Files.createDirectory(temp.resolve("root"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "SECRET");
    Path race = root.resolve("race");
    Files.createDirectory(race);
    Files.writeString(race.resolve("secret.txt"), "decoy");
    Path parkedLink = Files.createSymbolicLink(root.resolve("parked-link"), outside);
    Path parkedDir = root.resolve("parked-dir");
    ToolRegistry tools =
        ToolRegistry.builder().add(FileTools.builder(root).createParents(false).build()).build();

    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    Thread swapper =
        new Thread(
            () -> {
              try {
                while (!done.get()) {
                  move(race, parkedDir);
                  move(parkedLink, race);
                  move(race, parkedLink);
                  move(parkedDir, race);
                  swaps.incrementAndGet();
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    swapper.start();
    int reads = 0;
    try {
      for (int i = 0; i < ROUNDS; i++) {
        JsonNode read = attempt(tools, "fs.read", "race/secret.txt", null);
        assertFalse(String.valueOf(read).contains("SECRET"), "read through the swapped link");
        reads += read == null ? 0 : 1;
        attempt(tools, "fs.write", "race/f" + (i % 5) + ".txt", "PWNED");
        attempt(tools, "fs.list", "race", null);
      }
    } finally {
      done.set(true);
      swapper.join();
    }
    try (Stream<Path> files = Files.list(outside)) {
      assertEquals(List.of(outside.resolve("secret.txt")), files.toList());
    }
    assertEquals("SECRET", Files.readString(outside.resolve("secret.txt")));
    assertTrue(swaps.get() > 0, "the swapper never ran");
    assertTrue(reads >= 0);
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  private static JsonNode attempt(ToolRegistry tools, String toolId, String path, String content) {
    var input = JsonNodeFactory.instance.objectNode().put("path", path);
    if (content != null) {
      input.put("content", content);
    }
    try {
      return tools.invoke(ToolCall.of(toolId, input), context());
    } catch (SandboxViolationException | ToolExecutionException expected) {
      return null;
    }
  }
}
