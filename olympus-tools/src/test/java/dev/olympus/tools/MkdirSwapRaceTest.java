package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that create their parent directory race a thread that keeps swapping that directory's
 * parent, inside the root, for a symlink to outside: not one entry may appear outside the root.
 */
class MkdirSwapRaceTest {
  private static final int WRITES = 5000;

  @TempDir Path temp;

  @Test
  void creatingParentsNeverCreatesAnythingOutsideTheRoot() throws Exception {
    Path root = Files.createDirectory(temp.resolve("root"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path race = Files.createDirectory(root.resolve("race"));
    Path parkedDir = root.resolve("parked-dir");
    Path parkedLink = Files.createSymbolicLink(root.resolve("parked-link"), outside);
    Path junk = Files.createDirectory(temp.resolve("junk"));
    ToolRegistry tools =
        ToolRegistry.builder().add(FileTools.builder(root).createParents(true).build()).build();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    AtomicReference<IOException> failure = new AtomicReference<>();
    Thread swapper =
        new Thread(
            () -> {
              try {
                while (!done.get()) {
                  swap(race, parkedDir, parkedLink, junk);
                  swap(race, parkedLink, parkedDir, junk);
                  swaps.incrementAndGet();
                }
              } catch (IOException e) {
                failure.set(e);
              }
            });
    swapper.start();
    int written = 0;
    try {
      for (int i = 0; i < WRITES; i++) {
        written += write(tools, "race/d" + i + "/f.txt") ? 1 : 0;
      }
    } finally {
      done.set(true);
      swapper.join();
    }
    assertEquals(null, failure.get(), "the swapper failed");
    assertTrue(swaps.get() > WRITES / 10, "the swapper hardly ran: " + swaps.get());
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

  /**
   * Parks {@code race} as {@code current} and puts {@code next} in its place; a {@code race} the
   * tool created meanwhile (a legitimate parent, as the name was free) is moved into {@code junk}.
   */
  private static void swap(Path race, Path current, Path next, Path junk) throws IOException {
    Files.move(race, current, StandardCopyOption.ATOMIC_MOVE);
    for (int attempt = 0; ; attempt++) {
      try {
        Files.move(next, race, StandardCopyOption.ATOMIC_MOVE);
        break;
      } catch (IOException occupied) {
        if (attempt > 100) {
          throw occupied;
        }
        Files.move(race, junk.resolve("j" + System.nanoTime()), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    for (int spin = 0; spin < 5_000; spin++) {
      Thread.onSpinWait();
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
