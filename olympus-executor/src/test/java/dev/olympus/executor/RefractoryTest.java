package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.Fact;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refractory feedback: a hard failure is remembered and steers the next similar planning. */
class RefractoryTest {
  static final String READ_PDF =
      """
      {"title":"quarterly notes","steps":[
        {"name":"read","uses":"fs.read","with":{"path":"reports/q3.pdf"}},
        {"name":"write","uses":"fs.write","after":["read"],
         "with":{"path":"notes.md","content":"${read.content}"}}]}
      """;
  static final String READ_PDF_AGAIN =
      """
      {"title":"annual notes","steps":[
        {"name":"read","uses":"fs.read","with":{"path":"reports/annual.pdf"}},
        {"name":"write","uses":"fs.write","after":["read"],
         "with":{"path":"notes.md","content":"${read.content}"}}]}
      """;
  static final String SEARCH_INSTEAD =
      """
      {"title":"annual notes","steps":[
        {"name":"find","uses":"memory.search","with":{"query":"annual report"}},
        {"name":"write","uses":"fs.write","after":["find"],
         "with":{"path":"notes.md","content":"${find.hits}"}}]}
      """;
  static final String NO_ISSUES = "{\"issues\":[]}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aHardFailureIsRememberedAndTheNextSimilarPlanningAvoidsIt() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    try (PlannerModelServer model =
            new PlannerModelServer(
                READ_PDF,
                NO_ISSUES,
                READ_PDF_AGAIN,
                SEARCH_INSTEAD,
                NO_ISSUES,
                SEARCH_INSTEAD,
                NO_ISSUES);
        MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory, workspace, model)) {
      // 1. plan and run: the PDF does not exist, fs.read fails for good
      PlanningResult first = olympus.planner().plan("Summarize the quarterly report into notes");
      assertFalse(model.lastMessage(0, "user").contains("Approaches that failed before"));
      PlanResult run = olympus.executor().submit(first.plan()).await();
      assertEquals(PlanState.FAILED, run.state());
      assertTrue(run.errors().get("read").message().startsWith("ToolExecutionException: "));

      List<Fact> failed = memory.facts().bySubject("olympus.refractory");
      assertEquals(1, failed.size());
      JsonNode approach = JSON.readTree(failed.get(0).value());
      assertEquals("fs.read", approach.path("capability").asText());
      assertEquals("ToolExecutionException", approach.path("errorClass").asText());
      assertEquals("path:reports/*.pdf", approach.path("shape").path("path").asText());
      assertEquals("Summarize the quarterly report into notes", approach.path("goal").asText());

      // 2. a similar goal: the prompt lists the failure, and a draft repeating it is refused
      PlanningResult second = olympus.planner().plan("Summarize the annual report into notes");
      String prompt = model.lastMessage(2, "user");
      assertTrue(prompt.contains("Approaches that failed before"), prompt);
      assertTrue(prompt.contains("fs.read with input shape {\"path\":\"path:reports/*.pdf\"}"));
      assertTrue(prompt.contains("ToolExecutionException"), prompt);
      List<String> problems = second.transcript().problems().get(0).problems();
      assertEquals(1, problems.size());
      assertTrue(problems.get(0).contains("step 'read' repeats an approach that failed before"));
      assertEquals(
          List.of("memory.search", "fs.write"),
          second.plan().steps().stream().map(s -> s.capability().name()).toList());

      // 3. an unrelated goal does not hear about it
      olympus.planner().plan("Fetch the weather forecast for Paris");
      assertFalse(model.lastMessage(5, "user").contains("Approaches that failed before"));
      assertEquals(0, model.remaining());
    }
  }

  @Test
  void transientFailuresAreNotRemembered() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Plan plan =
        Plan.builder("flaky")
            .step("try", s -> s.uses("test.flaky").guard(g -> g.retries(1)))
            .build();

    List<Fact> remembered = remembered(TestTools.flaky("test.flaky", 10, attempts), plan);

    assertEquals(2, attempts.get());
    assertTrue(remembered.isEmpty());
  }

  @Test
  void aHandBuiltPlanCountsItsTitleAsTheGoal() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Plan plan =
        Plan.builder("archive the invoices")
            .step("zip", s -> s.uses("test.broken").with("target", "archive/invoices.zip"))
            .build();

    List<Fact> remembered = remembered(TestTools.broken("test.broken", attempts), plan);

    assertEquals(1, attempts.get());
    JsonNode approach = JSON.readTree(remembered.get(0).value());
    assertEquals("archive the invoices", approach.path("goal").asText());
    assertEquals("test.broken", approach.path("capability").asText());
    assertEquals("path:archive/*.zip", approach.path("shape").path("target").asText());
    assertEquals("[\"archive\",\"invoice\"]", approach.path("keywords").toString());
  }

  @Test
  void aMessageOfTwoHundredCharactersIsKeptWholeAndALongerOneCut() throws Exception {
    String exact = message("test.exact", 200);
    String longer = message("test.longer", 201);
    Plan plan =
        Plan.builder("archive the invoices")
            .step("exact", s -> s.uses("test.exact"))
            .step("longer", s -> s.uses("test.longer").guard(g -> g.optional(true)))
            .build();
    try (MemoryStore memory = SqliteMemoryStore.inMemory();
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(
                    ToolRegistry.builder()
                        .add(TestTools.failing("test.exact", text("test.exact", 200)))
                        .add(TestTools.failing("test.longer", text("test.longer", 201)))
                        .build())
                .build()) {
      // A fact about the plan that is not its goal must not be taken for one.
      memory.facts().put(Fact.of("plan:" + plan.id(), "owner", "alice", "host", Instant.now()));
      olympus.executor().submit(plan).await();

      List<JsonNode> approaches = new ArrayList<>();
      for (Fact f : memory.facts().bySubject("olympus.refractory")) {
        approaches.add(JSON.readTree(f.value()));
      }
      approaches.sort(Comparator.comparing(a -> a.path("capability").asText()));
      assertEquals(exact, approaches.get(0).path("message").asText());
      assertEquals(longer.substring(0, 200) + "…", approaches.get(1).path("message").asText());
      assertEquals("archive the invoices", approaches.get(0).path("goal").asText());
    }
  }

  // The text that makes a failure of tool {@code id} say a message {@code length} characters long.
  private static String text(String id, int length) {
    return "x".repeat(length - message(id, 0).length());
  }

  private static String message(String id, int length) {
    return new ToolExecutionException(id, length == 0 ? "" : text(id, length)).getMessage();
  }

  @Test
  void theSameFailureIsRememberedOnce() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (MemoryStore memory = SqliteMemoryStore.inMemory();
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(
                    ToolRegistry.builder().add(TestTools.broken("test.broken", attempts)).build())
                .build()) {
      for (int i = 0; i < 2; i++) {
        Plan plan = Plan.builder("archive").step("zip", s -> s.uses("test.broken")).build();
        olympus.executor().submit(plan).await();
      }

      assertEquals(2, attempts.get());
      assertEquals(1, memory.facts().bySubject("olympus.refractory").size());
    }
  }

  /** Runs {@code plan} to its failure and returns the failed approaches remembered. */
  private static List<Fact> remembered(Tool tool, Plan plan) throws InterruptedException {
    try (MemoryStore memory = SqliteMemoryStore.inMemory();
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(ToolRegistry.builder().add(tool).build())
                .build()) {
      assertEquals(PlanState.FAILED, olympus.executor().submit(plan).await().state());
      return memory.facts().bySubject("olympus.refractory");
    }
  }

  private static Olympus olympus(MemoryStore memory, Path workspace, PlannerModelServer model) {
    return Olympus.builder()
        .memory(memory)
        .llm(LlmRouter.builder().local(OllamaProvider.at(model.uri(), "llama3.2")).build())
        .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
        .consent(request -> ConsentDecision.allowOnce())
        .build();
  }
}
