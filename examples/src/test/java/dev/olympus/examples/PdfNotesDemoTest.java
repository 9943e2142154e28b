package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.cli.Pdfs;
import dev.olympus.cli.ScriptedOllama;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanState;
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
    List<ConsentRequest> asked = new CopyOnWriteArrayList<>();
    List<URI> opened = new CopyOnWriteArrayList<>();
    try (ScriptedOllama model = ScriptedOllama.texts("- revenue grew 12% in Q3");
        MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      PlanResult result =
          PdfNotesDemo.run(
              memory,
              workspace,
              "report.pdf",
              OllamaProvider.at(model.uri(), "llama3.2"),
              request -> {
                asked.add(request);
                return ConsentDecision.allowAlways(); // still asked again for desktop.open
              },
              target -> {
                opened.add(target);
                return "the test's viewer";
              });

      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      assertTrue(
          model.requests().get(0).toString().contains("Revenue grew 12 percent"),
          "the model saw the PDF's text");
      String notes = Files.readString(workspace.resolve("notes.md"));
      assertTrue(notes.contains("- revenue grew 12% in Q3"), notes);
      assertTrue(notes.contains("Source: report.pdf"), notes);
      assertEquals(List.of(workspace.toRealPath().resolve("report.pdf").toUri()), opened);
      List<String> tools = asked.stream().map(ConsentRequest::toolId).toList();
      assertTrue(tools.contains("fs.write") && tools.contains("desktop.open"), tools::toString);
      assertTrue(memory.events().verify().intact(), "the audit chain of the whole run verifies");
    }
  }
}
