package dev.olympus.executor;

import static dev.olympus.executor.ChatModelServer.text;
import static dev.olympus.executor.ChatModelServer.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.Usage;
import dev.olympus.memory.LeaseLostException;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Budget;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two executors on one store file serving one chat session, as two processes would. A's store clock
 * stands at 1970, so as B sees it A's lease lapsed long ago (A stalled past it) and B takes the
 * session over. A renews every 20 minutes (an hour's lease), so its renewal cannot have noticed:
 * only the store's fence stops A's writes.
 */
class ChatTakeoverTest {
  private static final Clock STALLED = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  @TempDir Path dir;
  private final ChatModelServer model = new ChatModelServer(Wire.OLLAMA);
  private final List<AutoCloseable> opened = new ArrayList<>();
  private volatile Runnable whenAsked = () -> {}; // runs while a consent question is open

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    model.close();
  }

  private ChatSession talk(String owner, Clock storeClock, Tool... tools) {
    return talk(owner, storeClock, ChatOptions.defaults(), tools);
  }

  private ChatSession talk(String owner, Clock storeClock, ChatOptions options, Tool... tools) {
    MemoryStore memory =
        SqliteMemoryStore.builder().path(dir.resolve("olympus.db")).clock(storeClock).build();
    opened.add(memory);
    Olympus olympus =
        Olympus.builder()
            .memory(memory)
            .owner(owner)
            .leaseDuration(Duration.ofHours(1))
            .llm(model.router())
            .tools(ToolRegistry.builder().add(List.of(tools)).build())
            .consent(
                request -> {
                  whenAsked.run();
                  return ConsentDecision.allowOnce();
                })
            .build();
    opened.add(olympus);
    return olympus.chat("talk", options);
  }

  @Test
  void aMessageOfTheFormerOwnerIsRefusedAndTheConversationHasNoneOfIt() {
    ChatSession a = talk("a", STALLED);
    model.then(text("Hello from A's turn."));
    a.send("First, from A.");
    ChatSession b = talk("b", Clock.systemUTC());
    model.then(text("Hello from B's turn."), text("A's late answer."));
    b.send("Second, from B.");

    OwnershipLostException lost =
        assertThrows(OwnershipLostException.class, () -> a.send("Third, from A."));
    assertEquals("talk", lost.id());
    assertInstanceOf(LeaseLostException.class, lost.getCause());
    assertThrows(OwnershipLostException.class, a::history, "A refuses every further call");
    assertEquals(2, model.requests().size(), "A's refused message never reached the model");
    List<String> expected =
        List.of(
            "user: First, from A.",
            "assistant: Hello from A's turn.",
            "user: Second, from B.",
            "assistant: Hello from B's turn.");
    assertEquals(expected, lines(b.history()));
    assertEquals(expected, lines(replayed()));
  }

  // A loses the session while its tool runs: B takes over inside the tool. A's turn keeps what it
  // wrote before (its message, the model's tool call), which B answers as interrupted on opening;
  // the tool's result and anything after it are refused.
  @Test
  void aTurnCutOffByTheTakeoverKeepsOnlyWhatItWroteBefore() {
    List<ChatSession> taken = new CopyOnWriteArrayList<>();
    Tool handOver =
        Tool.builder("test.handover")
            .description("lets B take the session over while it runs")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  taken.add(talk("b", Clock.systemUTC()));
                  taken.get(0).send("B takes over.");
                  return JsonNodeFactory.instance.objectNode().put("result", "A's tool result");
                });
    ChatSession a = talk("a", STALLED, handOver);
    model.then(tools("test_handover", "{}"), text("B's answer."), text("A's late answer."));

    assertThrows(OwnershipLostException.class, () -> a.send("A asks."));
    List<String> expected =
        List.of(
            "user: A asks.",
            "assistant: [test_handover] ",
            "tool: interrupted",
            "user: B takes over.",
            "assistant: B's answer.");
    assertEquals(expected, lines(taken.get(0).history()));
    assertEquals(expected, lines(replayed()));
    assertEquals(2, model.requests().size(), "A's loop stopped at the refused tool result");
  }

  // B takes over while A's answer streams in: the answer's usage can no longer be logged in the
  // session, but the call was paid for, so it still counts towards the day's chat budget.
  @Test
  void aModelCallAnsweredAfterTheTakeoverStillCountsTowardsTheDailyBudget() {
    ChatOptions daily =
        ChatOptions.builder()
            .tools(Set.of())
            .dailyBudget(Budget.ofTokens(120))
            .maxTokens(20)
            .build();
    ChatSession a = talk("a", STALLED, daily);
    List<ChatSession> taken = new CopyOnWriteArrayList<>();
    ChatListener takeOver =
        new ChatListener() {
          @Override
          public void onToken(String text) {
            if (taken.isEmpty()) {
              taken.add(talk("b", Clock.systemUTC(), daily));
            }
          }
        };
    model.then(text("A's answer, 120 tokens."), text("B's answer."));

    assertThrows(OwnershipLostException.class, () -> a.stream("A asks.", takeOver));
    ChatSession b = taken.get(0);
    ChatBudgetExceededException refused =
        assertThrows(ChatBudgetExceededException.class, () -> b.send("B asks."));
    assertTrue(refused.getMessage().contains("daily chat"), refused.getMessage());
    assertEquals(new Usage(0, 0), b.usage(), "the session logged no usage of A's refused call");
    assertEquals(List.of("user: A asks."), lines(b.history()));
  }

  // B takes over while A's user is asked to consent: the answer can no longer be recorded under
  // A's lease, and an unrecorded decision never lets a call through.
  @Test
  void aToolCallApprovedAfterTheTakeoverDoesNotRun() {
    List<String> written = new CopyOnWriteArrayList<>();
    Tool note =
        Tool.builder("notes.write")
            .description("writes a note")
            .scopes("notes.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  written.add(input.toString());
                  return JsonNodeFactory.instance.objectNode().put("saved", true);
                });
    List<ChatSession> taken = new CopyOnWriteArrayList<>();
    whenAsked =
        () -> {
          if (taken.isEmpty()) {
            taken.add(talk("b", Clock.systemUTC(), note));
          }
        };
    ChatSession a = talk("a", STALLED, note);
    model.then(tools("notes_write", "{}"), text("A's late answer."));

    assertThrows(OwnershipLostException.class, () -> a.send("A asks."));
    assertEquals(List.of(), written, "the call approved after the takeover never ran");
    List<String> expected =
        List.of("user: A asks.", "assistant: [notes_write] ", "tool: interrupted");
    assertEquals(expected, lines(taken.get(0).history()));
    assertEquals(expected, lines(replayed()));
    try (MemoryStore check = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      List<String> decisions =
          check.events().byPlan("talk").stream()
              .filter(e -> e.event().kind().equals("consent.decision"))
              .map(e -> e.event().data().path("decision").asText())
              .toList();
      assertEquals(List.of("ASKED"), decisions, "asked before the takeover, granted after it");
    }
  }

  // A fresh replay of the log, by C, whose clock is two hours ahead: B's lease has lapsed for it.
  private List<ChatMessage> replayed() {
    try (MemoryStore check = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      assertTrue(check.events().verify().intact());
    }
    return talk("c", Clock.offset(Clock.systemUTC(), Duration.ofHours(2))).history();
  }

  private static List<String> lines(List<ChatMessage> messages) {
    return messages.stream().map(ChatTakeoverTest::line).toList();
  }

  private static String line(ChatMessage message) {
    String content =
        message.role() == ChatMessage.Role.TOOL && message.content().contains("interrupted")
            ? "interrupted"
            : message.content();
    String calls =
        message.toolCalls().isEmpty()
            ? ""
            : message.toolCalls().stream().map(c -> c.toolId()).toList() + " ";
    return message.role().wireName() + ": " + calls + content;
  }
}
