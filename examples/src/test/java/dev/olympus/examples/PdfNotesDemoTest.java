package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.cli.Pdfs;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanState;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original demo: a PDF read, summarized by the model, noted in notes.md, its source opened. */
class PdfNotesDemoTest {
  @TempDir Path dir;

  @Test
  void readSummarizeWriteAndOpenTheSourceEachWithConsent() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    Files.write(
        workspace.resolve("report.pdf"),
        Pdfs.pdf("Quarterly report", List.of("Revenue grew 12 percent in the third quarter.")));
    RecordingConsent consent =
        RecordingConsent.answering(
            request -> ConsentDecision.allowAlways()); // still asked again for desktop.open
    List<URI> opened = new CopyOnWriteArrayList<>();
    try (FakeOllama model = FakeOllama.start();
        MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      model.enqueueTexts("- revenue grew 12% in Q3");
      PlanResult result =
          PdfNotesDemo.run(
              memory,
              workspace,
              "report.pdf",
              OllamaProvider.at(model.uri(), "llama3.2"),
              consent,
              target -> {
                opened.add(target);
                return "the test's viewer";
              });

      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      assertTrue(
          model.chatRequests().get(0).body().contains("Revenue grew 12 percent"),
          "the model saw the PDF's text");
      String notes = Files.readString(workspace.resolve("notes.md"));
      assertTrue(notes.contains("- revenue grew 12% in Q3"), notes);
      assertTrue(notes.contains("Source: report.pdf"), notes);
      assertEquals(List.of(workspace.toRealPath().resolve("report.pdf").toUri()), opened);
      List<String> tools = consent.requests().stream().map(ConsentRequest::toolId).toList();
      assertTrue(tools.contains("fs.write") && tools.contains("desktop.open"), tools::toString);
      assertTrue(memory.events().verify().intact(), "the audit chain of the whole run verifies");
    }
  }
}
