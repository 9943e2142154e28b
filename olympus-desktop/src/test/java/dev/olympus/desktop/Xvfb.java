package dev.olympus.desktop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** A virtual X server this test starts (and stops) when the machine has no display. */
final class Xvfb implements AutoCloseable {
  private static final Path SOCKETS = Path.of("/tmp/.X11-unix");
  private static final Duration START = Duration.ofSeconds(20);

  private final Process process;
  private final String display;

  private Xvfb(Process process, String display) {
    this.process = process;
    this.display = display;
  }

  /** The Xvfb binary on the PATH, if there is one. */
  static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "Xvfb"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts {@code binary} on a free display and waits until it accepts connections. */
  static Xvfb start(Path binary) throws IOException, InterruptedException {
    int number = freeDisplay();
    Process process =
        new ProcessBuilder(
                binary.toString(), ":" + number, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path socket = SOCKETS.resolve("X" + number);
    Instant until = Instant.now().plus(START);
    while (!Files.exists(socket)) {
      if (!process.isAlive() || Instant.now().isAfter(until)) {
        process.destroyForcibly();
        throw new IOException("Xvfb did not start on :" + number);
      }
      Thread.sleep(50);
    }
    return new Xvfb(process, ":" + number);
  }

  String display() {
    return display;
  }

  private static int freeDisplay() throws IOException {
    for (int n = 90; n < 200; n++) {
      if (!Files.exists(SOCKETS.resolve("X" + n))
          && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
        return n;
      }
    }
    throw new IOException("no free X display number between :90 and :199");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
