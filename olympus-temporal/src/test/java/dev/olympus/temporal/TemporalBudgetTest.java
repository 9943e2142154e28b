package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.executor.PlanResult;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Money;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's and the steps' budgets on Temporal, kept in the workflow: what a model call may spend
 * reaches the router on the worker, what it spent comes back, and model calls of a limited plan
 * take turns. The model is a fake Ollama whose every answer reports 5 prompt tokens and a set
 * number of completion tokens, whatever the call asked for.
 */
class TemporalBudgetTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  // A dollar per thousand tokens: a call of 5 + 90 tokens costs $0.095.
  private static final Pricing PAID = Pricing.perMillionTokens("1000", "1000");

  @TempDir Path dir;
  private MemoryStore memory;
  private TestWorkflowEnvironment env;
  private OlympusWorker worker;
  private TemporalPlanExecutor executor;
  private FakeOllama ollama;

  @AfterEach
  void stop() {
    executor.close();
    env.close();
    worker.close();
    ollama.close();
    memory.close();
  }

  private PlanResult run(int completionTokens, Function<URI, LlmRouter> router, Plan plan)
      throws Exception {
    start(completionTokens, router);
    return result(plan);
  }

  private void start(int completionTokens, Function<URI, LlmRouter> router) throws Exception {
    ollama = new FakeOllama(completionTokens);
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    worker = OlympusWorker.builder(memory).llm(router.apply(ollama.uri())).build();
    worker.register(env.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
    env.start();
    executor = TemporalPlanExecutor.builder(env.getWorkflowClient(), memory).build();
  }

  private PlanResult result(Plan plan) throws Exception {
    return executor.submit(plan).await(WAIT).orElseThrow();
  }

  private static LlmRouter local(URI uri) {
    return LlmRouter.builder().local(OllamaProvider.at(uri, "llama3.2")).build();
  }

  private static LlmRouter paid(URI uri) {
    return LlmRouter.builder()
        .fallback(OllamaProvider.at(uri, "llama3.2"), PAID)
        .cloudFallback(true)
        .dailyBudget(Money.usd("100"))
        .build();
  }

  private static Plan.Builder generate(Plan.Builder plan, String step, String after) {
    return plan.step(
        step,
        s -> {
          s.uses("llm.generate").with("prompt", "hi").with("maxTokens", 90);
          if (after != null) {
            s.after(after);
          }
        });
  }

  // Each could fit the 150 tokens alone; at once both would be given the whole allowance.
  @Test
  void modelStepsThatCouldRunAtOnceTakeTurnsAndTogetherStayWithinThePlansTokens() throws Exception {
    Plan.Builder plan = Plan.builder("turns").budget(Budget.ofTokens(150));
    generate(generate(plan, "a", null), "b", null);

    PlanResult result = run(90, TemporalBudgetTest::local, plan.build());

    assertEquals(PlanState.FAILED, result.state());
    assertEquals(1, ollama.chats(), "the second call was refused before it reached the model");
    Map<String, StepError> errors = result.errors();
    assertEquals(1, errors.size(), errors::toString);
    StepError refused = errors.values().iterator().next();
    assertEquals(StepError.Kind.BUDGET_EXCEEDED, refused.kind());
    assertEquals(
        1, result.snapshot().stepStates().values().stream().filter(StepState.DONE::equals).count());
  }

  // The model answered longer than asked: 5 + 115 tokens spend the whole 120 of the plan.
  @Test
  void aPlanWhoseTokensAreAllSpentCallsNoModelAgain() throws Exception {
    Plan.Builder plan = Plan.builder("tokens spent").budget(Budget.ofTokens(120));
    generate(generate(plan, "first", null), "second", "first");

    PlanResult result = run(115, TemporalBudgetTest::local, plan.build());

    assertSecondRefusedAsSpent(result, "BudgetExceeded: plan token budget of 120 is spent");
  }

  // $0.12 is spent: 5 + 115 tokens at a dollar per thousand.
  @Test
  void aPlanWhoseDollarsAreAllSpentCallsNoModelAgain() throws Exception {
    Plan.Builder plan = Plan.builder("dollars spent").budget(Budget.ofUsd("0.12"));
    generate(generate(plan, "first", null), "second", "first");

    PlanResult result = run(115, TemporalBudgetTest::paid, plan.build());

    assertSecondRefusedAsSpent(result, "BudgetExceeded: plan budget of $0.12 is spent");
  }

  private void assertSecondRefusedAsSpent(PlanResult result, String message) {
    assertEquals(PlanState.FAILED, result.state());
    assertEquals(StepState.DONE, result.snapshot().step("first").state());
    assertEquals(new StepError.BudgetExceeded(message), result.errors().get("second"));
    assertEquals(1, ollama.chats(), "the second step never called the model");
  }

  // 5 + 90 tokens would cost $0.095: more than the limit allows.
  @Test
  void aPaidCallThatCouldCostMoreThanThePlansOrTheStepsDollarsNeverReachesTheModel()
      throws Exception {
    start(90, TemporalBudgetTest::paid);
    Plan planLimit =
        Plan.builder("plan dollars")
            .budget(Budget.ofUsd("0.05"))
            .step("call", s -> s.uses("llm.generate").with("prompt", "hi").with("maxTokens", 90))
            .build();
    Plan stepLimit =
        Plan.builder("step dollars")
            .step(
                "call",
                s ->
                    s.uses("llm.generate")
                        .with("prompt", "hi")
                        .with("maxTokens", 90)
                        .guard(g -> g.budget(Budget.ofUsd("0.05"))))
            .build();

    for (Plan plan : List.of(planLimit, stepLimit)) {
      PlanResult result = result(plan);
      assertEquals(PlanState.FAILED, result.state(), plan.title());
      assertEquals(StepError.Kind.BUDGET_EXCEEDED, result.errors().get("call").kind());
    }
    assertEquals(0, ollama.chats());
  }
}
