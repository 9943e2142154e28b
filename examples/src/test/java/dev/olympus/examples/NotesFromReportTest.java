package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.PlanResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotesFromReportTest {
  @TempDir Path home;

  @Test
  void theExampleWritesCitedNotesAndAVerifiedChain() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlanResult result =
        NotesFromReport.run(home, new PrintStream(bytes, true, StandardCharsets.UTF_8), null);
    assertTrue(result.succeeded(), result.errors()::toString);
    String notes = Files.readString(home.resolve("workspace/notes/notes.md"));
    assertTrue(notes.contains("Revenue grew 12%"), notes);
    assertTrue(notes.contains("[q3-report.md]"), notes);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("audit chain: Intact"), printed);
  }
}
