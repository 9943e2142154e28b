package dev.olympus.executor;

import static dev.olympus.executor.ChatModelServer.text;
import static dev.olympus.executor.ChatModelServer.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.executor.ChatToolCall.Outcome;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.Usage;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Money;
import dev.olympus.plan.PlanEvent;
import dev.olympus.tools.ConsentDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chat tool loop against scripted Ollama and OpenAI servers, on a real SQLite store. */
class ChatSessionTest extends ChatTests {

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aTwoRoundToolLoopStreamsTokensAndToolProgress(Wire wire) throws Exception {
    try (ChatConversation c =
        open(wire, "s-1", tools("files_read", "{\"path\":\"a.txt\"}"), text("a.txt says hello"))) {
      Recorder recorder = new Recorder();
      Reply reply = c.chat().stream("What does a.txt say?", recorder);

      assertEquals("a.txt says hello", reply.text());
      assertEquals(Reply.Stop.ANSWERED, reply.stop());
      assertEquals(2, reply.rounds());
      assertEquals(String.join("", recorder.tokens), "a.txt says hello");
      assertEquals(List.of("start files.read", "end files.read Succeeded"), recorder.progress);
      ChatToolCall call = reply.toolCalls().get(0);
      assertEquals("files.read", call.call().toolId());
      assertEquals(
          "contents of a.txt",
          ((Outcome.Succeeded) call.outcome()).result().path("content").asText());

      assertEquals(2, c.model().requests().size());
      assertTrue(offered(c.model().requests().get(0)).contains("files_read"));
      assertFalse(
          offered(c.model().requests().get(0)).contains("llm_generate"), "llm.* is not offered");
      JsonNode second = c.model().messages(1);
      JsonNode assistant = second.get(second.size() - 2);
      assertEquals(
          "files_read", assistant.path("tool_calls").get(0).path("function").path("name").asText());
      JsonNode result = second.get(second.size() - 1);
      assertEquals("tool", result.path("role").asText());
      assertTrue(result.path("content").asText().contains("contents of a.txt"));
      if (wire == Wire.OPENAI) {
        assertEquals(
            assistant.path("tool_calls").get(0).path("id").asText(),
            result.path("tool_call_id").asText());
      } else {
        assertEquals("files_read", result.path("tool_name").asText());
      }
      assertEquals(4, c.chat().history().size());
      assertEquals(4, c.fixture().events("s-1", "chat.message").size());
      assertEquals(1, c.fixture().events("s-1", "chat.tool").size());
      assertEquals(2, c.fixture().events("s-1", "chat.usage").size());
      assertTrue(c.fixture().memory.events().verify().intact());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aDeniedCallIsToldToTheModelAndTheHostAndNeverRuns(Wire wire) throws Exception {
    try (ChatConversation c =
        open(
            wire,
            "s-deny",
            tools("notes_write", "{\"text\":\"buy milk\"}"),
            text("Understood, no note."))) {
      c.fixture().allowNotes = false;
      Recorder recorder = new Recorder();
      Reply reply = c.chat().stream("Note: buy milk", recorder);

      assertEquals("Understood, no note.", reply.text());
      Outcome outcome = reply.toolCalls().get(0).outcome();
      assertEquals(new Outcome.Denied("the user said no"), outcome);
      assertEquals(List.of("start notes.write", "end notes.write Denied"), recorder.progress);
      assertTrue(c.fixture().notes.isEmpty(), "a refused call never runs");
      assertEquals("notes.write", c.fixture().consent.requests().get(0).toolId());
      assertEquals("s-deny", c.fixture().consent.requests().get(0).planId());
      JsonNode told = last(c.model().messages(1));
      assertEquals("tool", told.path("role").asText());
      assertTrue(told.path("content").asText().contains("consent denied"));
      assertTrue(told.path("content").asText().contains("the user said no"));
      assertTrue(
          c.fixture().events("s-deny", "consent.decision").stream()
              .anyMatch(e -> e.data().path("decision").asText().equals("DENIED")));
      assertEquals(
          "DENIED",
          c.fixture().events("s-deny", "chat.tool").get(0).data().path("status").asText());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aPersonMayAnswerInTheToolsPlaceAndTheModelReceivesThat(Wire wire) throws Exception {
    try (ChatConversation c =
        open(
            wire,
            "s-answer",
            tools("notes_write", "{\"text\":\"buy milk\"}"),
            text("Noted elsewhere."))) {
      c.fixture().answer =
          ConsentDecision.answerInstead(ChatFixture.parse("{\"saved\":\"on paper\"}"));
      Reply reply = c.chat().send("Note: buy milk");

      assertEquals("Noted elsewhere.", reply.text());
      assertTrue(c.fixture().notes.isEmpty(), "the tool never ran");
      JsonNode told = last(c.model().messages(1));
      assertEquals("tool", told.path("role").asText());
      assertTrue(told.path("content").asText().contains("on paper"), told::toString);
      assertTrue(
          c.fixture().events("s-answer", "consent.decision").stream()
              .anyMatch(e -> e.data().path("decision").asText().equals("ANSWERED")));
    }
  }

  @Test
  void aGrantForTheSessionIsNotAskedAgainUntilTheSessionCloses() throws Exception {
    String note = "{\"text\":\"tea\"}";
    try (ChatModelServer model =
            new ChatModelServer(
                Wire.OLLAMA,
                tools("notes_write", note),
                text("saved"),
                tools("notes_write", note),
                text("saved again"),
                tools("notes_write", note),
                text("saved a third time"));
        ChatFixture fixture = new ChatFixture(dir, model.router())) {
      fixture.answer = ConsentDecision.allowForPlan();
      ChatSession chat = fixture.olympus.chat("s-grant");
      chat.send("note tea");
      chat.send("note tea again");
      assertEquals(1, fixture.consent.requests().size(), "allowed for the session");
      chat.close();

      fixture.olympus.chat("s-grant").send("and once more");
      assertEquals(2, fixture.consent.requests().size(), "the grant ended with the session");
      assertEquals(3, fixture.notes.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aFailingCallBesideASucceedingOneKeepsBothResults(Wire wire) throws Exception {
    try (ChatConversation c =
        open(
            wire,
            "s-fail",
            tools("weather_get", "{\"city\":\"Oslo\"}", "files_read", "{\"path\":\"b.txt\"}"),
            text("b.txt read; weather unavailable"))) {
      Reply reply = c.chat().send("Weather in Oslo and b.txt?");

      assertEquals(2, reply.toolCalls().size());
      Outcome weather = reply.toolCalls().get(0).outcome();
      assertInstanceOf(Outcome.Failed.class, weather);
      assertTrue(((Outcome.Failed) weather).error().contains("weather service unreachable"));
      assertInstanceOf(Outcome.Succeeded.class, reply.toolCalls().get(1).outcome());
      JsonNode second = c.model().messages(1);
      JsonNode first = second.get(second.size() - 2);
      JsonNode other = second.get(second.size() - 1);
      assertTrue(first.path("content").asText().contains("weather service unreachable"));
      assertTrue(other.path("content").asText().contains("contents of b.txt"));
      assertEquals(Reply.Stop.ANSWERED, reply.stop());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void readOnlyCallsOfOneRoundRunConcurrently(Wire wire) throws Exception {
    try (ChatConversation c =
        open(
            wire,
            "s-par",
            tools("sync_meet", "{\"city\":\"a\"}", "sync_meet", "{\"city\":\"b\"}"),
            text("both met"))) {
      Reply reply = c.chat().send("meet");
      for (ChatToolCall call : reply.toolCalls()) {
        assertTrue(
            ((Outcome.Succeeded) call.outcome()).result().path("met").asBoolean(), "" + call);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void theRoundLimitStopsTheLoopAndAnswersEveryCall(Wire wire) throws Exception {
    String args = "{\"path\":\"a.txt\"}";
    try (ChatConversation c =
        open(
            wire,
            "s-limit",
            ChatOptions.builder().maxRounds(2).build(),
            tools("files_read", args),
            tools("files_read", args),
            tools("files_read", args))) {
      Reply reply = c.chat().send("loop forever");

      assertEquals(Reply.Stop.ROUND_LIMIT, reply.stop());
      assertEquals(2, reply.rounds());
      assertEquals(2, c.model().requests().size());
      assertInstanceOf(Outcome.Succeeded.class, reply.toolCalls().get(0).outcome());
      assertInstanceOf(Outcome.NotRun.class, reply.toolCalls().get(1).outcome());
      List<ChatMessage> history = c.chat().history();
      assertEquals(
          ChatMessage.Role.TOOL, history.get(history.size() - 1).role(), "no dangling call");
      assertEquals(new Usage(200, 40), reply.usage());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void theToolCallLimitLeavesExtraCallsUnrun(Wire wire) throws Exception {
    try (ChatConversation c =
        open(
            wire,
            "s-calls",
            ChatOptions.builder().maxToolCalls(1).build(),
            tools("files_read", "{\"path\":\"a\"}", "files_read", "{\"path\":\"b\"}"),
            text("unused"))) {
      Reply reply = c.chat().send("read two");
      assertEquals(Reply.Stop.TOOL_CALL_LIMIT, reply.stop());
      assertInstanceOf(Outcome.Succeeded.class, reply.toolCalls().get(0).outcome());
      assertInstanceOf(Outcome.NotRun.class, reply.toolCalls().get(1).outcome());
      assertEquals(1, c.model().requests().size());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void usageAndCostAreSummedAcrossRounds(Wire wire) throws Exception {
    try (ChatConversation c =
        open(
            wire,
            "s-usage",
            tools("files_read", "{\"path\":\"a\"}").withUsage(10, 5),
            tools("files_read", "{\"path\":\"b\"}").withUsage(20, 7),
            text("done").withUsage(30, 9))) {
      Reply reply = c.chat().send("read a then b");

      assertEquals(3, reply.rounds());
      assertEquals(new Usage(60, 21), reply.usage());
      // OpenAI is priced at $1 / $2 per million prompt / completion tokens; Ollama is local.
      Money expected = wire == Wire.OPENAI ? Money.usd("0.000102") : Money.ZERO;
      assertEquals(expected, reply.cost());
      assertEquals(reply.usage(), c.chat().usage());
      assertEquals(expected, c.chat().cost());
      assertEquals(3, c.fixture().events("s-usage", "chat.usage").size());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void anExhaustedSessionBudgetStopsTheConversationBeforeTheNextRound(Wire wire) throws Exception {
    try (ChatConversation c =
        open(
            wire,
            "s-budget",
            ChatOptions.builder().sessionBudget(Budget.ofTokens(2400)).maxTokens(200).build(),
            text("first").withUsage(1000, 200),
            tools("files_read", "{\"path\":\"a\"}").withUsage(1000, 200),
            text("never sent"))) {
      assertEquals("first", c.chat().send("one").text());

      ChatBudgetExceededException stopped =
          assertThrows(ChatBudgetExceededException.class, () -> c.chat().send("two"));
      assertTrue(
          stopped.getMessage().contains("session token budget of 2400"), stopped::getMessage);
      Reply partial = stopped.partial();
      assertEquals(Reply.Stop.BUDGET, partial.stop());
      assertEquals(1, partial.toolCalls().size());
      assertInstanceOf(Outcome.Succeeded.class, partial.toolCalls().get(0).outcome());
      assertEquals(new Usage(1000, 200), partial.usage());
      assertEquals(2, c.model().requests().size(), "the round past the budget was never sent");

      assertThrows(ChatBudgetExceededException.class, () -> c.chat().send("three"));
      assertEquals(2, c.model().requests().size());
      List<ChatMessage> history = c.chat().history();
      assertEquals(ChatMessage.Role.TOOL, history.get(history.size() - 1).role());
      assertEquals(
          "BUDGET",
          last(c.fixture().events("s-budget", "chat.stopped")).data().path("stop").asText());
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void theDailyChatBudgetIsSharedBySessions(Wire wire) throws Exception {
    ChatOptions daily =
        ChatOptions.builder().dailyBudget(Budget.ofTokens(1200)).maxTokens(200).build();
    try (ChatModelServer model = new ChatModelServer(wire, text("hi").withUsage(1000, 200));
        ChatFixture fixture = new ChatFixture(dir, model.router());
        ChatSession first = fixture.olympus.chat("s-day-1", daily);
        ChatSession second = fixture.olympus.chat("s-day-2", daily)) {
      first.send("hello");
      ChatBudgetExceededException stopped =
          assertThrows(ChatBudgetExceededException.class, () -> second.send("hello"));
      assertTrue(stopped.getMessage().startsWith("daily chat token budget"), stopped::getMessage);
      assertEquals(1, model.requests().size());
    }
  }

  private static List<String> offered(JsonNode request) {
    List<String> names = new ArrayList<>();
    request.path("tools").forEach(t -> names.add(t.path("function").path("name").asText()));
    return names;
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  private static PlanEvent last(List<PlanEvent> events) {
    return events.get(events.size() - 1);
  }

  /** Records what a streamed message delivered. */
  static final class Recorder implements ChatListener {
    final List<String> tokens = new CopyOnWriteArrayList<>();
    final List<String> progress = new CopyOnWriteArrayList<>();

    @Override
    public void onToken(String text) {
      tokens.add(text);
    }

    @Override
    public void onToolCallStarted(String callId, String toolId, JsonNode arguments, int round) {
      progress.add("start " + toolId);
    }

    @Override
    public void onToolCallFinished(ChatToolCall call) {
      progress.add("end " + call.call().toolId() + " " + call.outcome().getClass().getSimpleName());
    }
  }
}
