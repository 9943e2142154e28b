package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.testing.ScriptedProvider;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in tools as another executor gets them: through the public factory. */
class BuiltInToolsTest {
  private static final ToolContext CALL =
      new ToolContext(
          "plan-1", "ask", "plan-1/ask", Instant.now().plusSeconds(60), new Cancellation());

  @TempDir Path dir;
  private final ScriptedProvider model = ScriptedProvider.named("local", "tiny");
  private final LlmRouter router = LlmRouter.builder().local(model).build();

  /** Gives every call the step's own budget context and keeps what it was charged. */
  private static final class Account implements BuiltInTools.ModelAccount {
    final List<ObjectNode> charges = new CopyOnWriteArrayList<>();
    boolean spent;

    @Override
    public BudgetContext budget(String toolId, ToolContext call) {
      if (spent) {
        throw new ToolExecutionException(toolId, "BudgetExceeded: plan budget is spent");
      }
      return BudgetContext.builder(call.planId(), call.stepId()).build();
    }

    @Override
    public void charged(
        ToolContext call, JsonNode input, ChatResponse response, ObjectNode charge) {
      charges.add(charge);
    }
  }

  private static ToolCall call(String tool, ObjectNode input) {
    return ToolCall.of(tool, input);
  }

  @Test
  void theModelToolsAskTheRouterWithTheAccountsBudgetAndReportTheCharge() {
    Account account = new Account();
    ToolRegistry tools = ToolRegistry.builder().add(BuiltInTools.model(router, account)).build();
    model.enqueueTexts("hello", "{\"n\":4}");

    JsonNode text =
        tools.invoke(
            call("llm.generate", JsonNodeFactory.instance.objectNode().put("prompt", "hi")), CALL);
    ObjectNode extract = JsonNodeFactory.instance.objectNode().put("prompt", "count");
    extract.putObject("schema").put("type", "object");
    JsonNode data = tools.invoke(call("llm.extract", extract), CALL);

    assertEquals("hello", text.path("text").asText());
    assertEquals("tiny", text.path("model").asText());
    assertEquals(4, data.path("data").path("n").asInt());
    assertEquals("plan-1", model.requests().get(0).budget().planId());
    assertEquals("ask", model.requests().get(0).budget().stepId());
    assertEquals(2, account.charges.size());
    assertEquals("local", account.charges.get(0).path("provider").asText());
    assertTrue(account.charges.get(0).has("tokens") && account.charges.get(0).has("usd"));
  }

  @Test
  void anAccountThatRefusesStopsTheCallBeforeTheModelIsAsked() {
    Account account = new Account();
    account.spent = true;
    ToolRegistry tools = ToolRegistry.builder().add(BuiltInTools.model(router, account)).build();

    ToolException refused =
        assertThrows(
            ToolException.class,
            () ->
                tools.invoke(
                    call("llm.generate", JsonNodeFactory.instance.objectNode().put("prompt", "hi")),
                    CALL));

    assertTrue(refused.getMessage().contains("BudgetExceeded"), refused::getMessage);
    assertEquals(List.of(), model.requests());
    assertEquals(List.of(), account.charges);
  }

  @Test
  void theMemoryToolsSearchAndRememberInTheStore() {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      memory.documents().ingest("report.md", "Revenue grew 12% this quarter.", Map.of());
      ToolRegistry tools =
          ToolRegistry.builder().add(BuiltInTools.memory(memory, Clock.systemUTC())).build();

      JsonNode found =
          tools.invoke(
              call("memory.search", JsonNodeFactory.instance.objectNode().put("query", "revenue")),
              CALL);
      ObjectNode fact =
          JsonNodeFactory.instance
              .objectNode()
              .put("subject", "revenue")
              .put("predicate", "grew")
              .put("value", "12%");
      tools.invoke(call("memory.remember", fact), CALL);

      assertEquals("report.md", found.path("hits").path(0).path("sourceId").asText());
      assertEquals("12%", memory.facts().bySubject("revenue").get(0).value());
      assertEquals(
          List.of("memory.write"), tools.find("memory.remember").orElseThrow().spec().scopes());
    }
  }
}
