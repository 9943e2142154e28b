package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.OpenAiCompatibleProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Money;
import dev.olympus.plan.Step;
import dev.olympus.testing.FakeReply;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner's loop against a scripted model server: every branch, the limit, the transcript. */
class PlannerTest {
  static final String INVALID =
      """
      {"title":"notes","steps":[
        {"name":"run","uses":"shell.exec","with":{"cmd":"cat report.txt"}},
        {"name":"read","uses":"fs.read","with":{"path":42},"after":["write"]},
        {"name":"write","uses":"fs.write","after":["read"],
         "with":{"path":"notes.md","content":"${read.content}"}}]}
      """;
  static final String RISKY =
      """
      {"title":"notes","steps":[
        {"name":"read","uses":"fs.read","with":{"path":"docs/report.txt"}},
        {"name":"write","uses":"fs.write","after":["read"],
         "with":{"path":"notes.md","content":"${read.content}"}},
        {"name":"cleanup","uses":"fs.delete","after":["write"],"with":{"path":"docs"}}]}
      """;
  static final String REFINED =
      """
      {"title":"notes from the report","steps":[
        {"name":"read","uses":"fs.read","with":{"path":"docs/report.txt"}},
        {"name":"write","uses":"fs.write","after":["read"],
         "with":{"path":"notes.md","content":"${read.content}"}}]}
      """;
  static final String BLOCKING =
      """
      {"issues":[{"severity":"blocking","kind":"unnecessary-side-effect","step":"cleanup",
        "message":"deleting docs is not part of the goal"}]}
      """;
  static final String MINOR =
      """
      {"issues":[{"severity":"minor","kind":"other","step":"",
        "message":"the notes could cite the report"}]}
      """;
  static final String GOAL = "Write notes.md from docs/report.txt";

  @TempDir Path workspace;

  @Test
  void invalidThenRiskyThenRefined() throws Exception {
    try (PlannerModelServer model =
            new PlannerModelServer(INVALID, RISKY, BLOCKING, REFINED, MINOR);
        MemoryStore memory = SqliteMemoryStore.open(workspace.resolve("olympus.db"));
        Olympus olympus = olympus(memory, ollama(model, EnumSet.allOf(Capability.class)))) {
      PlanningContext context = PlanningContext.newSession().withSessionId("session-1");

      PlanningResult result = olympus.planner().plan(GOAL, context);

      assertEquals(
          List.of("read", "write"), result.plan().steps().stream().map(Step::name).toList());
      assertFalse(result.limitReached());
      assertFalse(result.blocked());
      assertEquals(1, result.openIssues().size());
      List<PlanningEntry> entries = result.transcript().entries();
      assertEquals(6, entries.size());
      assertEquals(new PlanningEntry.Draft(1, INVALID), entries.get(0));
      PlanningEntry.Problems problems =
          assertInstanceOf(PlanningEntry.Problems.class, entries.get(1));
      assertEquals(new PlanningEntry.Draft(2, RISKY), entries.get(2));
      PlanningEntry.Critique risky = assertInstanceOf(PlanningEntry.Critique.class, entries.get(3));
      assertEquals(new PlanningEntry.Draft(3, REFINED), entries.get(4));
      assertEquals(new PlanningEntry.Critique(3, result.openIssues()), entries.get(5));

      String all = String.join("\n", problems.problems());
      assertTrue(all.contains("$.steps[0].uses: 'shell.exec' is not an available tool"), all);
      assertTrue(all.contains("$.steps[1].with.path"), all);
      assertTrue(all.contains("cycle"), all);
      assertTrue(risky.blocking());
      assertEquals(CritiqueIssue.Kind.UNNECESSARY_SIDE_EFFECT, risky.issues().get(0).kind());
      assertEquals("cleanup", risky.issues().get(0).step());

      // what the model was asked, request by request
      List<JsonNode> requests = model.requests();
      assertEquals(5, requests.size());
      assertEquals(0, model.remaining());
      assertTrue(model.lastMessage(0, "system").contains("- fs.read (read-only"));
      assertTrue(model.lastMessage(0, "user").contains(GOAL));
      assertTrue(requests.get(0).path("format").isObject(), "JSON Schema answer format");
      assertTrue(
          requests.get(0).toString().contains("\"enum\":[\"fs.read\""),
          "the schema limits uses to the registered tools");
      assertTrue(model.lastMessage(1, "user").contains("is not an available tool"));
      assertTrue(model.lastMessage(2, "system").contains("You review plans"));
      assertTrue(model.lastMessage(2, "user").contains("\"cleanup\""));
      assertTrue(model.lastMessage(3, "user").contains("[blocking unnecessary-side-effect]"));
      assertEquals(6, requests.get(3).path("messages").size(), "the conversation keeps every turn");

      // the transcript is stored, in order, under the session id
      assertEquals(result.transcript(), olympus.planner().transcript("session-1").orElseThrow());
      List<String> kinds =
          memory.events().byPlan("session-1").stream().map(e -> e.event().kind()).toList();
      assertEquals(
          List.of(
              "planning.started",
              "planning.draft",
              "planning.problems",
              "planning.draft",
              "planning.critique",
              "planning.draft",
              "planning.critique",
              "planning.finished"),
          kinds);
      StoredEvent finished = memory.events().byPlan("session-1").get(7);
      assertEquals(result.plan().id(), finished.event().data().path("planId").asText());
    }
  }

  @Test
  void depthLimitHolds() throws Exception {
    String retitled = RISKY.replace("\"notes\"", "\"notes again\"");
    try (PlannerModelServer model = new PlannerModelServer(RISKY, BLOCKING, retitled, BLOCKING);
        Olympus olympus = olympus(null, ollama(model, EnumSet.allOf(Capability.class)))) {
      PlanningResult result = olympus.planner().withMaxRefinements(1).plan(GOAL);

      assertTrue(result.limitReached());
      assertTrue(result.blocked());
      assertEquals("notes again", result.plan().title());
      assertEquals(2, result.transcript().drafts().size());
      assertEquals(2, result.transcript().critiques().size());
      assertEquals(4, model.requests().size());
    }
  }

  @Test
  void defaultDepthIsThreeRefinements() throws Exception {
    try (Olympus olympus = Olympus.builder().build()) {
      assertEquals(3, olympus.planner().maxRefinements());
      assertThrows(IllegalArgumentException.class, () -> olympus.planner().withMaxRefinements(-1));
      assertThrows(IllegalArgumentException.class, () -> olympus.planner().withMaxRefinements(21));
      assertEquals(0, olympus.planner().withMaxRefinements(0).maxRefinements());
      assertEquals(20, olympus.planner().withMaxRefinements(20).maxRefinements());
    }
  }

  @Test
  void noValidDraftWithinTheLimitFailsWithTheTranscript() throws Exception {
    try (PlannerModelServer model = new PlannerModelServer(INVALID, "not json at all", INVALID);
        MemoryStore memory = SqliteMemoryStore.inMemory();
        Olympus olympus = olympus(memory, ollama(model, EnumSet.allOf(Capability.class)))) {
      PlanningContext context = PlanningContext.newSession();

      PlanningFailedException e =
          assertThrows(
              PlanningFailedException.class,
              () -> olympus.planner().withMaxRefinements(2).plan(GOAL, context));

      assertEquals(3, e.transcript().drafts().size());
      assertEquals(3, e.transcript().problems().size());
      assertTrue(e.transcript().problems().get(1).problems().get(0).contains("not JSON"));
      assertEquals(e.transcript(), olympus.planner().transcript(context.sessionId()).orElseThrow());
      List<StoredEvent> events = memory.events().byPlan(context.sessionId());
      assertEquals("planning.failed", events.get(events.size() - 1).event().kind());
    }
  }

  @Test
  void aModelFailureKeepsTheTranscriptSoFar() throws Exception {
    try (PlannerModelServer model = new PlannerModelServer(INVALID);
        MemoryStore memory = SqliteMemoryStore.inMemory();
        Olympus olympus = olympus(memory, ollama(model, EnumSet.allOf(Capability.class)))) {
      PlanningContext context = PlanningContext.newSession();

      assertThrows(LlmException.class, () -> olympus.planner().plan(GOAL, context));

      PlanningTranscript stored = olympus.planner().transcript(context.sessionId()).orElseThrow();
      assertEquals(1, stored.drafts().size());
      assertEquals(1, stored.problems().size());
      List<StoredEvent> events = memory.events().byPlan(context.sessionId());
      assertEquals("planning.failed", events.get(events.size() - 1).event().kind());
    }
  }

  @Test
  void fallsBackToJsonModeWhenTheProviderLacksJsonSchema() throws Exception {
    try (PlannerModelServer model = new PlannerModelServer(REFINED, "{\"issues\":[]}");
        Olympus olympus =
            olympus(null, ollama(model, EnumSet.of(Capability.JSON_MODE, Capability.STREAMING)))) {
      PlanningResult result = olympus.planner().plan(GOAL);

      assertFalse(result.limitReached());
      assertTrue(result.openIssues().isEmpty());
      assertEquals(2, model.requests().size());
      for (JsonNode request : model.requests()) {
        assertEquals("json", request.path("format").asText());
      }
    }
  }

  @Test
  void aCloudOutageMakesOnlyThatCallSettleForJsonMode() throws Exception {
    try (PlannerModelServer local = new PlannerModelServer(REFINED);
        PlannerModelServer cloud =
            PlannerModelServer.openAiAfter(FakeReply.serverError(), "{\"issues\":[]}", REFINED)) {
      LlmRouter router =
          LlmRouter.builder()
              .local(ollama(local, EnumSet.of(Capability.JSON_MODE, Capability.STREAMING)))
              .fallback(OpenAiCompatibleProvider.of(cloud.uri(), "", "gpt-4o"), Pricing.FREE)
              .cloudFallback(true)
              .dailyBudget(Money.usd("1.00"))
              .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
              .build();
      try (Olympus olympus =
          Olympus.builder()
              .llm(router)
              .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
              .build()) {
        olympus.planner().plan(GOAL);
        // The second critique is the first one's request again: the router's cache answers it.
        assertEquals(2, olympus.planner().plan(GOAL).plan().steps().size());
      }

      assertEquals(1, local.requests().size(), "only the draft asked while the cloud was down");
      assertEquals("json", local.requests().get(0).path("format").asText());
      assertEquals(0, cloud.remaining());
      for (JsonNode request : cloud.requests()) {
        assertEquals("json_schema", request.path("response_format").path("type").asText());
      }
    }
  }

  @Test
  void speaksOpenAiWireFormatWithJsonSchema() throws Exception {
    try (PlannerModelServer model = PlannerModelServer.openAi(REFINED, "{\"issues\":[]}")) {
      LlmProvider openAi = OpenAiCompatibleProvider.of(model.uri(), "", "gpt-4o-mini");
      try (Olympus olympus = olympus(null, openAi)) {
        PlanningResult result = olympus.planner().plan(GOAL);

        assertEquals(2, result.plan().steps().size());
        JsonNode format = model.requests().get(0).path("response_format");
        assertEquals("json_schema", format.path("type").asText());
        assertEquals("plan", format.path("json_schema").path("name").asText());
        assertEquals(
            "critique",
            model
                .requests()
                .get(1)
                .path("response_format")
                .path("json_schema")
                .path("name")
                .asText());
      }
    }
  }

  @Test
  void aRefusalEndsPlanningWithTheRefusalInsteadOfBeingParsedAsADraft() throws Exception {
    try (PlannerModelServer model =
        PlannerModelServer.openAi(PlannerModelServer.REFUSE + "I can't help with that.", REFINED)) {
      LlmProvider openAi = OpenAiCompatibleProvider.of(model.uri(), "", "gpt-4o-mini");
      try (MemoryStore memory = SqliteMemoryStore.inMemory();
          Olympus olympus = olympus(memory, openAi)) {
        PlanningContext context = PlanningContext.newSession();
        PlanningFailedException e =
            assertThrows(
                PlanningFailedException.class, () -> olympus.planner().plan(GOAL, context));
        assertTrue(e.getMessage().contains("I can't help with that."), e::getMessage);
        assertEquals(1, model.requests().size(), "a refusal is not argued with");
        List<StoredEvent> events = memory.events().byPlan(context.sessionId());
        StoredEvent failed = events.get(events.size() - 1);
        assertEquals("planning.failed", failed.event().kind());
        assertTrue(failed.event().data().path("reason").asText().contains("I can't help"));
      }
    }
  }

  @Test
  void openAiWithoutJsonSchemaUsesJsonObjectMode() throws Exception {
    try (PlannerModelServer model = PlannerModelServer.openAi(REFINED, "{\"issues\":[]}")) {
      LlmProvider openAi =
          OpenAiCompatibleProvider.builder(model.uri(), "", "gpt-4o-mini")
              .capabilities(EnumSet.of(Capability.JSON_MODE))
              .build();
      try (Olympus olympus = olympus(null, openAi)) {
        olympus.planner().plan(GOAL);

        for (JsonNode request : model.requests()) {
          assertEquals("json_object", request.path("response_format").path("type").asText());
        }
      }
    }
  }

  @Test
  void contextBudgetIsAppliedAndEnforced() throws Exception {
    String greedy = REFINED.replace("{\"title\"", "{\"budget\":{\"tokens\":50000},\"title\"");
    try (PlannerModelServer model = new PlannerModelServer(greedy, REFINED, "{\"issues\":[]}");
        Olympus olympus = olympus(null, ollama(model, EnumSet.allOf(Capability.class)))) {
      PlanningContext context = PlanningContext.newSession().withBudget(Budget.ofTokens(20_000));

      PlanningResult result = olympus.planner().plan(GOAL, context);

      assertTrue(
          result.transcript().problems().get(0).problems().get(0).contains("at most 20000 tokens"));
      assertEquals(Budget.ofTokens(20_000), result.plan().budget());
      assertTrue(model.lastMessage(0, "user").contains("at most: 20000 tokens\n"));
      assertFalse(model.lastMessage(0, "user").contains("What you should know"));
    }
  }

  @Test
  void theGoalMessageGivesBothLimitsAndTheNotes() throws Exception {
    try (PlannerModelServer model = new PlannerModelServer(REFINED, "{\"issues\":[]}");
        Olympus olympus = olympus(null, ollama(model, EnumSet.allOf(Capability.class)))) {
      PlanningContext context =
          PlanningContext.newSession()
              .withBudget(Budget.ofTokens(20_000).andUsd("0.50"))
              .withNote("The user keeps reports in docs/.");

      olympus.planner().plan(GOAL, context);

      String tools = model.lastMessage(0, "system");
      assertTrue(tools.contains("\n- fs.read (read-only; needs consent for fs.read): "), tools);
      assertTrue(tools.contains("\n- memory.search (read-only): "), tools);
      assertFalse(tools.contains("output schema: {}"), "an empty output schema is left out");
      String asked = model.lastMessage(0, "user");
      assertTrue(asked.contains("at most: 20000 tokens and $0.50\n"), asked);
      assertTrue(
          asked.contains("\nWhat you should know:\n- The user keeps reports in docs/.\n"), asked);
    }
  }

  @Test
  void oneInvalidDraftWithoutRefinementsFailsSayingSo() throws Exception {
    try (PlannerModelServer model = new PlannerModelServer(INVALID);
        Olympus olympus = olympus(null, ollama(model, EnumSet.allOf(Capability.class)))) {
      PlanningFailedException e =
          assertThrows(
              PlanningFailedException.class,
              () -> olympus.planner().withMaxRefinements(0).plan(GOAL));
      assertTrue(e.getMessage().startsWith("no valid plan after 1 draft for goal"), e::getMessage);
    }
  }

  @Test
  void planningWithoutAModelThrowsATypedException() {
    try (Olympus olympus = Olympus.builder().build()) {
      ModelNotConfiguredException e =
          assertThrows(ModelNotConfiguredException.class, () -> olympus.planner().plan(GOAL));
      assertTrue(e.getMessage().contains("planning needs a language model"));
    }
  }

  private Olympus olympus(MemoryStore memory, LlmProvider provider) {
    Olympus.Builder builder =
        Olympus.builder()
            .llm(LlmRouter.builder().local(provider).build())
            .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build());
    return memory == null ? builder.build() : builder.memory(memory).build();
  }

  private static LlmProvider ollama(PlannerModelServer model, EnumSet<Capability> capabilities) {
    return OllamaProvider.builder(model.uri(), "llama3.2").capabilities(capabilities).build();
  }
}
