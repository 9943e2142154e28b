package dev.olympus.cli;

import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A command line with no model, its files in a temporary home, and what it last printed. */
abstract class CliTestBase {
  @TempDir Path home;
  CliHarness cli;
  String printed = "";

  @BeforeEach
  void harness() {
    cli = CliHarness.withoutModel(home);
  }

  /** Runs {@code olympus <args>} with {@code input} as the terminal's answers; the exit code. */
  int olympus(String input, String... args) {
    int code = cli.run(input, args);
    printed = cli.printed();
    return code;
  }

  /** Writes {@code plan} into a file named after its id. */
  Path planFile(Plan plan) throws IOException {
    return Files.writeString(home.resolve(plan.id() + ".json"), PlanJson.write(plan));
  }

  /** A plan {@code id} whose one step {@code write} writes {@code content} to {@code path}. */
  static Plan writePlan(String id, String path, String content) {
    return Plan.builder("write notes")
        .id(id)
        .step("write", s -> s.uses("fs.write").with("path", path).with("content", content))
        .build();
  }
}
