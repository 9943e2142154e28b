package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swaps the parent of a directory that {@code fs.write} creates for a symlink to outside the root:
 * a creation racing the swap must never create anything outside the root, and a refused one must
 * never remove an outside directory of the same name (nor write into it).
 */
class CreateParentsRaceTest {
  private static final int ROUNDS = 4000;
  private static final int WRITES = 5000;

  @TempDir Path temp;

  @Test
  void creatingParentsNeverCreatesAnythingOutsideTheRoot() throws Exception {
    Path root = Files.createDirectory(temp.resolve("root"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    ToolRegistry tools =
        ToolRegistry.builder().add(FileTools.builder(root).createParents(true).build()).build();
    int written = 0;
    try (Swapper swapper = new Swapper(root, outside)) {
      for (int i = 0; i < WRITES; i++) {
        written += write(tools, "race/d" + i + "/f.txt") ? 1 : 0;
      }
      swapper.assertRan();
    }
    assertTrue(written > 0, "no write got through");
    try (Stream<Path> entries = Files.list(outside)) {
      assertEquals(List.of(), entries.toList(), "created outside the root");
    }
    try (Stream<Path> entries = Files.list(root)) {
      assertEquals(
          List.of(),
          entries.filter(p -> p.getFileName().toString().startsWith(".olympus")).toList(),
          "left behind in the root");
    }
  }

  @Test
  void aRefusedCreationNeverDeletesOutsideTheRoot() throws Exception {
    Path root = Files.createDirectory(temp.resolve("root"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    List<Path> keep = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      keep.add(Files.createDirectory(outside.resolve("k" + i)));
    }
    ToolRegistry tools =
        ToolRegistry.builder().add(FileTools.builder(root).createParents(true).build()).build();
    try (Swapper swapper = new Swapper(root, outside)) {
      for (int i = 0; i < ROUNDS; i++) {
        for (int attempt = 0; attempt < 3 && !write(tools, "race/k" + i + "/f.txt"); attempt++) {
          // Refused mid-swap: try the same name again, so its creation races again.
        }
      }
      swapper.assertRan();
    }
    for (Path dir : keep) {
      assertTrue(Files.isDirectory(dir), "removed outside the root: " + dir);
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(), files.toList(), "written outside the root: " + dir);
      }
    }
  }

  /** Keeps swapping {@code root/race} between a real directory and a symlink to outside. */
  private final class Swapper implements AutoCloseable {
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicInteger swaps = new AtomicInteger();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final Thread thread;

    Swapper(Path root, Path outside) throws IOException {
      Path race = Files.createDirectory(root.resolve("race"));
      Path parkedLink = Files.createSymbolicLink(root.resolve("parked-link"), outside);
      Path parkedDir = root.resolve("parked-dir");
      Path junk = Files.createDirectory(temp.resolve("junk"));
      thread =
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
                  failure.set(e);
                }
              });
      thread.start();
    }

    void assertRan() {
      assertEquals(null, failure.get(), "the swapper failed");
      assertTrue(swaps.get() > 0, "the swapper never ran");
    }

    @Override
    public void close() {
      done.set(true);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping the swapper", e);
      }
    }
  }

  /**
   * Keeps a state for a moment, so that the tool's walk and its create fall into different ones.
   */
  private static void linger() {
    for (int spin = 0; spin < 5_000; spin++) {
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
