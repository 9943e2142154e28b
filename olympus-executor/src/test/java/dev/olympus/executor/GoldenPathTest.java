package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.testing.FakeOllama;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenPathTest {
  @TempDir Path dir;

  @Test
  void writeReadSummarizeWriteRunsToDoneWithAVerifiedChain() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    try (FakeOllama ollama = FakeOllama.start();
        MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .llm(LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build())
                .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
                .consent(request -> ConsentDecision.allowOnce())
                .build()) {
      ollama.answerEachPrompt(
          prompt -> "SUMMARY: " + prompt.substring(prompt.indexOf('\n') + 1), 12);
      Plan plan =
          Plan.builder("notes from report")
              .step(
                  "draft",
                  s -> s.uses("fs.write").with("path", "report.txt").with("content", "Sales grew."))
              .step("read", s -> s.uses("fs.read").after("draft").with("path", "report.txt"))
              .step(
                  "summarize",
                  s ->
                      s.uses("llm.generate")
                          .after("read")
                          .with("prompt", "Summarize:\n${read.content}"))
              .step(
                  "write",
                  s ->
                      s.uses("fs.write")
                          .after("summarize")
                          .with("path", "notes.md")
                          .with("content", "${summarize.text}"))
              .build();
      List<PlanEvent> seen = new CopyOnWriteArrayList<>();
      PlanRun run = olympus.executor().submit(plan).onEvent(e -> seen.add(e.stored()));
      PlanResult result = run.await();

      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      assertEquals("SUMMARY: Sales grew.", Files.readString(workspace.resolve("notes.md")));
      assertEquals("SUMMARY: Sales grew.", result.output("summarize").get("text").asText());
      assertEquals(1, ollama.chatRequests().size());
      assertTrue(memory.events().verify().intact(), memory.events().verify()::toString);

      List<String> kinds =
          memory.events().byPlan(plan.id()).stream().map(e -> e.event().kind()).toList();
      assertTrue(kinds.contains("consent.decision"), kinds::toString);
      assertTrue(kinds.contains("budget.charge"), kinds::toString);
      assertEquals(
          "DONE",
          memory.events().byPlan(plan.id()).stream()
              .map(StoredEvent::event)
              .filter(e -> e.kind().equals(PlanEvent.PLAN_STATE))
              .reduce((a, b) -> b)
              .orElseThrow()
              .data()
              .get("to")
              .asText());
      assertEquals(PlanState.DONE, memory.checkpoints().load(plan.id()).orElseThrow().state());
    }
  }

  @Test
  void defaultsStartInThreeLinesAndDenyWhatNeedsConsent() throws Exception {
    try (Olympus olympus = Olympus.builder().build()) {
      Plan plan =
          Plan.builder("remember")
              .step(
                  "fact",
                  s ->
                      s.uses("memory.remember")
                          .with("subject", "user")
                          .with("predicate", "likes")
                          .with("value", "tea"))
              .build();
      PlanResult result = olympus.executor().submit(plan).await();
      assertEquals(PlanState.PAUSED, result.state());
      assertEquals(List.of("fact"), result.blockedSteps());
      assertTrue(olympus.memory().facts().bySubject("user").isEmpty());
    }
  }
}
