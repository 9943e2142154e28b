package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden task 4, consent: a write without consent leaves the step BLOCKED with nothing written;
 * after the host approves, it runs, is logged, and returns the written path.
 */
class GoldenConsentTest {
  @TempDir Path dir;

  @Test
  void deniedWriteIsBlockedThenApprovedRunsAndIsLogged() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    RecordingConsent consent =
        RecordingConsent.answering(request -> ConsentDecision.deny("the user is away"));
    Plan plan =
        Plan.builder("write notes")
            .id("consent-plan")
            .step(
                "write",
                s -> s.uses("fs.write").with("path", "notes/notes.md").with("content", "# Notes\n"))
            .build();
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
                .consent(consent)
                .build()) {
      PlanRun run = olympus.executor().submit(plan);
      PlanResult blocked = run.await();
      assertEquals(PlanState.PAUSED, blocked.state());
      assertEquals(StepState.BLOCKED, blocked.snapshot().step("write").state());
      assertEquals(List.of("write"), blocked.blockedSteps());
      assertTrue(Files.notExists(workspace.resolve("notes")), "nothing was written");
      List<ConsentRequest> asked = consent.requests();
      assertEquals(1, asked.size());
      assertEquals("fs.write", asked.get(0).toolId());
      assertTrue(asked.get(0).summary().contains("notes/notes.md"), asked.get(0).summary());
      assertTrue(kinds(memory).contains("consent.decision"), kinds(memory)::toString);

      run.approve("write");
      PlanResult done = run.await();
      assertEquals(PlanState.DONE, done.state(), () -> done.errors().toString());
      assertEquals("notes/notes.md", done.output("write").get("path").asText());
      assertEquals("# Notes\n", Files.readString(workspace.resolve("notes/notes.md")));
      assertEquals(1, consent.requests().size(), "approval is not asked again");
      List<PlanEvent> events = events(memory);
      assertTrue(
          events.stream()
              .anyMatch(
                  e ->
                      e.kind().equals(PlanEvent.STEP_STATE)
                          && e.stepId().orElse("").equals("write")
                          && e.data().path("to").asText().equals("DONE")),
          events::toString);
      assertTrue(memory.events().verify().intact());
    }
  }

  private static List<PlanEvent> events(MemoryStore memory) {
    return memory.events().byPlan("consent-plan").stream().map(StoredEvent::event).toList();
  }

  private static List<String> kinds(MemoryStore memory) {
    return events(memory).stream().map(PlanEvent::kind).toList();
  }
}
