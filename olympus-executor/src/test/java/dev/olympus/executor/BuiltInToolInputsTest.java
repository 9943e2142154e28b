package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.ResponseFormat;
import dev.olympus.memory.Fact;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.testing.ScriptedProvider;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each optional input of the built-in tools changes in the request and in the answer. */
class BuiltInToolInputsTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final ToolContext CALL =
      new ToolContext(
          "plan-9", "step", "plan-9/step", Instant.now().plusSeconds(600), new Cancellation());

  @TempDir Path dir;
  private final ScriptedProvider model = ScriptedProvider.named("local", "tiny");
  private final LlmRouter router = LlmRouter.builder().local(model).build();

  private static final class Unlimited implements BuiltInTools.ModelAccount {
    @Override
    public BudgetContext budget(String toolId, ToolContext call) {
      return BudgetContext.builder(call.planId(), call.stepId()).build();
    }

    @Override
    public void charged(
        ToolContext call, JsonNode input, ChatResponse response, ObjectNode charge) {}
  }

  private ToolRegistry modelTools() {
    return ToolRegistry.builder().add(BuiltInTools.model(router, new Unlimited())).build();
  }

  private static ObjectNode input(String prompt) {
    return JsonNodeFactory.instance.objectNode().put("prompt", prompt);
  }

  @Test
  void generateSendsTheSystemTextTokenCapTemperatureAndModelItIsGiven() {
    model.enqueueTexts("plain", "tuned");
    ToolRegistry tools = modelTools();

    JsonNode plain = tools.invoke(ToolCall.of("llm.generate", input("hello there")), CALL);
    ObjectNode tuned =
        input("again")
            .put("system", "Be terse.")
            .put("maxTokens", 50)
            .put("temperature", 0.5)
            .put("model", "tiny");
    tools.invoke(ToolCall.of("llm.generate", tuned), CALL);

    ChatRequest first = model.requests().get(0);
    assertEquals(List.of(ChatMessage.user("hello there")), first.messages());
    assertEquals(OptionalDouble.empty(), first.temperature());
    assertEquals(Optional.empty(), first.modelHint());
    ChatRequest second = model.requests().get(1);
    assertEquals(
        List.of(ChatMessage.system("Be terse."), ChatMessage.user("again")), second.messages());
    assertEquals(OptionalInt.of(50), second.maxTokens());
    assertEquals(OptionalDouble.of(0.5), second.temperature());
    assertEquals(Optional.of("tiny"), second.modelHint());

    assertEquals("plain", plain.path("text").asText());
    assertEquals("local", plain.path("provider").asText());
    assertEquals(2, plain.path("usage").path("promptTokens").asLong(), "11 characters");
    assertEquals(1, plain.path("usage").path("completionTokens").asLong());
    assertEquals("0", plain.path("cost").asText());
    assertFalse(plain.path("cached").asBoolean());
  }

  @Test
  void extractAsksForTheSchemaDeterministicallyAndRefusesAnAnswerThatIsNotJson() {
    model.enqueueTexts("{\"n\":1}", "not json");
    ToolRegistry tools = modelTools();
    ObjectNode ask = input("count").put("system", "Count.").put("maxTokens", 20);
    ask.putObject("schema").put("type", "object");

    JsonNode data = tools.invoke(ToolCall.of("llm.extract", ask), CALL);
    ToolExecutionException notJson =
        assertThrows(
            ToolExecutionException.class,
            () ->
                tools.invoke(
                    ToolCall.of("llm.extract", ask.deepCopy().put("prompt", "again")), CALL));

    assertEquals(1, data.path("data").path("n").asInt());
    ChatRequest request = model.requests().get(0);
    assertEquals(ResponseFormat.jsonSchema("answer", ask.get("schema")), request.responseFormat());
    assertEquals(OptionalDouble.of(0), request.temperature());
    assertEquals(OptionalInt.of(20), request.maxTokens());
    assertEquals(ChatMessage.system("Count."), request.messages().get(0));
    assertTrue(
        notJson.getMessage().contains("the model's answer is not JSON"), notJson::getMessage);
    assertFalse(notJson.retryable());
  }

  @Test
  void searchReturnsKHitsWithTheirPlaceAndRememberKeepsTheConfidenceAndSource() {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      for (int i = 0; i < 7; i++) {
        memory.documents().ingest("doc" + i + ".md", "Tea note number " + i + ".", Map.of());
      }
      ToolRegistry tools =
          ToolRegistry.builder()
              .add(BuiltInTools.memory(memory, Clock.fixed(NOW, ZoneOffset.UTC)))
              .build();
      ObjectNode query = JsonNodeFactory.instance.objectNode().put("query", "tea note");

      JsonNode five = tools.invoke(ToolCall.of("memory.search", query), CALL);
      JsonNode two = tools.invoke(ToolCall.of("memory.search", query.deepCopy().put("k", 2)), CALL);

      assertEquals(5, five.path("hits").size(), "five unless asked");
      assertEquals(2, two.path("hits").size());
      JsonNode hit = two.path("hits").get(0);
      assertEquals(0, hit.path("chunkIndex").asInt());
      assertTrue(hit.path("end").asInt() > hit.path("start").asInt(), hit::toString);
      assertTrue(hit.path("snippet").asText().contains("Tea note number"), hit::toString);

      ObjectNode fact =
          JsonNodeFactory.instance
              .objectNode()
              .put("subject", "tea")
              .put("predicate", "is")
              .put("value", "green");
      tools.invoke(ToolCall.of("memory.remember", fact), CALL);
      tools.invoke(
          ToolCall.of(
              "memory.remember", fact.deepCopy().put("subject", "coffee").put("confidence", 0.25)),
          CALL);

      Fact tea = memory.facts().bySubject("tea").get(0);
      assertEquals(1.0, tea.confidence());
      assertEquals("plan:plan-9/step", tea.source());
      assertEquals(NOW, tea.createdAt());
      assertEquals(0.25, memory.facts().bySubject("coffee").get(0).confidence());
    }
  }
}
