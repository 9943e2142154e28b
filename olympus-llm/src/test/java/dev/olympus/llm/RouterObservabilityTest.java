package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** What a call leaves for logs and metrics: ids in the MDC while it runs, and one call event. */
class RouterObservabilityTest {
  final ScriptedProvider local = new ScriptedProvider("local", "llama3.2");

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void theCallsIdsAreInTheMdcWhileItRunsAndTheCallersAreBackAfterwards() {
    List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    local.behaving(
        r -> {
          seen.add(MDC.getCopyOfContextMap());
          return local.reply("ok", new Usage(1, 1));
        });
    LlmRouter router = LlmRouter.builder().local(local).build();
    MDC.put("planId", "outer-plan");
    BudgetContext budget =
        BudgetContext.builder("plan-7", "summarize").correlationId("req-42").build();

    router.chat(ChatRequest.builder().user("hi").budget(budget).build());

    assertEquals(
        Map.of(
            "planId",
            "plan-7",
            "stepId",
            "summarize",
            "correlationId",
            "req-42",
            "llmConfig",
            router.configHash(),
            "route",
            "local: the host's order"),
        seen.get(0));
    assertEquals("outer-plan", MDC.get("planId"), "the caller's value is restored");
    assertNull(MDC.get("stepId"));
    assertNull(MDC.get("correlationId"));
    assertNull(MDC.get("route"));
    assertNull(MDC.get("llmConfig"));
  }

  @Test
  void everyAnsweredCallIsReportedWithItsUsageCostAndBudget() {
    List<CallEvent> events = new CopyOnWriteArrayList<>();
    ScriptedProvider cloud = new ScriptedProvider("cloud", "gpt-4o-mini");
    LlmRouter router =
        DollarBudgetTest.paid(LlmRouter.builder(), cloud).listener(callsInto(events)).build();
    BudgetContext budget = BudgetContext.builder("p", "s").build();

    ChatResponse answer =
        router.chat(ChatRequest.builder().user("hi").maxTokens(20).budget(budget).build());

    CallEvent event = events.get(0);
    assertEquals(CallEvent.Operation.CHAT, event.operation());
    assertEquals("cloud", event.provider());
    assertEquals(new Usage(1, 20), event.usage());
    assertEquals(answer.cost(), event.cost());
    assertEquals(budget, event.budget());
    assertTrue(!event.latency().isNegative());
  }

  @Test
  void eachFailedProviderIsReportedWithTheCallTheModelAndTheBudgetAlsoToTheOlderMethod() {
    List<FailedCall> failures = new CopyOnWriteArrayList<>();
    List<String> older = new CopyOnWriteArrayList<>();
    TransientException down = new TransientException("local", "connection refused", null);
    local.failing(down);
    ScriptedProvider backup = new ScriptedProvider("backup", "qwen2.5");
    RouterListener listener =
        new RouterListener() {
          @Override
          public void onFailure(FailedCall failure) {
            failures.add(failure);
            RouterListener.super.onFailure(failure);
          }

          @Override
          public void onFailure(String provider, LlmException error) {
            older.add(provider + ": " + error.getMessage());
          }
        };
    LlmRouter router =
        LlmRouter.builder()
            .local(local)
            .local(backup)
            .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
            .listener(listener)
            .build();
    BudgetContext budget = BudgetContext.builder("p", "s").correlationId("c").build();

    router.chat(ChatRequest.builder().user("hi").budget(budget).build());

    FailedCall failed = failures.get(0);
    assertEquals(1, failures.size(), failures::toString);
    assertEquals(CallEvent.Operation.CHAT, failed.operation());
    assertEquals("local", failed.provider());
    assertEquals("llama3.2", failed.model());
    assertEquals(down, failed.error());
    assertEquals(budget, failed.budget());
    assertTrue(!failed.latency().isNegative());
    assertEquals(List.of("local: connection refused"), older);
  }

  @Test
  void anEmbedCallIsReportedAndLeavesTheMdcAsItWas() {
    List<CallEvent> events = new CopyOnWriteArrayList<>();
    LlmRouter router = LlmRouter.builder().local(local).listener(callsInto(events)).build();
    long before = System.nanoTime();
    router.embed(List.of("abc", "de"));
    long took = System.nanoTime() - before;

    assertNull(MDC.get("llmConfig"));
    assertNull(MDC.get("route"));
    assertEquals(1, events.size(), events::toString);
    CallEvent event = events.get(0);
    assertEquals(CallEvent.Operation.EMBED, event.operation());
    assertEquals("local", event.provider());
    assertEquals("llama3.2", event.model());
    assertEquals(new Usage(6, 0), event.usage());
    assertTrue(event.latency().toNanos() <= took, "the latency is measured within the call");
  }

  @Test
  void aStreamThatBreaksIsReportedAsAFailureOfItsProvider() {
    List<FailedCall> failures = new CopyOnWriteArrayList<>();
    LlmRouter router =
        LlmRouter.builder()
            .local(breaking("local"))
            .listener(
                new RouterListener() {
                  @Override
                  public void onFailure(FailedCall failure) {
                    failures.add(failure);
                  }
                })
            .build();
    assertThrows(StreamBrokenException.class, () -> router.stream(ChatRequest.of("hi"), t -> {}));
    assertEquals(1, failures.size(), failures::toString);
    assertEquals("local", failures.get(0).provider());
    assertEquals(CallEvent.Operation.STREAM, failures.get(0).operation());
    assertEquals("dropped", failures.get(0).error().getMessage());
  }

  /** A listener that adds each answered call's event to {@code events}. */
  static RouterListener callsInto(List<CallEvent> events) {
    return new RouterListener() {
      @Override
      public void onCall(CallEvent event) {
        events.add(event);
      }
    };
  }

  /** A provider whose streams deliver "par" and then drop. */
  static ScriptedProvider breaking(String name) {
    return new ScriptedProvider(name, "llama3.2") {
      @Override
      public ProviderReply stream(
          ChatRequest request, StreamListener listener, Cancellation cancellation) {
        listener.onToken("par");
        throw new TransientException(name, "dropped", null);
      }
    };
  }
}
