package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swaps the parent of a directory that {@code fs.write} creates for a symlink to outside the root,
 * where an empty directory of the same name already exists: a refused creation must never remove
 * that outside directory (nor write into it).
 */
class CreateParentsRaceTest {
  private static final int ROUNDS = 4000;

  @TempDir Path temp;

  @Test
  void aRefusedCreationNeverDeletesOutsideTheRoot() throws Exception {
    Path root = Files.createDirectory(temp.resolve("root"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    List<Path> keep = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      keep.add(Files.createDirectory(outside.resolve("k" + i)));
    }
    Path race = Files.createDirectory(root.resolve("race"));
    Path parkedLink = Files.createSymbolicLink(root.resolve("parked-link"), outside);
    Path parkedDir = root.resolve("parked-dir");
    Path junk = Files.createDirectory(temp.resolve("junk"));
    ToolRegistry tools =
        ToolRegistry.builder().add(FileTools.builder(root).createParents(true).build()).build();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    Thread swapper =
        new Thread(
            () -> {
              try {
                while (!done.get()) {
                  move(race, parkedDir);
                  place(parkedLink, race, junk);
                  linger();
                  move(race, parkedLink);
                  place(parkedDir, race, junk);
                  linger();
                  swaps.incrementAndGet();
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    swapper.start();
    try {
      for (int i = 0; i < ROUNDS; i++) {
        for (int attempt = 0; attempt < 3 && !write(tools, "race/k" + i + "/f.txt"); attempt++) {
          // Refused mid-swap: try the same name again, so its creation races again.
        }
      }
    } finally {
      done.set(true);
      swapper.join();
    }
    assertTrue(swaps.get() > 0, "the swapper never ran");
    for (Path dir : keep) {
      assertTrue(Files.isDirectory(dir), "removed outside the root: " + dir);
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(), files.toList(), "written outside the root: " + dir);
      }
    }
  }

  /**
   * Keeps a state for a moment, so that the tool's walk and its create fall into different ones.
   */
  private static void linger() {
    for (int spin = 0; spin < 20_000; spin++) {
      Thread.onSpinWait();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Moves {@code from} to {@code to}; while {@code to} was missing the tool may have created it (a
   * legitimate parent), so that one is moved aside into {@code junk} first.
   */
  private static void place(Path from, Path to, Path junk) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        move(from, to);
        return;
      } catch (IOException occupied) {
        try {
          move(to, junk.resolve("j" + System.nanoTime()));
        } catch (IOException raced) {
          if (attempt > 100) {
            throw raced;
          }
        }
      }
    }
  }

  private static boolean write(ToolRegistry tools, String path) {
    var input = JsonNodeFactory.instance.objectNode().put("path", path).put("content", "x");
    try {
      tools.invoke(ToolCall.of("fs.write", input), context());
      return true;
    } catch (SandboxViolationException | ToolExecutionException expected) {
      return false;
    }
  }
}
