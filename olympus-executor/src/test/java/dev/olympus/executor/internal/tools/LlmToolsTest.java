package dev.olympus.executor.internal.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.StepFailures;
import dev.olympus.executor.internal.run.BudgetBook;
import dev.olympus.llm.LlmRouter;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.StepError;
import dev.olympus.plan.ToolCall;
import dev.olympus.testing.ScriptedProvider;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The in-process model tools' own budget check, which a call meets when its plan's budget ran out
 * after the step's check (another step spent it in between).
 */
class LlmToolsTest {
  private final ScriptedProvider model = ScriptedProvider.named("local", "tiny");
  private final List<PlanEvent> events = new CopyOnWriteArrayList<>();

  @Test
  void aCallOverASpentPlanBudgetFailsTheStepAsBudgetExceededWithoutAskingTheModel() {
    Plan plan =
        Plan.builder("spent")
            .budget(Budget.ofTokens(100))
            .step("ask", s -> s.uses("llm.generate").with("prompt", "hi"))
            .build();
    BudgetBook budgets = new BudgetBook();
    budgets.open(plan, 100, BigDecimal.ZERO);
    LlmRouter router = LlmRouter.builder().local(model).build();
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(new LlmTools(router, budgets, events::add, Clock.systemUTC()).tools())
            .build();
    ToolContext call =
        new ToolContext(
            plan.id(),
            "ask",
            plan.id() + "/ask",
            Instant.now().plusSeconds(60),
            new Cancellation());

    ToolException refused =
        assertThrows(
            ToolException.class,
            () ->
                tools.invoke(
                    ToolCall.of(
                        "llm.generate", JsonNodeFactory.instance.objectNode().put("prompt", "hi")),
                    call));

    StepError error = StepFailures.of(refused);
    assertTrue(error instanceof StepError.BudgetExceeded, error::toString);
    assertTrue(error.message().contains("plan token budget of 100"), error::message);
    assertEquals(List.of(), model.requests());
    assertEquals(List.of(), events);
  }
}
