package dev.olympus.executor;

import static dev.olympus.executor.ChatModelServer.text;
import static dev.olympus.executor.ChatModelServer.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.ChatMemoryTest.RecordingPlanner;
import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.executor.ChatToolCall.Outcome;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.PlanEvent;
import dev.olympus.testing.FakeReply;
import dev.olympus.testing.ScriptedProvider;
import dev.olympus.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Where a chat message stops: budgets spent exactly, the day's budget renewed the next day, a
 * cancelled message, a failing model, tools the session does not offer or calls that do not fit
 * their schema, a failing listener; and what an escalation hands the planner.
 */
class ChatBoundsTest extends ChatTests {

  @Test
  void aSessionTokenBudgetSpentExactlyRefusesTheNextMessage() {
    ChatBudgetExceededException refused =
        secondMessage(Wire.OLLAMA, tokenBudget(300), text("first").withUsage(250, 50))
            .orElseThrow();
    assertEquals("session token budget of 300 is spent (300)", refused.getMessage());
    assertEquals(0, refused.partial().rounds(), "refused before its first round");
  }

  @Test
  void aRoundThatMightNotFitWhatIsLeftOfTheSessionBudgetIsNeverSent() {
    // 50 tokens are left; the next round may use up to 100 for its answer alone
    assertTrue(
        secondMessage(Wire.OLLAMA, tokenBudget(300), text("first").withUsage(200, 50)).isPresent());
  }

  @Test
  void aSessionDollarBudgetSpentExactlyRefusesTheNextMessage() {
    // 100 prompt and 20 completion tokens at $1 and $2 per million: $0.00014.
    ChatBudgetExceededException refused =
        secondMessage(Wire.OPENAI, usdBudget("0.00014"), text("first")).orElseThrow();
    assertEquals("session budget of $0.00014 is spent ($0.00014)", refused.getMessage());
  }

  @Test
  void aSessionDollarBudgetNotYetSpentLetsTheNextMessageThrough() {
    assertEquals(Optional.empty(), secondMessage(Wire.OPENAI, usdBudget("0.00015"), text("first")));
  }

  /** Sends one message, then another; returns how the second was refused, or empty if answered. */
  private Optional<ChatBudgetExceededException> secondMessage(
      Wire wire, ChatOptions options, FakeReply first) {
    try (ChatConversation c = open(wire, "s-budget", options, first, text("second"))) {
      c.chat().send("one");
      try {
        assertEquals("second", c.chat().send("two").text());
        return Optional.empty();
      } catch (ChatBudgetExceededException refused) {
        assertEquals(1, c.model().requests().size(), "the refused round was never sent");
        return Optional.of(refused);
      }
    }
  }

  @Test
  void theDailyChatBudgetIsSpentExactlyAndRenewedTheNextDay() throws Exception {
    SettableClock clock = SettableClock.at(Instant.parse("2026-03-01T23:00:00Z"));
    ChatOptions daily =
        ChatOptions.builder()
            .tools(Set.of())
            .dailyBudget(Budget.ofTokens(120).andUsd("0.00014"))
            .maxTokens(20)
            .build();
    try (ChatModelServer model =
            new ChatModelServer(Wire.OPENAI, text("today"), text("tomorrow"), text("never"));
        MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder().memory(memory).llm(model.router()).clock(clock).build();
        ChatSession chat = olympus.chat("s-daily", daily)) {
      chat.send("hello");
      ChatBudgetExceededException refused =
          assertThrows(ChatBudgetExceededException.class, () -> chat.send("again"));
      assertEquals("daily chat token budget of 120 is spent (120)", refused.getMessage());

      clock.advance(Duration.ofHours(2));
      assertEquals("tomorrow", chat.send("again").text());
      assertEquals(2, model.requests().size());
    }
  }

  @Test
  void theDailyDollarBudgetCountsWhatEverySessionSpentThatDay() throws Exception {
    ChatOptions daily = ChatOptions.builder().dailyBudget(Budget.ofUsd("0.00014")).build();
    try (ChatModelServer model = new ChatModelServer(Wire.OPENAI, text("hi"), text("never"));
        ChatFixture fixture = new ChatFixture(dir, model.router());
        ChatSession first = fixture.olympus.chat("s-day-a", daily);
        ChatSession second = fixture.olympus.chat("s-day-b", daily)) {
      first.send("hello");
      ChatBudgetExceededException refused =
          assertThrows(ChatBudgetExceededException.class, () -> second.send("hello"));
      assertEquals("daily chat budget of $0.00014 is spent ($0.00014)", refused.getMessage());
    }
  }

  @Test
  void theToolCallLimitCountsEveryRoundOfTheMessage() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-count",
            ChatOptions.builder().maxToolCalls(3).build(),
            tools("files_read", "{\"path\":\"a\"}"),
            tools("files_read", "{\"path\":\"b\"}", "files_read", "{\"path\":\"c\"}"),
            tools("files_read", "{\"path\":\"d\"}"),
            text("never"))) {
      Reply reply = c.chat().send("read four files");

      assertEquals(Reply.Stop.TOOL_CALL_LIMIT, reply.stop());
      assertEquals(3, reply.rounds(), "two calls of a limit of three left in round 2 go on");
      assertEquals(
          List.of("Succeeded", "Succeeded", "Succeeded", "NotRun"),
          reply.toolCalls().stream()
              .map(call -> call.outcome().getClass().getSimpleName())
              .toList());
      assertEquals(3, c.model().requests().size());
    }
  }

  @Test
  void theModelHintPicksTheProviderServingThatModel() throws Exception {
    ScriptedProvider first = ScriptedProvider.named("first", "m-first");
    ScriptedProvider second = ScriptedProvider.named("second", "m-second");
    second.enqueueTexts("from the second");
    LlmRouter router = LlmRouter.builder().local(first).local(second).build();
    try (Olympus olympus = Olympus.builder().llm(router).build();
        ChatSession chat =
            olympus.chat("s-hint", ChatOptions.builder().modelHint("m-second").build())) {
      assertEquals("from the second", chat.send("hello").text());
      assertEquals(List.of(), first.requests());
    }
  }

  @Test
  void aMessageCancelledWhileConsentIsAskedRunsNothingMore() throws Exception {
    try (ChatConversation c =
        open(Wire.OLLAMA, "s-stop", tools("notes_write", "{\"text\":\"x\"}"), text("never"))) {
      Cancellation cancellation = new Cancellation();
      c.fixture().whenAsked = cancellation::cancel; // the person presses stop, then allows
      Reply reply = c.chat().stream("note x", new ChatListener() {}, cancellation);

      assertEquals(Reply.Stop.CANCELLED, reply.stop());
      assertTrue(c.fixture().notes.isEmpty(), "the approved call never ran");
      assertInstanceOf(Outcome.Failed.class, reply.toolCalls().get(0).outcome());
      assertEquals(1, c.model().requests().size());
    }
  }

  @Test
  void aToolFailingFiveTimesRunningIsNotCalledAgainWhileItsBreakerIsOpen() throws Exception {
    String oslo = "{\"city\":\"Oslo\"}";
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-breaker",
            tools(
                "weather_get",
                oslo,
                "weather_get",
                oslo,
                "weather_get",
                oslo,
                "weather_get",
                oslo,
                "weather_get",
                oslo),
            tools("weather_get", oslo),
            text("the weather service is down"))) {
      Reply reply = c.chat().send("weather, five times");

      assertEquals(6, reply.toolCalls().size());
      assertEquals(
          new Outcome.Failed("circuit breaker of tool 'weather.get' is open"),
          reply.toolCalls().get(5).outcome());
      assertEquals(Reply.Stop.ANSWERED, reply.stop());
    }
  }

  @Test
  void aMessageCancelledBeforeItsFirstRoundSendsNothing() throws Exception {
    try (ChatConversation c = open(Wire.OLLAMA, "s-cancel", text("never"))) {
      Cancellation cancellation = new Cancellation();
      cancellation.cancel();
      Reply reply = c.chat().stream("hello", new ChatListener() {}, cancellation);

      assertEquals(Reply.Stop.CANCELLED, reply.stop());
      assertEquals(0, reply.rounds());
      assertEquals("", reply.text());
      assertTrue(c.model().requests().isEmpty());
      JsonNode stopped = c.fixture().events("s-cancel", "chat.stopped").get(0).data();
      assertEquals("CANCELLED", stopped.path("stop").asText());
    }
  }

  @Test
  void aFailingModelEndsTheMessageWithTheErrorAndLogsWhy() throws Exception {
    try (ChatConversation c =
        open(Wire.OLLAMA, "s-fail", FakeReply.error(400, "model llama9 not found"))) {
      assertThrows(LlmException.class, () -> c.chat().send("hello"));

      JsonNode stopped = c.fixture().events("s-fail", "chat.stopped").get(0).data();
      assertEquals("FAILED", stopped.path("stop").asText());
      assertEquals(1, stopped.path("rounds").asInt());
      assertTrue(stopped.path("detail").asText().contains("llama9"), stopped::toString);
    }
  }

  @Test
  void aFailedSummaryLeavesTheOlderTurnsOutAndTheMessageGoesOn() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-nosum",
            ChatOptions.builder().windowTurns(1).build(),
            text("one"),
            FakeReply.error(400, "no summaries"),
            text("two"))) {
      c.chat().send("first");
      assertEquals("two", c.chat().send("second").text());

      assertEquals(
          List.of("user: second"),
          ChatPromptTest.conversation(c.model().messages(2)),
          "no summary");
      assertTrue(c.fixture().events("s-nosum", "chat.summary").isEmpty());
    }
  }

  @Test
  void aToolTheSessionDoesNotOfferNeverRunsAndIsNeverAskedAbout() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-offer",
            ChatOptions.builder().tools(Set.of("files.read")).build(),
            tools("notes_write", "{\"text\":\"x\"}", "files_read", "{\"path\":\"a\"}"),
            text("done"))) {
      Reply reply = c.chat().send("write and read");

      assertEquals(
          new Outcome.Failed("there is no tool named 'notes_write'"),
          reply.toolCalls().get(0).outcome());
      assertInstanceOf(Outcome.Succeeded.class, reply.toolCalls().get(1).outcome());
      assertTrue(c.fixture().notes.isEmpty());
      assertTrue(c.fixture().consent.requests().isEmpty());
      List<String> offered = new java.util.ArrayList<>();
      c.model().requests().get(0).path("tools").forEach(t -> offered.add(functionName(t)));
      assertEquals(List.of("files_read"), offered);
    }
  }

  @Test
  void aSessionMayOfferAModelToolWhenItNamesIt() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-llm",
            ChatOptions.builder().tools(Set.of("llm.generate")).build(),
            text("ok"))) {
      c.chat().send("hello");
      List<String> offered = new java.util.ArrayList<>();
      c.model().requests().get(0).path("tools").forEach(t -> offered.add(functionName(t)));
      assertEquals(List.of("llm_generate"), offered);
    }
  }

  @Test
  void aCallThatDoesNotFitItsSchemaFailsBeforeAnyoneIsAsked() throws Exception {
    try (ChatConversation c =
        open(Wire.OLLAMA, "s-schema", tools("notes_write", "{\"words\":\"x\"}"), text("sorry"))) {
      Reply reply = c.chat().send("note x");

      Outcome outcome = reply.toolCalls().get(0).outcome();
      assertInstanceOf(Outcome.Failed.class, outcome);
      assertTrue(((Outcome.Failed) outcome).error().contains("text"), outcome::toString);
      assertTrue(
          c.fixture().consent.requests().isEmpty(), "nobody is asked about a malformed call");
      assertTrue(c.fixture().notes.isEmpty());
      JsonNode logged = c.fixture().events("s-schema", "chat.tool").get(0).data();
      assertEquals("FAILED", logged.path("status").asText());
      assertEquals(((Outcome.Failed) outcome).error(), logged.path("detail").asText());
    }
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheConversation() throws Exception {
    assertTheConversationGoesOn("s-listener", () -> new IllegalStateException("listener bug"));
  }

  @Test
  void aListenerThatThrowsAnErrorDoesNotStopTheConversation() throws Exception {
    assertTheConversationGoesOn("s-listener-error", () -> new AssertionError("listener bug"));
  }

  // {@code thrown} gives a RuntimeException or an Error, thrown by every callback of the listener.
  private void assertTheConversationGoesOn(String session, Supplier<Throwable> thrown)
      throws Exception {
    ChatListener broken =
        new ChatListener() {
          @Override
          public void onToken(String text) {
            fail();
          }

          @Override
          public void onToolCallStarted(
              String callId, String toolId, JsonNode arguments, int round) {
            fail();
          }

          @Override
          public void onToolCallFinished(ChatToolCall call) {
            fail();
          }

          private void fail() {
            Throwable t = thrown.get();
            if (t instanceof Error error) {
              throw error;
            }
            throw (RuntimeException) t;
          }
        };
    try (ChatConversation c =
        open(Wire.OLLAMA, session, tools("files_read", "{\"path\":\"a\"}"), text("all read"))) {
      Reply reply = c.chat().stream("read a", broken, new Cancellation());
      assertEquals("all read", reply.text());
      assertInstanceOf(Outcome.Succeeded.class, reply.toolCalls().get(0).outcome());
    }
  }

  @Test
  void escalationProposesTheLastAnswerWithTextAndTheBudgetLeftInTokensAndDollars()
      throws Exception {
    try (ChatConversation c =
        open(
            Wire.OPENAI,
            "s-esc",
            ChatOptions.builder()
                .maxRounds(1)
                .tools(Set.of("files.read"))
                .maxTokens(100)
                .sessionBudget(Budget.ofTokens(1000).andUsd("1"))
                .build(),
            text("I propose a plan."),
            tools("files_read", "{\"path\":\"a\"}"))) {
      c.chat().send("Tidy my notes");
      assertEquals(Reply.Stop.ROUND_LIMIT, c.chat().send("Go on").stop());
      RecordingPlanner planner = new RecordingPlanner();
      c.chat().escalate(planner);

      assertEquals("Go on\n\nThe assistant proposed:\nI propose a plan.", planner.goals.get(0));
      assertEquals(
          Optional.of(Budget.ofTokens(1000 - 240).andUsd("0.99972")),
          planner.contexts.get(0).budget());
    }
  }

  @Test
  void escalationWithAGoalHandsOverTheGoalAndTheSummarySoFar() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-goal",
            ChatOptions.builder().windowTurns(1).build(),
            text("one"),
            text("The user tidies."),
            text("two"))) {
      RecordingPlanner planner = new RecordingPlanner();
      var none = assertThrows(IllegalStateException.class, () -> c.chat().escalate(planner));
      assertEquals("chat s-goal has no messages yet", none.getMessage());
      c.chat().escalate(planner, "Start somewhere");

      c.chat().send("first");
      c.chat().send("second");
      PlanningResult result = c.chat().escalate(planner, "Tidy the notes folder");

      assertEquals(List.of("Start somewhere", "Tidy the notes folder"), planner.goals);
      assertEquals(List.of(), planner.contexts.get(0).notes());
      assertEquals(
          List.of("Earlier in the conversation: The user tidies."),
          planner.contexts.get(1).notes());
      assertEquals(Optional.empty(), planner.contexts.get(1).budget(), "no session budget");
      List<PlanEvent> events = c.fixture().events("s-goal", "chat.escalated");
      assertEquals(1, events.get(0).data().path("turn").asInt(), "before the first turn");
      JsonNode escalated = events.get(1).data();
      assertEquals("Tidy the notes folder", escalated.path("goal").asText());
      assertEquals(planner.contexts.get(1).sessionId(), escalated.path("planningSession").asText());
      assertEquals(result.blocked(), escalated.path("blocked").asBoolean());
      assertEquals(2, escalated.path("turn").asInt());
    }
  }

  private static ChatOptions usdBudget(String usd) {
    return ChatOptions.builder().sessionBudget(Budget.ofUsd(usd)).build();
  }

  // No tools offered, so the prompt is small and a round fits a budget of a few hundred tokens.
  private static ChatOptions tokenBudget(long tokens) {
    return ChatOptions.builder()
        .tools(Set.of())
        .sessionBudget(Budget.ofTokens(tokens))
        .maxTokens(100)
        .build();
  }

  private static String functionName(JsonNode tool) {
    return tool.path("function").path("name").asText();
  }
}
