package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.cli.NotesFixture;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanningContext;
import dev.olympus.executor.PlanningEntry;
import dev.olympus.executor.PlanningResult;
import dev.olympus.executor.PlanningTranscript;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Step;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.RecordedRequest;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden task 1, notes from documents: a folder of a PDF and a Markdown file is ingested, the
 * planner turns "summarize these into notes.md with sources" into a plan (through an invalid draft,
 * a draft the critic blocks, and a refinement), the plan runs, and notes.md in the sandbox cites
 * both documents. Run twice against the same scripted model, the transcript, the requests the model
 * saw, the notes and the audit events are the same; each audit chain verifies.
 */
class GoldenNotesTest {
  private static final String SESSION = "golden-notes";

  @TempDir Path dir;

  /** What one run produced that must not vary between runs. */
  private record Run(
      PlanningTranscript transcript,
      List<JsonNode> requests,
      String notes,
      List<String> planningEvents,
      List<String> planEvents,
      List<ConsentRequest> consents) {}

  @Test
  void notesFromDocumentsCiteTheirSourcesAndReplayIdentically() throws Exception {
    Run first = run(dir.resolve("first"));
    Run second = run(dir.resolve("second"));

    assertEquals(first.transcript(), second.transcript(), "the transcript is deterministic");
    assertEquals(first.requests(), second.requests(), "the model is asked the same things");
    assertEquals(first.notes(), second.notes());
    assertEquals(first.planningEvents(), second.planningEvents());
    assertEquals(first.planEvents(), second.planEvents());
    assertEquals(first.consents().size(), second.consents().size());
  }

  private Run run(Path home) throws Exception {
    Path docs = NotesFixture.documents(home.resolve("docs"));
    Path sandbox = Files.createDirectories(home.resolve("workspace"));
    RecordingConsent consent = RecordingConsent.allowingAll();
    try (FakeOllama model = FakeOllama.start();
        MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
        Olympus olympus = olympus(memory, sandbox, model, consent)) {
      model.enqueueTexts(NotesFixture.answers().toArray(String[]::new));
      FolderIngest.Report ingested = FolderIngest.ingest(memory, docs);
      assertEquals(2, ingested.ingested().size(), ingested::toString);
      assertTrue(ingested.skipped().isEmpty(), ingested::toString);

      PlanningResult planned =
          olympus
              .planner()
              .plan(NotesFixture.GOAL, PlanningContext.newSession().withSessionId(SESSION));
      checkPlanning(planned, olympus);
      PlanResult result = olympus.executor().submit(planned.plan()).await();
      assertTrue(result.succeeded(), result.errors()::toString);
      assertEquals(0, model.remaining(), "every scripted answer was used");

      String notes = Files.readString(sandbox.resolve("notes.md"));
      List<JsonNode> requests = model.chatRequests().stream().map(RecordedRequest::json).toList();
      checkNotes(notes, requests);
      checkConsent(consent.requests());
      assertTrue(memory.events().verify().intact(), () -> memory.events().verify().toString());
      assertTrue(Files.exists(docs.resolve("report.pdf")), "the rejected cleanup never ran");
      return new Run(
          planned.transcript(),
          requests.stream().map(r -> r.path("messages")).toList(),
          notes,
          kinds(memory, SESSION),
          kinds(memory, planned.plan().id()),
          consent.requests());
    }
  }

  private static Olympus olympus(
      MemoryStore memory, Path sandbox, FakeOllama model, RecordingConsent consent) {
    return Olympus.builder()
        .memory(memory)
        .llm(LlmRouter.builder().local(OllamaProvider.at(model.uri(), "llama3.2")).build())
        .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(sandbox)).build())
        .consent(consent)
        .parallelism(1)
        .build();
  }

  private static void checkPlanning(PlanningResult planned, Olympus olympus) {
    PlanningTranscript transcript = planned.transcript();
    assertEquals(3, transcript.drafts().size());
    assertEquals(NotesFixture.INVALID, transcript.drafts().get(0).text());
    PlanningEntry.Problems problems = transcript.problems().get(0);
    assertTrue(problems.problems().get(0).contains("'shell.exec' is not an available tool"));
    assertEquals(2, transcript.critiques().size());
    assertTrue(transcript.critiques().get(0).blocking());
    assertFalse(transcript.critiques().get(1).blocking());
    assertFalse(planned.limitReached());
    assertFalse(planned.blocked());
    assertEquals(
        List.of("search", "summarize", "write"),
        planned.plan().steps().stream().map(Step::name).toList());
    assertEquals(transcript, olympus.planner().transcript(SESSION).orElseThrow());
  }

  private static void checkNotes(String notes, List<JsonNode> requests) {
    assertTrue(notes.startsWith("# Notes\n\n" + NotesFixture.SUMMARY), notes);
    String sources = notes.substring(notes.indexOf("## Sources"));
    assertTrue(sources.contains("- report.pdf\n"), notes);
    assertTrue(sources.contains("- roadmap.md\n"), notes);
    String summarize =
        requests.get(requests.size() - 1).path("messages").toString().replace("\\n", "\n");
    assertTrue(summarize.contains("[report.pdf] Quarterly report: revenue grew 12%"), summarize);
    assertTrue(summarize.contains("[roadmap.md] # Roadmap"), summarize);
  }

  private static void checkConsent(List<ConsentRequest> consents) {
    assertEquals(1, consents.size(), consents::toString);
    assertEquals("fs.write", consents.get(0).toolId());
    assertTrue(consents.get(0).summary().contains("notes.md"), consents.get(0).summary());
  }

  private static List<String> kinds(MemoryStore memory, String planId) {
    return memory.events().byPlan(planId).stream()
        .map(StoredEvent::event)
        .map(e -> e.kind() + e.stepId().map(s -> " " + s).orElse(""))
        .toList();
  }
}
