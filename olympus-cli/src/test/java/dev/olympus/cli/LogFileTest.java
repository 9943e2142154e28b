package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log lines go to {@code olympus.log}, never between the prompts, unless {@code --verbose}. Runs
 * the real {@code main()} in a child JVM (so PIT, which mutates in memory, leaves it out).
 */
class LogFileTest {
  @TempDir Path home;

  @Test
  void logLinesGoToTheLogFileUnlessVerbose() throws Exception {
    Path db = home.resolve("data/olympus.db");
    for (int run = 1; run <= 2; run++) {
      Run quiet = olympus("--db", db.toString(), "plans");
      assertEquals(0, quiet.code, quiet.err);
      assertEquals("no plans yet; run one with `olympus run <plan.json>`\n", quiet.out);
      assertEquals("", quiet.err);
    }
    String log = Files.readString(db.resolveSibling("olympus.log"));
    String line = "INFO dev.olympus.cli.OlympusCli - olympus " + Version.number() + " plans;";
    assertEquals(2, log.split(line, -1).length - 1, "appended, one line a run: " + log);

    Run error = olympus("--db", db.toString(), "ingest", home.resolve("nowhere").toString());
    assertEquals("error: no such folder: " + home.resolve("nowhere") + "\n", error.err);

    String logged = Files.readString(db.resolveSibling("olympus.log"));
    Run verbose = olympus("--db", db.toString(), "--verbose", "plans");
    assertEquals(0, verbose.code, verbose.err);
    assertFalse(verbose.out.contains("INFO"), verbose.out);
    assertTrue(verbose.err.contains(line), verbose.err);
    assertEquals(
        logged, Files.readString(db.resolveSibling("olympus.log")), "nothing logged there");
  }

  private record Run(int code, String out, String err) {}

  // The real main() in a fresh JVM: logging is chosen once per process, before the first logger.
  private Run olympus(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 22) {
      command.add("--enable-native-access=ALL-UNNAMED"); // what the jar's manifest says
    }
    command.addAll(List.of("-cp", System.getProperty("olympus.child.classpath")));
    command.add(OlympusCli.class.getName());
    command.addAll(List.of("--sandbox", home.resolve("workspace").toString()));
    command.addAll(List.of(args));
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(
                ProcessBuilder.Redirect.from(Files.createTempFile(home, "in", "").toFile()))
            .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the CLI hung");
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
