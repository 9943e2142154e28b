package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.testing.ScriptedProvider;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The run whose transcript the transcript tests export. */
final class TranscriptFixture {
  private TranscriptFixture() {}

  /** Writes a report (asks consent), then asks the model about it; the plan ends DONE. */
  static Plan runGoldenPlan(MemoryStore memory, Path dir) throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    ScriptedProvider model = ScriptedProvider.named("scripted", "m1");
    model.enqueueTexts("Sales grew.");
    try (Olympus olympus =
        Olympus.builder()
            .memory(memory)
            .llm(LlmRouter.builder().local(model).build())
            .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
            .consent(request -> ConsentDecision.allowOnce())
            .build()) {
      Plan plan =
          Plan.builder("golden")
              .step(
                  "draft",
                  s -> s.uses("fs.write").with("path", "report.txt").with("content", "Sales grew."))
              .step(
                  "summarize",
                  s ->
                      s.uses("llm.generate").after("draft").with("prompt", "Summarize the report."))
              .build();
      PlanResult result =
          olympus.executor().submit(plan).await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      return plan;
    }
  }
}
