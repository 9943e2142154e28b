package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanEvent;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Real tools, a real SQLite store and a consent provider that records what it was asked. */
final class ChatFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode PATH_SCHEMA =
      parse(
          "{\"type\":\"object\",\"required\":[\"path\"],\"additionalProperties\":false,"
              + "\"properties\":{\"path\":{\"type\":\"string\",\"minLength\":1}}}");
  private static final JsonNode NOTE_SCHEMA =
      parse(
          "{\"type\":\"object\",\"required\":[\"text\"],\"additionalProperties\":false,"
              + "\"properties\":{\"text\":{\"type\":\"string\"}}}");
  private static final JsonNode CITY_SCHEMA =
      parse(
          "{\"type\":\"object\",\"required\":[\"city\"],"
              + "\"properties\":{\"city\":{\"type\":\"string\"}}}");

  final MemoryStore memory;
  final RecordingConsent consent = RecordingConsent.answering(this::decide);
  final List<String> notes = new CopyOnWriteArrayList<>();
  final CountDownLatch bothStarted = new CountDownLatch(2);
  volatile boolean allowNotes = true;
  volatile ConsentDecision answer; // when set, every question gets this answer
  volatile Runnable whenAsked = () -> {}; // runs while a question is open
  final Olympus olympus;

  ChatFixture(Path dir, LlmRouter router) {
    this(dir, router, UnaryOperator.identity());
  }

  /** With {@code options} applied to Olympus's builder last. */
  ChatFixture(Path dir, LlmRouter router, UnaryOperator<Olympus.Builder> options) {
    this.memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    this.olympus =
        options
            .apply(Olympus.builder().memory(memory).llm(router).tools(tools()).consent(consent))
            .build();
  }

  private ConsentDecision decide(ConsentRequest request) {
    whenAsked.run();
    if (answer != null) {
      return answer;
    }
    return allowNotes ? ConsentDecision.allowOnce() : ConsentDecision.deny("the user said no");
  }

  private ToolRegistry tools() {
    Tool read =
        Tool.builder("files.read")
            .description("reads a file of the workspace")
            .inputSchema(PATH_SCHEMA)
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, ctx) ->
                    JsonNodeFactory.instance
                        .objectNode()
                        .put("content", "contents of " + input.path("path").asText()));
    Tool write =
        Tool.builder("notes.write")
            .description("writes a note")
            .inputSchema(NOTE_SCHEMA)
            .scopes("notes.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, ctx) -> {
                  notes.add(input.path("text").asText());
                  return JsonNodeFactory.instance.objectNode().put("saved", true);
                });
    Tool weather =
        Tool.builder("weather.get")
            .description("the weather in a city; its service is down")
            .inputSchema(CITY_SCHEMA)
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, ctx) -> {
                  // retryable, as a service that is down is: it counts towards the breaker
                  throw new ToolExecutionException(
                      "weather.get", "weather service unreachable", true, null);
                });
    Tool meet =
        Tool.builder("sync.meet")
            .description("returns once two calls are in flight at the same time")
            .inputSchema(CITY_SCHEMA)
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, ctx) -> {
                  bothStarted.countDown();
                  boolean met = await(bothStarted);
                  return JsonNodeFactory.instance.objectNode().put("met", met);
                });
    return ToolRegistry.builder().add(List.of(read, write, weather, meet)).build();
  }

  // Not a timing assertion: the wait only bounds how long a broken (sequential) run hangs.
  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  List<PlanEvent> events(String sessionId, String kind) {
    return memory.events().byPlan(sessionId).stream()
        .map(e -> e.event())
        .filter(e -> e.kind().equals(kind))
        .toList();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConsentProvider allowAll() {
    return request -> ConsentDecision.allowOnce();
  }

  @Override
  public void close() {
    olympus.close();
    memory.close();
  }
}
