package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanJson;
import dev.olympus.testing.FakeOpenAi;
import dev.olympus.testing.FakeReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a cloud fallback the terminal says which model answered and what it cost. */
class FallbackTest {
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
}
