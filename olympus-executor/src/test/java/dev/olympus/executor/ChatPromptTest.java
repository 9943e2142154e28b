package dev.olympus.executor;

import static dev.olympus.executor.ChatModelServer.text;
import static dev.olympus.executor.ChatModelServer.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.plan.PlanEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the model is sent: the summary request with what left the window (each piece cut at 2,000
 * characters), the running summary, tool results cut at the session's limit, calls that were not
 * run, and retrieved passages, numbered; and what the log records of each call.
 */
class ChatPromptTest extends ChatTests {

  @Test
  void theSummaryRequestRendersTheTurnsThatLeftTheWindowAndMergesTheEarlierSummary()
      throws Exception {
    String exact = "a".repeat(2000);
    String longer = "b".repeat(2001);
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-sum",
            ChatOptions.builder().windowTurns(1).build(),
            tools("files_read", "{\"path\":\"a.txt\"}"),
            text(longer),
            text("S1"),
            text("ok"),
            text("S2"),
            text("fine"))) {
      c.chat().send(exact);
      c.chat().send("next");
      c.chat().send("third");

      assertEquals(6, c.model().requests().size(), "four rounds and two summaries");
      JsonNode first = c.model().messages(2);
      assertEquals("system", first.get(0).path("role").asText());
      assertTrue(first.get(0).path("content").asText().startsWith("You keep a running summary"));
      String rendered = first.get(1).path("content").asText();
      assertEquals(
          "New part of the conversation:\n"
              + "User: "
              + exact
              + "\n"
              + "Assistant called files_read {\"path\":\"a.txt\"}\n"
              + "Tool files_read answered: {\"content\":\"contents of a.txt\"}\n"
              + "Assistant: "
              + "b".repeat(2000)
              + "…\n",
          rendered);

      String merged = c.model().messages(4).get(1).path("content").asText();
      assertEquals(
          "Earlier summary:\nS1\n\nNew part of the conversation:\nUser: next\nAssistant: ok\n",
          merged);

      List<String> sent = conversation(c.model().messages(5));
      assertEquals(
          List.of("system: Summary of the earlier conversation:\nS2", "user: third"), sent);
      List<PlanEvent> summaries = c.fixture().events("s-sum", "chat.summary");
      assertEquals(2, summaries.size());
      assertEquals("S2", summaries.get(1).data().path("text").asText());
      assertEquals(2, summaries.get(1).data().path("turns").asInt());
    }
  }

  @Test
  void theSystemPromptLeadsEveryRequest() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-system",
            ChatOptions.builder().systemPrompt("Answer in one line.").tools(Set.of()).build(),
            text("ok"))) {
      c.chat().send("hello");
      assertEquals(
          List.of("system: Answer in one line.", "user: hello"),
          conversation(c.model().messages(0)));
    }
  }

  @Test
  void withoutSummariesTheTurnsBeforeTheWindowAreLeftOut() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-nosum",
            ChatOptions.builder().windowTurns(1).summarize(false).build(),
            text("one"),
            text("two"))) {
      c.chat().send("first");
      c.chat().send("second");

      assertEquals(2, c.model().requests().size(), "no summary was asked for");
      assertEquals(List.of("user: second"), conversation(c.model().messages(1)));
      assertTrue(c.fixture().events("s-nosum", "chat.summary").isEmpty());
    }
  }

  @Test
  void aToolResultLongerThanTheLimitIsCutAndSaysHowMuchWasLeftOut() throws Exception {
    // {"content":"contents of <path>"} is 26 characters plus the path.
    String fits = "p".repeat(74);
    String over = "q".repeat(75);
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-cut",
            ChatOptions.builder().maxToolResultChars(100).build(),
            tools(
                "files_read",
                "{\"path\":\"" + fits + "\"}",
                "files_read",
                "{\"path\":\"" + over + "\"}"),
            text("read both"))) {
      c.chat().send("read two files");

      List<String> results = toolContents(c.model().messages(1));
      String whole = "{\"content\":\"contents of " + over + "\"}";
      assertEquals(
          List.of(
              "{\"content\":\"contents of " + fits + "\"}",
              whole.substring(0, 100) + " …[cut: 1 more characters]"),
          results);
      JsonNode logged = c.fixture().events("s-cut", "chat.tool").get(1).data();
      assertEquals(
          "contents of " + over, logged.path("result").path("content").asText(), "logged whole");
    }
  }

  @Test
  void aCallOverTheLimitIsToldToTheModelAsNotRunAndLoggedWithWhy() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-none",
            ChatOptions.builder().maxToolCalls(0).build(),
            tools("files_read", "{\"path\":\"a\"}"))) {
      Reply reply = c.chat().send("read a");

      assertEquals(Reply.Stop.TOOL_CALL_LIMIT, reply.stop());
      assertEquals(1, c.model().requests().size());
      String why = "the tool call limit of 0 per message was reached";
      assertEquals(new ChatToolCall.Outcome.NotRun(why), reply.toolCalls().get(0).outcome());
      assertEquals(
          "{\"error\":\"not run\",\"message\":\"This call was not run: " + why + "\"}",
          c.chat().history().get(2).content());
      JsonNode logged = c.fixture().events("s-none", "chat.tool").get(0).data();
      assertEquals("NOT_RUN", logged.path("status").asText());
      assertEquals(why, logged.path("detail").asText());
      assertEquals("files.read", logged.path("tool").asText());
      assertEquals(1, logged.path("round").asInt());
      assertEquals(1, logged.path("turn").asInt());
      assertEquals("a", logged.path("arguments").path("path").asText());
      assertEquals(reply.toolCalls().get(0).call().id(), logged.path("callId").asText());
      JsonNode stopped = c.fixture().events("s-none", "chat.stopped").get(0).data();
      assertEquals("TOOL_CALL_LIMIT", stopped.path("stop").asText());
      assertEquals(1, stopped.path("rounds").asInt());
    }
  }

  @Test
  void retrievedPassagesAreNumberedInOrderAndTheirCitationsLogged() throws Exception {
    try (ChatConversation c =
        open(
            Wire.OLLAMA,
            "s-two",
            ChatOptions.builder().retrieval(2).build(),
            text("[1] and [2]"))) {
      c.fixture().memory.documents().ingest("tea.md", "Green tea grows in Shizuoka.", Map.of());
      c.fixture().memory.documents().ingest("coffee.md", "Green coffee beans are raw.", Map.of());
      Reply reply = c.chat().send("green");

      assertEquals(2, reply.citations().size());
      List<String> sent = conversation(c.model().messages(0));
      assertEquals("user: green", sent.get(sent.size() - 1));
      String passages = sent.get(sent.size() - 2);
      assertTrue(passages.startsWith("system: Passages from the user's documents"), passages);
      String firstSource = reply.citations().get(0).sourceId();
      String secondSource = reply.citations().get(1).sourceId();
      assertTrue(passages.contains("\n[1] " + firstSource + " (chunk 0): "), passages);
      assertTrue(passages.contains("\n[2] " + secondSource + " (chunk 0): "), passages);
      JsonNode logged = c.fixture().events("s-two", "chat.retrieval").get(0).data();
      JsonNode cited = logged.path("citations");
      assertEquals(2, cited.size());
      assertEquals(secondSource, cited.get(1).path("sourceId").asText());
      assertEquals(reply.citations().get(1).end(), cited.get(1).path("end").asInt());
      assertEquals(reply.citations().get(1).start(), cited.get(1).path("start").asInt());
      assertEquals(0, cited.get(1).path("chunkIndex").asInt());
    }
  }

  @Test
  void withNoMatchingPassageNothingIsAddedOrLogged() throws Exception {
    try (ChatConversation c =
        open(Wire.OLLAMA, "s-empty", ChatOptions.builder().retrieval(3).build(), text("no idea"))) {
      Reply reply = c.chat().send("anything about zebras");

      assertTrue(reply.citations().isEmpty());
      assertEquals(List.of("user: anything about zebras"), conversation(c.model().messages(0)));
      assertTrue(c.fixture().events("s-empty", "chat.retrieval").isEmpty());
    }
  }

  // The conversation as sent, as "role: content", without the router's tool grounding (which it
  // puts before the first system message, or sends as a message of its own).
  static List<String> conversation(JsonNode messages) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : messages) {
      String role = m.path("role").asText();
      String content = m.path("content").asText();
      if (role.equals("system") && content.startsWith("You can call these tools")) {
        int rest = content.indexOf("\n\n");
        if (rest < 0) {
          continue;
        }
        content = content.substring(rest + 2);
      }
      out.add(role + ": " + content);
    }
    return out;
  }

  private static List<String> toolContents(JsonNode messages) {
    List<String> out = new ArrayList<>();
    messages.forEach(
        m -> {
          if (m.path("role").asText().equals("tool")) {
            out.add(m.path("content").asText());
          }
        });
    return out;
  }
}
