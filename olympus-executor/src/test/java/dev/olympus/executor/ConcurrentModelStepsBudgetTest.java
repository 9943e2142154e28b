package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.llm.RouterListener;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Money;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeReply;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sixteen model steps of one plan run at once against a dollar limit with room for three of them.
 * The model server holds every answer until each step has either reached it or been refused, so a
 * budget that is checked before a call and charged after it would let all sixteen spend.
 */
class ConcurrentModelStepsBudgetTest {
  private static final int STEPS = 16;

  @Test
  void concurrentModelStepsNeverSpendMoreThanThePlanLimit() throws Exception {
    CountDownLatch arrivedOrRefused = new CountDownLatch(STEPS);
    try (FakeOllama model = gatedModel(arrivedOrRefused);
        Olympus olympus =
            Olympus.builder()
                .llm(router(model.uri(), arrivedOrRefused))
                .parallelism(STEPS)
                .build()) {
      Plan.Builder builder = Plan.builder("sixteen at once").budget(Budget.ofUsd("0.19"));
      for (int i = 0; i < STEPS; i++) {
        String prompt = "Summarize part " + (char) ('a' + i);
        builder.step(
            "s" + i,
            s ->
                s.uses("llm.generate")
                    .with("prompt", prompt)
                    .with("maxTokens", 40)
                    .guard(g -> g.optional(true))); // a refused step must not stop the others
      }
      List<PlanEvent> events = new CopyOnWriteArrayList<>();
      PlanResult result =
          olympus
              .executor()
              .submit(builder.build())
              .onEvent(e -> events.add(e.stored()))
              .await(Duration.ofSeconds(60))
              .orElseThrow();

      // Worst case of a step: (4 framing + 6 prompt + 40 max) tokens at $0.001 = $0.050, so three
      // fit in $0.19. Each answer really used 5 + 40 tokens = $0.045.
      BigDecimal charged =
          events.stream()
              .filter(e -> e.kind().equals("budget.charge"))
              .map(e -> new BigDecimal(e.data().path("usd").asText()))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertEquals(3, model.chatRequests().size());
      assertEquals(0, new BigDecimal("0.135").compareTo(charged), charged::toPlainString);
      assertTrue(charged.compareTo(new BigDecimal("0.19")) <= 0);
      long done =
          result.snapshot().steps().values().stream()
              .filter(s -> s.state() == StepState.DONE)
              .count();
      assertEquals(3, done);
      result.errors().values().forEach(error -> assertRefused(error));
      assertFalse(result.errors().isEmpty());
    }
  }

  private static void assertRefused(StepError error) {
    String message = error.message();
    assertTrue(
        message.startsWith("BudgetExceededException") && message.contains("plan dollar budget"),
        message);
    assertEquals(StepError.Kind.BUDGET_EXCEEDED, error.kind());
  }

  /** The model as a paid provider ($1,000 per million tokens), counting refusals as they happen. */
  private static LlmRouter router(URI uri, CountDownLatch arrivedOrRefused) {
    return LlmRouter.builder()
        .fallback(OllamaProvider.at(uri, "llama3.2"), Pricing.perMillionTokens("1000", "1000"))
        .cloudFallback(true)
        .dailyBudget(Money.usd("100"))
        .listener(
            new RouterListener() {
              @Override
              public void onSkip(ProviderSkip skip) {
                if (skip.reason().contains("dollar budget")) {
                  arrivedOrRefused.countDown();
                }
              }
            })
        .build();
  }

  /**
   * A fake Ollama that reports real token counts (prompt characters / 4 + 1, and the whole
   * completion cap) and answers only once every step has arrived or been refused.
   */
  private static FakeOllama gatedModel(CountDownLatch gate) {
    FakeOllama model = FakeOllama.start();
    model.dispatch(
        request -> {
          gate.countDown();
          try {
            gate.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          JsonNode body = request.json();
          String prompt = body.path("messages").get(0).path("content").asText();
          int completion = body.path("options").path("num_predict").asInt();
          return FakeReply.text("ok")
              .withUsage(prompt.length() / 4 + 1, completion)
              .withLengthLimit();
        });
    return model;
  }
}
