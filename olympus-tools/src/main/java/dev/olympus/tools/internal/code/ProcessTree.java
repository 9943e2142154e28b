package dev.olympus.tools.internal.code;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one process with a scrubbed environment and a time limit that kills its whole tree. */
public final class ProcessTree {
  /** How long the readers may take to finish once the process has ended. */
  private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

  /** What a run produced. */
  record Outcome(int exitCode, boolean timedOut, CappedStream stdout, CappedStream stderr) {}

  private ProcessTree() {}

  /**
   * Runs {@code command} in {@code dir} with exactly {@code environment} and stdin closed.
   *
   * @throws InterruptedException if interrupted; the process tree is killed first
   */
  static Outcome run(
      List<String> command, Path dir, Map<String, String> environment, Duration limit, int cap)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<CappedStream> out = reader(process, false, cap);
    CompletableFuture<CappedStream> err = reader(process, true, cap);
    boolean finished;
    try {
      finished = process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
    } finally {
      kill(process.toHandle());
    }
    int exit = process.waitFor();
    return new Outcome(exit, !finished, drained(out), drained(err));
  }

  private static CompletableFuture<CappedStream> reader(Process process, boolean err, int cap) {
    CompletableFuture<CappedStream> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(
                    CappedStream.drain(
                        err ? process.getErrorStream() : process.getInputStream(), cap));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "code.run-" + (err ? "stderr" : "stdout") + "-" + process.pid());
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** Kills every descendant (while the root still holds them) and then the root. */
  public static void kill(ProcessHandle root) {
    for (int pass = 0; pass < 3 && root.descendants().findAny().isPresent(); pass++) {
      root.descendants().forEach(ProcessHandle::destroyForcibly);
    }
    root.destroyForcibly();
    root.descendants().forEach(ProcessHandle::destroyForcibly);
  }

  private static CappedStream drained(CompletableFuture<CappedStream> reader)
      throws IOException, InterruptedException {
    try {
      return reader.get(DRAIN_GRACE.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IOException("output still open after the process ended (a detached process)", e);
    } catch (ExecutionException e) {
      throw new IOException("reading the output failed: " + e.getCause().getMessage(), e);
    }
  }
}
