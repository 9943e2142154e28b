package dev.olympus.executor.internal.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.BuiltInTools;
import dev.olympus.executor.internal.run.BudgetBook;
import dev.olympus.executor.internal.run.DefaultPlanExecutor;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.transcript.Transcript;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The model tools of the in-process executor. Each call runs within the plan's and step's budgets
 * and records what it really spent as a {@code budget.charge} event, from which a resumed plan
 * recounts its spending. Each call is also recorded as a {@code model.call} event: provider, model,
 * usage, cost, whether the answer came from the cache, and the SHA-256 of the prompt, the system
 * text and the reply (never the texts, which the step's input and output hold).
 */
public final class LlmTools implements BuiltInTools.ModelAccount {
  /** The kind of the event that records one model call of a plan step. */
  public static final String MODEL_CALL = "model.call";

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
        .refusal(call.planId(), call.stepId())
        .ifPresent(
            refused -> {
              throw new ToolExecutionException(toolId, refused.getMessage(), false, refused);
            });
    return budgets.context(call.planId(), call.stepId());
  }

  @Override
  public void charged(ToolContext call, JsonNode input, ChatResponse response, ObjectNode charge) {
    events.accept(event(call, MODEL_CALL, modelCall(input, response)));
    events.accept(event(call, DefaultPlanExecutor.BUDGET_CHARGE, charge));
  }

  private PlanEvent event(ToolContext call, String kind, ObjectNode data) {
    return PlanEvent.of(call.planId(), kind, clock.instant())
        .withStep(call.stepId())
        .withData(data);
  }

  private static ObjectNode modelCall(JsonNode input, ChatResponse response) {
    ObjectNode call = JsonNodeFactory.instance.objectNode();
    call.put("provider", response.provider()).put("model", response.model());
    call.put("promptTokens", response.usage().promptTokens());
    call.put("completionTokens", response.usage().completionTokens());
    call.put("usd", response.cost().amount().toPlainString()).put("cached", response.cached());
    call.put("promptSha256", Transcript.textSha256(input.get("prompt").asText()));
    if (input.hasNonNull("system")) {
      call.put("systemSha256", Transcript.textSha256(input.get("system").asText()));
    }
    return call.put("replySha256", Transcript.textSha256(response.text()));
  }

  /** Parses a built-in schema. */
  public static JsonNode parse(String json) {
    return ModelTools.parse(json);
  }
}
