package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.llm.RouterListener;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Money;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.StepState;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sixteen model steps of one plan run at once against a dollar limit with room for three of them.
 * The model server holds every answer until each step has either reached it or been refused, so a
 * budget that is checked before a call and charged after it would let all sixteen spend.
 */
class ConcurrentModelStepsBudgetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STEPS = 16;

  @Test
  void concurrentModelStepsNeverSpendMoreThanThePlanLimit() throws Exception {
    CountDownLatch arrivedOrRefused = new CountDownLatch(STEPS);
    try (GatedModel model = new GatedModel(arrivedOrRefused);
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
              .onEvent(events::add)
              .await(Duration.ofSeconds(60))
              .orElseThrow();

      // Worst case of a step: (4 framing + 6 prompt + 40 max) tokens at $0.001 = $0.050, so three
      // fit in $0.19. Each answer really used 5 + 40 tokens = $0.045.
      BigDecimal charged =
          events.stream()
              .filter(e -> e.kind().equals("budget.charge"))
              .map(e -> new BigDecimal(e.data().path("usd").asText()))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertEquals(3, model.answered.get());
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

  private static void assertRefused(String error) {
    assertTrue(
        error.startsWith("BudgetExceededException") && error.contains("plan dollar budget"), error);
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
   * An in-process server speaking Ollama's /api/chat wire format that reports real token counts
   * (prompt characters / 4 + 1, and the whole completion cap) and answers only once every step has
   * arrived or been refused.
   */
  private static final class GatedModel implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch gate;
    final AtomicInteger answered = new AtomicInteger();

    GatedModel(CountDownLatch gate) throws IOException {
      this.gate = gate;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(threads);
      server.createContext("/api/chat", this::chat);
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void chat(HttpExchange exchange) throws IOException {
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      gate.countDown();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String prompt = request.path("messages").get(0).path("content").asText();
      int completion = request.path("options").path("num_predict").asInt();
      String reply =
          JSON.createObjectNode()
              .put("model", "llama3.2")
              .put("created_at", "2026-11-25T10:00:00Z")
              .put("done", true)
              .put("done_reason", "length")
              .put("prompt_eval_count", prompt.length() / 4 + 1)
              .put("eval_count", completion)
              .set("message", JSON.createObjectNode().put("role", "assistant").put("content", "ok"))
              .toString();
      answered.incrementAndGet();
      HttpReplies.json(exchange, 200, reply);
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
