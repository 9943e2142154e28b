package dev.olympus.executor;

import static dev.olympus.executor.ChatModelServer.text;
import static dev.olympus.executor.ChatModelServer.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.Usage;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A conversation survives a restart: a new process continues it with its history. */
class ChatRestartTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aRestartedSessionContinuesWithItsHistory(Wire wire) throws Exception {
    try (ChatModelServer model =
        new ChatModelServer(
            wire,
            text("Hello Ada."),
            tools("files_read", "{\"path\":\"plan.txt\"}"),
            text("plan.txt lists three tasks."),
            text("Your name is Ada."))) {
      try (ChatFixture first = new ChatFixture(dir, model.router())) {
        ChatSession chat = first.olympus.chat("s-restart");
        chat.send("My name is Ada.");
        chat.send("What is in plan.txt?");
        assertEquals(6, chat.history().size());
      }
      try (ChatFixture second = new ChatFixture(dir, model.router())) {
        ChatSession chat = second.olympus.chat("s-restart");
        assertEquals(6, chat.history().size());
        assertEquals(new Usage(300, 60), chat.usage(), "usage survives the restart");

        Reply reply = chat.send("What is my name?");
        assertEquals("Your name is Ada.", reply.text());
        List<String> sent = roles(model.messages(model.requests().size() - 1));
        assertEquals(
            List.of("user", "assistant", "user", "assistant", "tool", "assistant", "user"), sent);
        JsonNode resent = model.messages(model.requests().size() - 1);
        assertEquals("My name is Ada.", resent.get(1).path("content").asText());
        JsonNode result = resent.get(5);
        if (wire == Wire.OPENAI) {
          assertEquals(
              resent.get(4).path("tool_calls").get(0).path("id").asText(),
              result.path("tool_call_id").asText());
        } else {
          assertEquals("files_read", result.path("tool_name").asText(), result::toString);
        }
        assertTrue(second.memory.events().verify().intact());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aCallInterruptedByACrashIsAnsweredBeforeTheConversationGoesOn(Wire wire) throws Exception {
    // What a crash leaves when it hits between a round's tool calls and their results.
    try (MemoryStore store = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      store.events().append(message("user", "Write a note", null));
      ObjectNode assistant = message("assistant", "", "call_7").data();
      store.events().append(event(assistant));
    }
    try (ChatModelServer model = new ChatModelServer(wire, text("The note may not exist."));
        ChatFixture fixture = new ChatFixture(dir, model.router())) {
      ChatSession chat = fixture.olympus.chat("s-crash");
      List<ChatMessage> history = chat.history();
      assertEquals(3, history.size());
      ChatMessage answered = history.get(2);
      assertEquals(ChatMessage.Role.TOOL, answered.role());
      assertEquals("call_7", answered.toolCallId().orElseThrow());
      assertTrue(answered.content().contains("interrupted"));

      chat.send("Did it work?");
      assertEquals(List.of("user", "assistant", "tool", "user"), roles(model.messages(0)));
      assertEquals(
          "INTERRUPTED",
          fixture.events("s-crash", "chat.tool").get(0).data().path("status").asText());
    }
  }

  @Test
  void aSummarySurvivesARestartAndIsMergedIntoTheNext() throws Exception {
    ChatOptions window = ChatOptions.builder().windowTurns(1).build();
    try (ChatModelServer model =
        new ChatModelServer(
            Wire.OLLAMA, text("one"), text("S1"), text("two"), text("S2"), text("three"))) {
      try (ChatFixture first = new ChatFixture(dir, model.router())) {
        ChatSession chat = first.olympus.chat("s-sum", window);
        chat.send("first");
        chat.send("second");
      }
      try (ChatFixture second = new ChatFixture(dir, model.router())) {
        second.olympus.chat("s-sum", window).send("third");
      }
      assertTrue(
          model.messages(3).get(1).path("content").asText().startsWith("Earlier summary:\nS1\n"),
          "the stored summary is merged, not redone from the start");
      assertTrue(
          model.messages(4).toString().contains("Summary of the earlier conversation:\\nS2"),
          () -> model.messages(4).toString());
    }
  }

  @Test
  void ofTwoCallsACrashLeftOneUnansweredAndItIsAnsweredOnce() throws Exception {
    try (MemoryStore store = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      store.events().append(message("user", "Write two notes", null));
      ObjectNode assistant = message("assistant", "", "call_1").data();
      ObjectNode second = ((ArrayNode) assistant.get("toolCalls")).addObject();
      second.put("id", "call_2").put("name", "notes_write");
      second.putObject("arguments").put("text", "buy tea");
      store.events().append(event(assistant));
      ObjectNode result = JsonNodeFactory.instance.objectNode().put("role", "tool");
      result.put("content", "{\"saved\":true}").put("toolCallId", "call_1");
      store.events().append(event(result.put("toolName", "notes_write").put("turn", 1)));
    }
    try (ChatModelServer model = new ChatModelServer(Wire.OLLAMA);
        ChatFixture fixture = new ChatFixture(dir, model.router())) {
      fixture.olympus.chat("s-crash").close();
      ChatSession chat = fixture.olympus.chat("s-crash");

      List<ChatMessage> history = chat.history();
      assertEquals(4, history.size());
      assertEquals("call_2", history.get(3).toolCallId().orElseThrow());
      assertTrue(history.get(3).content().contains("interrupted"));
      assertEquals(4, fixture.events("s-crash", "chat.message").size(), "answered once");
      assertEquals(1, fixture.events("s-crash", "chat.tool").size());
    }
  }

  private static PlanEvent message(String role, String content, String callId) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("role", role);
    data.put("content", content).put("turn", 1);
    if (callId != null) {
      ObjectNode call = data.putArray("toolCalls").addObject();
      call.put("id", callId).put("name", "notes_write");
      call.putObject("arguments").put("text", "buy milk");
    }
    return event(data);
  }

  private static PlanEvent event(ObjectNode data) {
    return PlanEvent.of("s-crash", "chat.message", Instant.now()).withData(data);
  }

  private static List<String> roles(JsonNode messages) {
    List<String> roles = new ArrayList<>();
    // The router grounds tools in a system message of its own; the conversation is the rest.
    messages.forEach(
        m -> {
          if (!m.path("role").asText().equals("system")) {
            roles.add(m.path("role").asText());
          }
        });
    return roles;
  }
}
