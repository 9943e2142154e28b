package dev.olympus.executor;

import static dev.olympus.executor.ChatModelServer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.llm.Usage;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The window policy, summaries, retrieval with citations, and escalation to a plan. */
class ChatMemoryTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Wire.class)
  void turnsLeavingTheWindowAreSummarizedByTheModel(Wire wire) throws Exception {
    try (ChatModelServer model =
            new ChatModelServer(
                wire, text("Hi Ada."), text("Noted."), text("The user is Ada."), text("Ada."));
        ChatFixture fixture = new ChatFixture(dir, model.router());
        ChatSession chat =
            fixture.olympus.chat("s-window", ChatOptions.builder().windowTurns(2).build())) {
      chat.send("My name is Ada.");
      chat.send("I like tea.");
      Reply reply = chat.send("Who am I?");

      assertEquals(4, model.requests().size(), "three rounds and one summary");
      assertTrue(
          contents(model.messages(2)).contains("User: My name is Ada."), "summarized turn 1");
      String sent = contents(model.messages(3));
      assertTrue(sent.contains("Summary of the earlier conversation:\nThe user is Ada."), sent);
      assertFalse(sent.contains("My name is Ada."), "turn 1 left the window");
      assertTrue(sent.contains("I like tea."), "turn 2 is in the window");
      assertEquals(new Usage(200, 40), reply.usage(), "the summary is counted");
      assertEquals(1, fixture.events("s-window", "chat.summary").size());
      assertEquals(6, chat.history().size(), "the stored conversation keeps every message");
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void retrievalAddsCitedPassages(Wire wire) throws Exception {
    try (ChatModelServer model = new ChatModelServer(wire, text("25 days [1]."));
        ChatFixture fixture = new ChatFixture(dir, model.router());
        ChatSession chat =
            fixture.olympus.chat("s-rag", ChatOptions.builder().retrieval(2).build())) {
      fixture
          .memory
          .documents()
          .ingest(
              "handbook.md", "Vacation policy: every employee gets 25 vacation days.", Map.of());
      Reply reply = chat.send("How many vacation days do I get?");

      assertEquals("handbook.md", reply.citations().get(0).sourceId());
      assertTrue(
          contents(model.messages(0)).contains("[1] handbook.md (chunk 0): Vacation policy"));
      assertEquals(1, fixture.events("s-rag", "chat.retrieval").size());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void escalationHandsTheProposedTaskToThePlanner(Wire wire) throws Exception {
    try (ChatModelServer model =
            new ChatModelServer(wire, text("I would read each report, then write notes.md."));
        ChatFixture fixture = new ChatFixture(dir, model.router());
        ChatSession chat =
            fixture.olympus.chat(
                "s-plan", ChatOptions.builder().sessionBudget(Budget.ofTokens(10_000)).build())) {
      chat.send("Summarize all reports into notes.md");
      RecordingPlanner planner = new RecordingPlanner();
      PlanningResult result = chat.escalate(planner);

      String goal = planner.goals.get(0);
      assertTrue(goal.startsWith("Summarize all reports into notes.md"), goal);
      assertTrue(goal.contains("I would read each report, then write notes.md."), goal);
      PlanningContext context = planner.contexts.get(0);
      assertTrue(context.sessionId().startsWith("s-plan/plan-"));
      assertEquals(Optional.of(Budget.ofTokens(10_000 - 120)), context.budget());
      JsonNode escalated = fixture.events("s-plan", "chat.escalated").get(0).data();
      assertEquals(result.plan().id(), escalated.path("planId").asText());
    }
  }

  private static String contents(JsonNode messages) {
    StringBuilder all = new StringBuilder();
    messages.forEach(m -> all.append(m.path("content").asText()).append('\n'));
    return all.toString();
  }

  /** A planner that returns a one-step plan and records what it was asked. */
  static final class RecordingPlanner implements Planner {
    final List<String> goals = new CopyOnWriteArrayList<>();
    final List<PlanningContext> contexts = new CopyOnWriteArrayList<>();

    @Override
    public PlanningResult plan(String goal, PlanningContext context) {
      goals.add(goal);
      contexts.add(context);
      Plan plan =
          Plan.builder("summarize reports")
              .step("read", s -> s.uses("files.read").with("path", "report.txt"))
              .build();
      return new PlanningResult(
          plan, new PlanningTranscript(context.sessionId(), goal, List.of()), false, List.of());
    }

    @Override
    public Optional<PlanningTranscript> transcript(String sessionId) {
      return Optional.empty();
    }

    @Override
    public int maxRefinements() {
      return 0;
    }

    @Override
    public Planner withMaxRefinements(int maxRefinements) {
      return this;
    }
  }
}
