package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swaps a regular file for a FIFO or for a hard link to a file outside the root, over and over,
 * while {@code fs.read} reads it directly (no registry timeout to rescue a stuck worker): every
 * read must come back, and none may return the outside secret. The timeout only guards a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadSwapRaceTest {
  private static final int FIFO_ROUNDS = 300;
  private static final int LINK_ROUNDS = 2000;

  @TempDir Path temp;

  @Test
  void aSwappedInFifoNeverHangsARead() throws Exception {
    Path root = Files.createDirectory(temp.resolve("root"));
    Path file = Files.writeString(root.resolve("f.txt"), "plain");
    Path parkedFile = root.resolve("parked-file");
    Path parkedFifo = root.resolve("parked-fifo");
    assumeTrue(mkfifo(parkedFifo), "mkfifo is not available");
    int[] outcomes = race(root, file, parkedFile, parkedFifo, FIFO_ROUNDS);
    assertEquals(FIFO_ROUNDS, outcomes[0] + outcomes[1]);
  }

  @Test
  void aSwappedInHardLinkIsNeverRead() throws Exception {
    Path root = Files.createDirectory(temp.resolve("root"));
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path secret = Files.writeString(outside.resolve("secret.txt"), "SECRET");
    Path file = Files.writeString(root.resolve("f.txt"), "plain");
    Path parkedFile = root.resolve("parked-file");
    Path parkedLink = Files.createLink(root.resolve("parked-link"), secret);
    race(root, file, parkedFile, parkedLink, LINK_ROUNDS);
    assertEquals("SECRET", Files.readString(secret));
  }

  /** Returns how many reads succeeded and how many were refused. */
  private static int[] race(Path root, Path file, Path parkedFile, Path parkedOther, int rounds)
      throws Exception {
    Tool read =
        FileTools.builder(root).build().stream()
            .filter(t -> t.id().equals("fs.read"))
            .findFirst()
            .orElseThrow();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    Thread swapper =
        new Thread(
            () -> {
              try {
                while (!done.get()) {
                  move(file, parkedFile);
                  move(parkedOther, file);
                  move(file, parkedOther);
                  move(parkedFile, file);
                  swaps.incrementAndGet();
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    swapper.setDaemon(true);
    swapper.start();
    int[] outcomes = new int[2];
    try {
      for (int i = 0; i < rounds; i++) {
        JsonNode result = attempt(read);
        if (result != null) {
          assertEquals("plain", result.path("content").asText(), "read something else: " + result);
          outcomes[0]++;
        } else {
          outcomes[1]++;
        }
      }
    } finally {
      done.set(true);
      swapper.join();
    }
    assertTrue(swaps.get() > 0, "the swapper never ran");
    return outcomes;
  }

  private static boolean mkfifo(Path path) throws InterruptedException {
    try {
      Process process = new ProcessBuilder("mkfifo", path.toString()).start();
      return process.waitFor() == 0 && Files.exists(path);
    } catch (IOException e) {
      return false;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  private static JsonNode attempt(Tool read) {
    var input = JsonNodeFactory.instance.objectNode().put("path", "f.txt");
    ToolContext context = ToolContext.of("plan-1", "step-1", java.time.Duration.ofMinutes(5));
    try {
      return read.invoke(ToolCall.of("fs.read", input), context);
    } catch (SandboxViolationException | ToolExecutionException expected) {
      return null;
    }
  }
}
