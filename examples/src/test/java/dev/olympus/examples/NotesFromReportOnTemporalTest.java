package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.PlanResult;
import dev.olympus.executor.RunEvent;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotesFromReportOnTemporalTest {
  @TempDir Path home;

  @Test
  void theSamePlanWritesTheSameCitedNotesOnTemporalsTestService() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlanResult result =
        NotesFromReportOnTemporal.run(home, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    String notes = Files.readString(home.resolve("workspace/notes/notes.md"));
    assertTrue(notes.contains("Revenue grew 12%"), notes);
    assertTrue(notes.contains("[q3-report.md]"), notes);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("audit chain: Intact"), printed);
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"))) {
      List<String> finished =
          memory.events().byPlan(result.snapshot().planId()).stream()
              .map(e -> RunEvent.of(e.event()))
              .filter(e -> e instanceof RunEvent.StepChanged s && s.to() == StepState.DONE)
              .map(e -> ((RunEvent.StepChanged) e).stepId())
              .toList();
      assertEquals(List.of("search", "notes"), finished, "both steps, logged in the host's store");
    }
  }
}
