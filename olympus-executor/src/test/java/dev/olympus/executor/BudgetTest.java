package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeReply;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan token budgets stop model steps with a typed error, never a silent overspend. */
class BudgetTest {

  @Test
  void anExhaustedPlanBudgetFailsTheNextModelStepBeforeItCallsTheModel() throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        Olympus olympus = overLocalModel(ollama)) {
      ollama.answerEachPrompt(prompt -> "long answer", 90);
      Plan plan =
          Plan.builder("budgeted")
              .budget(Budget.ofTokens(120))
              .step("first", s -> s.uses("llm.generate").with("prompt", "hi").with("maxTokens", 90))
              .step(
                  "second",
                  s ->
                      s.uses("llm.generate")
                          .after("first")
                          .with("prompt", "again")
                          .with("maxTokens", 90)
                          .guard(g -> g.retries(3)))
              .build();
      List<PlanEvent> events = new CopyOnWriteArrayList<>();
      PlanResult result =
          olympus
              .executor()
              .submit(plan)
              .onEvent(e -> events.add(e.stored()))
              .await(Duration.ofSeconds(30))
              .orElseThrow();

      assertEquals(PlanState.FAILED, result.state());
      assertEquals(StepState.DONE, result.snapshot().step("first").state());
      assertEquals(StepState.FAILED, result.snapshot().step("second").state());
      assertTrue(
          result.errors().get("second").message().startsWith("BudgetExceededException"),
          result.errors()::toString);
      assertEquals(1, ollama.chatRequests().size(), "the refused call never reached the model");
      assertEquals(1, result.snapshot().step("second").attempts(), "budget errors are not retried");
      assertTrue(events.stream().anyMatch(e -> e.kind().equals("budget.charge")));
    }
  }

  @Test
  void aModelStepAfterThePlanBudgetIsSpentFailsAsBudgetExceededNotAsAToolFailure()
      throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        Olympus olympus = overLocalModel(ollama)) {
      ollama.answerEachPrompt(prompt -> "an answer billed past its reservation", 400);
      Plan plan =
          Plan.builder("overspent")
              .budget(Budget.ofTokens(200))
              .step("first", s -> s.uses("llm.generate").with("prompt", "hi").with("maxTokens", 50))
              .step(
                  "second",
                  s ->
                      s.uses("llm.generate")
                          .after("first")
                          .with("prompt", "again")
                          .with("maxTokens", 10))
              .build();
      PlanResult result =
          olympus.executor().submit(plan).await(Duration.ofSeconds(30)).orElseThrow();

      assertEquals(StepState.DONE, result.snapshot().step("first").state());
      StepError second = result.errors().get("second");
      assertTrue(second instanceof StepError.BudgetExceeded, result.errors()::toString);
      assertTrue(second.message().contains("plan token budget of 200"), second::message);
      assertEquals(1, ollama.chatRequests().size(), "the refused call never reached the model");
    }
  }

  @Test
  void aStepBudgetLimitsThatStepAlone() throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        Olympus olympus = overLocalModel(ollama)) {
      ollama.answerEachPrompt(prompt -> "ok", 5);
      Plan plan =
          Plan.builder("step budget")
              .step(
                  "small",
                  s ->
                      s.uses("llm.generate")
                          .with("prompt", "hello")
                          .with("maxTokens", 500)
                          .guard(g -> g.budget(Budget.ofTokens(50))))
              .build();
      PlanResult result =
          olympus.executor().submit(plan).await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(StepState.FAILED, result.snapshot().step("small").state());
      assertTrue(
          result.errors().get("small").message().contains("step token budget"),
          result.errors()::toString);
      assertEquals(StepError.Kind.BUDGET_EXCEEDED, result.errors().get("small").kind());
      assertEquals(0, ollama.chatRequests().size());
    }
  }

  @Test
  void aPlanResumedByAnotherProcessKeepsWhatItSpentBefore(@TempDir Path dir) throws Exception {
    Plan plan =
        Plan.builder("spent before")
            .budget(Budget.ofTokens(120))
            .step("first", s -> s.uses("llm.generate").with("prompt", "hi").with("maxTokens", 90))
            .step("gate", s -> s.uses("test.count").after("first"))
            .step(
                "second",
                s ->
                    s.uses("llm.generate")
                        .after("gate")
                        .with("prompt", "again")
                        .with("maxTokens", 90))
            .build();
    Path counter = dir.resolve("counter");
    try (FakeOllama ollama = FakeOllama.start()) {
      ollama.answerEachPrompt(prompt -> "long answer", 90);
      try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
          Olympus olympus = overLocalModel(ollama, memory, counter)) {
        PlanResult paused =
            olympus.executor().submit(plan).await(Duration.ofSeconds(30)).orElseThrow();
        assertEquals(PlanState.PAUSED, paused.state(), "nobody consented to the gate");
      }
      try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
          Olympus olympus = overLocalModel(ollama, memory, counter)) {
        PlanRun run = olympus.executor().resume(plan.id());
        run.approve("gate");
        PlanResult result = run.await(Duration.ofSeconds(30)).orElseThrow();

        assertEquals(StepState.DONE, result.snapshot().step("gate").state());
        assertEquals(StepError.Kind.BUDGET_EXCEEDED, result.errors().get("second").kind());
        assertEquals(1, ollama.chatRequests().size(), "the second call never reached the model");
      }
    }
  }

  // Budget is spent by what settled calls used, not by what a call in flight holds: that hold is
  // mostly given back when the call settles, and a step that spends nothing never needs any.
  @Test
  void aStepStartingWhileAModelCallHoldsTheWholePlanBudgetIsNotRefused(@TempDir Path dir)
      throws Exception {
    CountDownLatch modelCalled = new CountDownLatch(1);
    CountDownLatch peekEnded = new CountDownLatch(1);
    Tool peek =
        Tool.builder("test.peek")
            .description("reads something, asking first")
            .scopes("test.read")
            .sideEffect(SideEffect.READ_ONLY)
            .handler((input, context) -> JsonNodeFactory.instance.objectNode().put("seen", true));
    // The step asks for consent, and is allowed only once the model call holds its reservation.
    ConsentProvider afterTheModelIsCalled =
        request -> {
          await(modelCalled);
          return ConsentDecision.allowOnce();
        };
    try (FakeOllama ollama = FakeOllama.start();
        MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            overLocalModel(ollama, memory)
                .tools(ToolRegistry.builder().add(peek).build())
                .consent(afterTheModelIsCalled)
                .parallelism(2)
                .build()) {
      ollama.dispatch(
          request -> {
            modelCalled.countDown();
            await(peekEnded); // holds the reservation until the other step has ended
            return FakeReply.text("ok").withUsage(5, 10);
          });
      // 4 framing + 1 prompt + 95 completion tokens: the call reserves all 100 of the plan's.
      Plan plan =
          Plan.builder("held")
              .budget(Budget.ofTokens(100))
              .step("think", s -> s.uses("llm.generate").with("prompt", "hi").with("maxTokens", 95))
              .step("peek", s -> s.uses("test.peek"))
              .build();
      PlanRun run =
          olympus
              .executor()
              .submit(
                  plan,
                  TestTools.countDownWhen("peek", peekEnded, StepState.DONE, StepState.FAILED));
      PlanResult result =
          run.await(Duration.ofSeconds(30))
              .orElseThrow(() -> new AssertionError("did not settle: " + run.snapshot()));

      assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
      assertEquals(1, ollama.chatRequests().size());
    }
  }

  // Not a timing assertion: the wait only bounds how long a broken run hangs.
  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Olympus overLocalModel(FakeOllama ollama, MemoryStore memory, Path counter) {
    return overLocalModel(ollama, memory)
        .tools(ToolRegistry.builder().add(TestTools.counter(counter)).build())
        .build();
  }

  private static Olympus.Builder overLocalModel(FakeOllama ollama, MemoryStore memory) {
    return Olympus.builder()
        .memory(memory)
        .llm(LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build());
  }

  private static Olympus overLocalModel(FakeOllama ollama) {
    return Olympus.builder()
        .llm(LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build())
        .build();
  }
}
