package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.cli.Pdfs;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanState;
import dev.olympus.testing.FakeOllama;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example program the way its main method does, against fakes where a model is used. */
class ExamplesTest {
  @TempDir Path home;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickstartSummarizesWithTheModelAndWritesNotes() throws Exception {
    try (FakeOllama ollama = FakeOllama.start()) {
      ollama.answerEachPrompt(prompt -> "Revenue up 12%, costs down.", 12);
      LlmRouter llm =
          LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build();
      PlanResult result = Quickstart.run(home, llm, out);
      assertTrue(result.succeeded(), result.errors()::toString);
      assertEquals(
          "Revenue up 12%, costs down.", Files.readString(home.resolve("workspace/notes.md")));
      String prompt = ollama.chatRequests().get(0).lastMessage("user").orElseThrow();
      assertTrue(prompt.startsWith("Summarize:\nRevenue grew 12%"), prompt);
      assertTrue(printed().contains("consent: write"), printed());
    }
  }

  @Test
  void customToolWithATypedRecord() throws Exception {
    PlanResult result = CustomToolExample.run(home, out);
    assertTrue(result.succeeded(), result.errors()::toString);
    assertEquals("{\"olympus\":3,\"plans\":2}", result.output("count").get("words").toString());
    assertTrue(printed().contains("\"required\":[\"text\",\"top\"]"), printed());
  }

  @Test
  void consentFromAHostDialogDeniedThenApproved() throws Exception {
    List<String> questions = new ArrayList<>();
    Iterator<String> presses = List.of("Deny", "Allow once").iterator();
    PlanResult result =
        ConsentFromHostUi.run(
            home,
            (question, buttons) -> {
              questions.add(question);
              return presses.next();
            },
            out);
    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertTrue(questions.get(0).startsWith("Olympus wants to write"), questions::toString);
    assertTrue(printed().contains("step hello is blocked"), printed());
    assertEquals("hi", Files.readString(home.resolve("workspace/hello.txt")));
  }

  @Test
  void consentDeniedTwiceLeavesNothingWritten() throws Exception {
    PlanResult result = ConsentFromHostUi.run(home, (question, buttons) -> "Deny", out);
    assertEquals(PlanState.FAILED, result.state());
    assertTrue(Files.notExists(home.resolve("workspace/hello.txt")));
  }

  @Test
  void ragOverAFolderOfPdfAndMarkdown() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.write(docs.resolve("report.pdf"), Pdfs.pdf("Q3", List.of("Revenue grew 12 percent.")));
    Files.writeString(docs.resolve("notes.md"), "# Notes\n\nThe team shipped offline search.");
    Files.writeString(docs.resolve("broken.pdf"), "not a pdf");
    Files.write(docs.resolve("image.png"), new byte[] {1, 2, 3});
    try (FakeOllama ollama = FakeOllama.start();
        MemoryStore memory = SqliteMemoryStore.inMemory()) {
      ollama.answerEachPrompt(prompt -> "It grew 12 percent [report.pdf].", 12);
      LlmRouter llm =
          LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build();
      FolderIngest.Report report = FolderIngest.ingest(memory, docs);
      assertEquals(
          List.of("notes.md", "report.pdf"),
          report.ingested().stream().map(r -> r.sourceId()).toList());
      assertTrue(report.skipped().get("broken.pdf").startsWith("MALFORMED"), report::toString);
      assertTrue(report.skipped().containsKey("image.png"));
      RagOverFolder.Answer answer =
          new RagOverFolder(memory, llm, Duration.ofMinutes(5)).ask("revenue grew");
      assertEquals("report.pdf", answer.sources().get(0).sourceId());
      assertEquals("It grew 12 percent [report.pdf].", answer.text());
    }
  }

  @Test
  void resumeAfterCrashRunsToTheEndWhenNothingWasInterrupted() throws Exception {
    PlanResult result = ResumeAfterCrash.run(home, out);
    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertTrue(printed().contains("starting plan invoice-42"), printed());
    assertEquals(
        List.of("invoice 42 sent to ACME"),
        Files.readAllLines(home.resolve("workspace/ledger.txt")));
  }
}
