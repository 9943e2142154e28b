package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.OpenAiCompatibleProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Money;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeOpenAi;
import dev.olympus.testing.FakeReply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden task 3, budget: the local model is missing (Ollama answers 404), so the router falls back
 * once to the cloud provider, the spend is logged, and paid calls are refused past the daily
 * ceiling, also after a restart.
 */
class GoldenBudgetTest {
  @TempDir Path dir;

  /** $1,000 per million tokens: the fake's 20 + 30 tokens cost $0.05. */
  private static final Pricing PRICING = Pricing.perMillionTokens("1000", "1000");

  private static LlmRouter router(FakeOllama ollama, FakeOpenAi cloud, MemoryStore memory) {
    return Olympus.routerBuilder(memory)
        .local(OllamaProvider.at(ollama.uri(), "llama3.2"))
        .fallback(OpenAiCompatibleProvider.of(cloud.uri(), "test-key", "gpt-4o-mini"), PRICING)
        .cloudFallback(true)
        .dailyBudget(Money.usd("0.15"))
        .build();
  }

  private static Plan ask(String id) {
    return Plan.builder("ask " + id)
        .id(id)
        .step(
            "answer",
            s -> s.uses("llm.generate").with("prompt", "Say hello").with("maxTokens", 100))
        .build();
  }

  @Test
  void fallsBackOnceLogsTheSpendAndStopsAtTheCeiling() throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        FakeOpenAi cloud = FakeOpenAi.start();
        MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      ollama.models(); // nothing pulled: chats answer 404
      cloud.dispatch(request -> FakeReply.text("Hello from the cloud").withUsage(20, 30));
      LlmRouter llm = router(ollama, cloud, memory);
      try (Olympus olympus = Olympus.builder().memory(memory).llm(llm).build()) {
        PlanResult first = olympus.executor().submit(ask("first")).await();
        assertEquals(PlanState.DONE, first.state(), () -> first.errors().toString());
        JsonNode answer = first.output("answer");
        assertEquals("Hello from the cloud", answer.get("text").asText());
        assertEquals("openai/gpt-4o-mini", answer.get("provider").asText());
        assertEquals(
            List.of(1, 1), List.of(ollama.chatRequests().size(), cloud.chatRequests().size()));
        assertEquals(Money.usd("0.05"), llm.spentToday());

        JsonNode charge = charge(memory, "first");
        assertEquals("openai/gpt-4o-mini", charge.get("provider").asText());
        assertEquals(0, Money.usd(charge.get("usd").asText()).compareTo(Money.usd("0.05")));
        assertTrue(memory.events().verify().intact());

        // $0.10 left, but the next call reserves (prompt + 100 tokens) x $0.001 > $0.10.
        PlanResult second = olympus.executor().submit(ask("second")).await();
        assertEquals(PlanState.FAILED, second.state());
        assertTrue(
            second.errors().get("answer").message().contains("budget"), second.errors()::toString);
        assertEquals(1, cloud.chatRequests().size(), "no paid call past the ceiling");
      }
      // A restarted router reads the spend from the same SQLite file and still refuses.
      LlmRouter restarted = router(ollama, cloud, memory);
      assertEquals(Money.usd("0.05"), restarted.spentToday());
      LlmException refused =
          assertThrows(
              LlmException.class,
              () -> restarted.chat(ChatRequest.builder().user("again").maxTokens(100).build()));
      assertTrue(refused.getMessage().contains("budget"), refused.getMessage());
      assertEquals(1, cloud.chatRequests().size());
    }
  }

  private static JsonNode charge(MemoryStore memory, String planId) {
    return memory.events().byPlan(planId).stream()
        .map(StoredEvent::event)
        .filter(e -> e.kind().equals("budget.charge"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no budget.charge event for " + planId))
        .data();
  }
}
