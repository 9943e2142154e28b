package dev.olympus.tools.internal.browser;

import dev.olympus.tools.internal.code.ProcessTree;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One headless Chromium with a fresh profile, reachable over DevTools on a loopback port. */
final class Chromium implements AutoCloseable {
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-extensions",
          "--disable-default-apps",
          "--mute-audio",
          "--remote-debugging-address=127.0.0.1",
          "--remote-debugging-port=0",
          "--window-size=1280,900");

  private final Process process;
  private final Path profile;
  private final URI endpoint;

  private Chromium(Process process, Path profile, URI endpoint) {
    this.process = process;
    this.profile = profile;
    this.endpoint = endpoint;
  }

  /**
   * Starts {@code binary} with {@code flags} added and waits (until {@code deadline}) for its
   * DevTools endpoint.
   */
  static Chromium start(Path binary, List<String> flags, Instant deadline)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("olympus-browse-");
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(FLAGS);
    command.addAll(flags);
    command.add("--user-data-dir=" + profile);
    command.add("about:blank");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    process.getOutputStream().close();
    Chromium chromium = null;
    try {
      chromium = new Chromium(process, profile, endpoint(process, profile, deadline));
      return chromium;
    } finally {
      if (chromium == null) {
        new Chromium(process, profile, null).close();
      }
    }
  }

  private static URI endpoint(Process process, Path profile, Instant deadline)
      throws IOException, InterruptedException {
    Path file = profile.resolve("DevToolsActivePort");
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() >= 2) {
          return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        }
      } catch (NoSuchFileException e) {
        // not written yet
      }
      Thread.sleep(50);
    }
    throw new IOException(
        process.isAlive()
            ? "Chromium did not open its DevTools port in time"
            : "Chromium exited with status " + process.exitValue() + " before it was ready");
  }

  URI endpoint() {
    return endpoint;
  }

  /** Kills the browser and its helpers and deletes the profile. */
  @Override
  public void close() throws IOException {
    ProcessTree.kill(process.toHandle());
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
