package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.PlanResult;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracing example prints the span tree of its plan, exported through the OpenTelemetry SDK. */
class TracedPlanTest {
  @TempDir Path home;

  @Test
  void printsThePlanWithItsAttemptsToolCallsAndModelCall() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (FakeOllama ollama = FakeOllama.start();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ollama.enqueue(FakeReply.text("Waves fold on the shore").withUsage(14, 6));
      PlanResult result = TracedPlan.run(home, ollama.uri(), "llama3.2", out);
      assertTrue(result.succeeded(), result.errors()::toString);
    }
    assertEquals("Waves fold on the shore", Files.readString(home.resolve("workspace/haiku.txt")));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("plan DONE; its spans:", lines.get(0));
    assertEquals("plan", lines.get(1));
    assertEquals(7, lines.size(), lines::toString);
    assertEquals("  step ask", lines.get(2));
    // The two calls of a step in either order: a model call's start is computed from its latency.
    assertEquals(
        Set.of("    chat llama3.2 (tokens in 14, out 6)", "    execute_tool llm.generate"),
        Set.copyOf(lines.subList(3, 5)));
    assertEquals(List.of("  step save", "    execute_tool fs.write"), lines.subList(5, 7));
  }
}
