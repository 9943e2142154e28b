package dev.olympus.tools.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds programs on the JVM's {@code PATH} and checks that bubblewrap can start here. */
public final class Executables {
  private static final Logger LOG = LoggerFactory.getLogger(Executables.class);

  private Executables() {}

  /** Returns the executable {@code program} names: itself if absolute, else its PATH entry. */
  public static Optional<Path> find(String program) {
    Path given = Path.of(program);
    if (given.isAbsolute()) {
      return Files.isRegularFile(given) && Files.isExecutable(given)
          ? Optional.of(given)
          : Optional.empty();
    }
    if (program.contains("/")) {
      return Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Returns {@code words} with its first word replaced by {@code program}. */
  public static List<String> withProgram(List<String> words, Path program) {
    List<String> out = new ArrayList<>(words);
    out.set(0, program.toString());
    return List.copyOf(out);
  }

  /** Returns bwrap if it is on the PATH and can create its namespaces here. */
  public static Optional<Path> workingBubblewrap() {
    Optional<Path> bwrap = find("bwrap");
    Optional<Path> truth = find("true");
    if (bwrap.isEmpty() || truth.isEmpty()) {
      return Optional.empty();
    }
    List<String> probe = new ArrayList<>(List.of(bwrap.get().toString()));
    probe.addAll(List.of("--unshare-all", "--die-with-parent", "--ro-bind", "/", "/"));
    probe.addAll(List.of("--dev", "/dev", "--proc", "/proc", truth.get().toString()));
    return runs(probe) ? bwrap : Optional.empty();
  }

  private static boolean runs(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      boolean done = process.waitFor(10, TimeUnit.SECONDS);
      String said = new String(process.getInputStream().readNBytes(4096));
      if (done && process.exitValue() == 0) {
        return true;
      }
      process.destroyForcibly();
      LOG.warn("bubblewrap is installed but cannot start here, running without it: {}", said);
      return false;
    } catch (IOException e) {
      LOG.warn("bubblewrap is installed but cannot start here, running without it", e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
