package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanJson;
import dev.olympus.testing.FakeOpenAi;
import dev.olympus.testing.FakeReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a cloud fallback the terminal says which model answered and what it cost; log lines go to
 * {@code olympus.log}, never between the prompts, unless {@code --verbose}.
 */
class FallbackAndLogsTest {
  // 20 prompt tokens at $0.15 and 30 completion tokens at $0.60 per million.
  private static final String CLOUD_LINE =
      "answered by openai/gpt-4o-mini: 1 call, 50 tokens, $0.000021";

  @TempDir Path home;

  /** A fake OpenAI answering every chat with {@code text}, 20 prompt and 30 completion tokens. */
  private static FakeOpenAi cloudAnswering(String text) {
    FakeOpenAi server = FakeOpenAi.start();
    server.dispatch(request -> FakeReply.text(text).withUsage(20, 30));
    return server;
  }

  private static String[] cloud(FakeOpenAi server, String... args) {
    List<String> all = new ArrayList<>(List.of("--cloud", "--cloud-url", server.uri().toString()));
    all.addAll(List.of("--daily-budget", "1.00"));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  @Test
  void aPlanAnsweredByTheCloudSaysWhichModelAndWhatItCost() throws IOException {
    Plan plan =
        Plan.builder("greet")
            .id("f1")
            .step("greet", s -> s.uses("llm.generate").with("prompt", "say hello"))
            .build();
    Path file = Files.writeString(home.resolve("f1.json"), PlanJson.write(plan));
    try (FakeOpenAi server = cloudAnswering("Hello from the cloud")) {
      CliHarness cli = CliHarness.withoutModel(home);
      assertEquals(0, cli.run("", cloud(server, "run", file.toString())), cli::printed);
      String printed = cli.printed();
      assertTrue(printed.contains("  greet: Hello from the cloud\n"), printed);
      assertTrue(printed.contains("  model: " + CLOUD_LINE + "\n"), printed);
      assertTrue(
          printed.contains(
              "  model: passed over ollama/llama3.2: TransientException: connection refused"),
          printed);
    }
  }

  @Test
  void aChatReplyFromTheCloudSaysWhichModelAndWhatItCost() throws IOException {
    try (FakeOpenAi server = cloudAnswering("Hi there.")) {
      CliHarness cli = CliHarness.withoutModel(home);
      assertEquals(0, cli.run("hello\n", cloud(server, "chat")), cli::printed);
      assertTrue(cli.printed().contains("olympus> Hi there.\n"), cli.printed());
      assertTrue(cli.printed().contains("  (model: " + CLOUD_LINE + ")\n"), cli.printed());
    }
  }

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
