package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.ToolCall;
import dev.olympus.tools.HookedFileSystem.Op;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the race tests find by chance, made certain: a file or directory is changed at the exact
 * moment between a tool's check and its open or rename (by a hook of {@link HookedFileSystem} on
 * the real files), and the tool refuses, never follows, never waits on a pipe and never leaves a
 * temporary file behind. A failure the operating system would report (a full disk, a denied open)
 * is injected the same way. The class timeout only turns a read stuck on a pipe (the failure under
 * test) into a failure instead of a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SandboxSwapTest {
  @TempDir Path temp;
  private Path root;
  private Path outside;
  private final HookedFileSystem files = new HookedFileSystem();
  private List<Tool> tools;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(temp.resolve("root"));
    outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("f.txt"), "SECRET");
    Files.createDirectory(root.resolve("d"));
    Files.writeString(root.resolve("d/f.txt"), "inside");
    Files.writeString(root.resolve("f.txt"), "hello");
    tools = FileTools.builder(files.wrap(root)).build();
  }

  /**
   * Runs the tool itself, as a host calling {@link Tool#invoke} does: through a registry, the
   * precheck would meet the hook first, and only the call's own checks are under test here.
   */
  private String run(String toolId, String input) {
    Tool tool = tools.stream().filter(t -> t.id().equals(toolId)).findFirst().orElseThrow();
    return tool.invoke(ToolCall.of(toolId, json(input)), context()).toString();
  }

  private <T extends Throwable> T refused(Class<T> type, String toolId, String input) {
    T e = assertThrows(type, () -> run(toolId, input));
    assertTrue(files.allRan(), "the hook ran");
    return e;
  }

  private static void fifo(Path path) throws IOException {
    try {
      Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
      assertEquals(0, mkfifo.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Renames a new pipe over {@code file}, so the name gets another inode (no reuse). */
  private void pipeOver(Path file) throws IOException {
    Path pipe = temp.resolve("pipe");
    fifo(pipe);
    Files.move(pipe, file, REPLACE_EXISTING);
  }

  private List<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aPipeSwappedInBeforeTheOpenIsRefusedAndNotWaitedOn() {
    files.before(Op.OPEN, "f.txt", () -> pipeOver(root.resolve("f.txt")));
    SandboxViolationException e =
        refused(SandboxViolationException.class, "fs.read", "{'path':'f.txt'}");
    assertTrue(e.getMessage().contains("pipe"), e.getMessage());
  }

  @Test
  void aPipeSwappedInBeforeTheLinkCountIsReadIsRefusedBeforeAnyOpen() {
    files.before(Op.ATTRIBUTES, "f.txt", () -> pipeOver(root.resolve("f.txt")));
    SandboxViolationException e =
        refused(SandboxViolationException.class, "fs.read", "{'path':'f.txt'}");
    assertTrue(e.getMessage().contains("changed while it was being opened"), e.getMessage());
  }

  @Test
  void anotherFileOfTheSameSizeRenamedOverTheNameIsRefused() {
    files.before(
        Op.OPEN,
        "f.txt",
        () -> {
          Path other = Files.writeString(temp.resolve("other"), "HELLO");
          Files.move(other, root.resolve("f.txt"), REPLACE_EXISTING);
        });
    SandboxViolationException e =
        refused(SandboxViolationException.class, "fs.read", "{'path':'f.txt'}");
    assertTrue(e.getMessage().contains("changed while it was being opened"), e.getMessage());
  }

  @Test
  void aFileThatGrowsBeforeTheOpenIsRefused() {
    files.before(
        Op.OPEN,
        "f.txt",
        () -> Files.writeString(root.resolve("f.txt"), " world", StandardOpenOption.APPEND));
    SandboxViolationException e =
        refused(SandboxViolationException.class, "fs.read", "{'path':'f.txt'}");
    assertTrue(e.getMessage().contains("changed while it was being opened"), e.getMessage());
  }

  @Test
  void aHardLinkMadeFromOutsideBeforeTheOpenIsRefused() {
    files.before(
        Op.OPEN, "f.txt", () -> Files.createLink(outside.resolve("link"), root.resolve("f.txt")));
    SandboxViolationException e =
        refused(SandboxViolationException.class, "fs.read", "{'path':'f.txt'}");
    assertTrue(e.getMessage().contains("several hard links"), e.getMessage());
  }

  @Test
  void aDirectorySwappedForALinkOutsideIsNeitherReadNorWrittenThrough() throws IOException {
    files.before(Op.OPEN_DIRECTORY, "d", () -> linkOutside("d"));
    SandboxViolationException read =
        refused(SandboxViolationException.class, "fs.read", "{'path':'d/f.txt'}");
    assertTrue(read.getMessage().contains("symbolic link"), read.getMessage());

    Files.delete(root.resolve("d"));
    Files.move(root.resolve("d-old"), root.resolve("d"));
    files.before(Op.OPEN_DIRECTORY, "d", () -> linkOutside("d"));
    refused(SandboxViolationException.class, "fs.write", "{'path':'d/new.txt','content':'x'}");
    assertEquals(List.of("f.txt"), names(outside));
    assertEquals("SECRET", Files.readString(outside.resolve("f.txt")));
  }

  private void linkOutside(String name) throws IOException {
    Files.move(root.resolve(name), root.resolve(name + "-old"));
    Files.createSymbolicLink(root.resolve(name), outside);
  }

  @Test
  void aDirectorySwappedForAFileIsRefused() {
    files.before(
        Op.OPEN_DIRECTORY,
        "d",
        () -> {
          Files.move(root.resolve("d"), temp.resolve("d-away"));
          Files.writeString(root.resolve("d"), "now a file");
        });
    SandboxViolationException e =
        refused(SandboxViolationException.class, "fs.read", "{'path':'d/f.txt'}");
    assertTrue(e.getMessage().contains("non-directory"), e.getMessage());
  }

  @Test
  void aDirectoryRemovedBeforeTheOpenIsMissingNotAViolation() {
    files.before(
        Op.OPEN_DIRECTORY, "d", () -> Files.move(root.resolve("d"), temp.resolve("d-away")));
    ToolExecutionException e =
        refused(ToolExecutionException.class, "fs.read", "{'path':'d/f.txt'}");
    assertTrue(e.getMessage().contains("no such file or directory 'd'"), e.getMessage());
  }

  @Test
  void aDirectoryTheSystemWillNotOpenIsAFailureNotAViolation() {
    files.before(
        Op.OPEN_DIRECTORY,
        "d",
        () -> {
          throw new AccessDeniedException("d", null, "Permission denied");
        });
    ToolExecutionException e =
        refused(ToolExecutionException.class, "fs.read", "{'path':'d/f.txt'}");
    assertTrue(e.getMessage().contains("cannot open 'd': Permission denied"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void aRenameThatFailsLeavesNoTemporaryFileBehind() throws IOException {
    files.before(
        Op.MOVE,
        "new.txt",
        () -> {
          Files.createDirectory(root.resolve("new.txt"));
          Files.writeString(root.resolve("new.txt/kept"), "kept");
        });
    refused(ToolException.class, "fs.write", "{'path':'new.txt','content':'x'}");
    assertEquals(List.of("d", "f.txt", "new.txt"), names(root));
    assertEquals(List.of("kept"), names(root.resolve("new.txt")));
  }

  @Test
  void aWriteThatFailsLikeAFullDiskLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    files.before(
        Op.WRITE,
        ".olympus-write-",
        () -> {
          throw new IOException("No space left on device");
        });
    ToolExecutionException e =
        refused(ToolExecutionException.class, "fs.write", "{'path':'f.txt','content':'new'}");
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertEquals(List.of("d", "f.txt"), names(root));
    assertEquals("hello", Files.readString(root.resolve("f.txt")));
  }

  @Test
  void aTemporaryFileLeftByACrashedWriteDoesNotBlockTheNext() throws IOException {
    Path stale = Files.writeString(root.resolve(".olympus-write-0000000000000000.tmp"), "stale");
    run("fs.write", "{'path':'f.txt','content':'new'}");
    assertEquals("new", Files.readString(root.resolve("f.txt")));
    assertEquals("stale", Files.readString(stale));
  }

  @Test
  void aFileThatHoldsMoreThanItsSizeSaysIsStillCutAtTheLimit() {
    // Files under /proc report a size of 0 whatever they hold; the limit must hold while reading.
    tools = FileTools.builder(Path.of("/proc/self")).maxReadBytes(10).build();
    ToolExecutionException e =
        assertThrows(ToolExecutionException.class, () -> run("fs.read", "{'path':'status'}"));
    assertTrue(e.getMessage().contains("larger than the read limit of 10 bytes"), e.getMessage());
  }
}
