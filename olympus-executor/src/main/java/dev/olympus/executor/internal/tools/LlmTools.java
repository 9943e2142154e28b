package dev.olympus.executor.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.BuiltInTools;
import dev.olympus.executor.internal.run.BudgetBook;
import dev.olympus.executor.internal.run.DefaultPlanExecutor;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.plan.PlanEvent;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The model tools of the in-process executor. Each call runs within the plan's and step's budgets
 * and records what it really spent as a {@code budget.charge} event, from which a resumed plan
 * recounts its spending.
 */
public final class LlmTools implements BuiltInTools.ModelAccount {
  private final LlmRouter router;
  private final BudgetBook budgets;
  private final Consumer<PlanEvent> events;
  private final Clock clock;

  /** Creates the tools over {@code router}; spend is reported to {@code events}. */
  public LlmTools(LlmRouter router, BudgetBook budgets, Consumer<PlanEvent> events, Clock clock) {
    this.router = router;
    this.budgets = budgets;
    this.events = events;
    this.clock = clock;
  }

  /** Both tools. */
  public List<Tool> tools() {
    return BuiltInTools.model(router, this);
  }

  @Override
  public BudgetContext budget(String toolId, ToolContext call) {
    budgets
        .exhausted(call.planId(), call.stepId())
        .ifPresent(
            why -> {
              throw new ToolExecutionException(toolId, "BudgetExceeded: " + why);
            });
    return budgets.context(call.planId(), call.stepId());
  }

  @Override
  public void charged(ToolContext call, ChatResponse response, ObjectNode charge) {
    events.accept(
        PlanEvent.of(call.planId(), DefaultPlanExecutor.BUDGET_CHARGE, clock.instant())
            .withStep(call.stepId())
            .withData(charge));
  }

  /** Parses a built-in schema. */
  public static JsonNode parse(String json) {
    return ModelTools.parse(json);
  }
}
