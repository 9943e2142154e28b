package dev.olympus.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.BuiltInTools;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.TokenMeter;
import dev.olympus.llm.UsdMeter;
import dev.olympus.plan.Money;
import dev.olympus.temporal.internal.Wire.Allowance;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account of the model tools on a worker. A call runs within the allowance the workflow hands
 * its step (what the plan and the step may still spend; the router reserves its worst case on it
 * before it sends anything), and what it really spent goes back to the workflow, which keeps the
 * plan's account. Thread-safe.
 */
final class ModelCalls implements BuiltInTools.ModelAccount {
  /** What one call spent, read once the tool returned. */
  final class Charge implements AutoCloseable {
    private final String key;

    private Charge(String key) {
      this.key = key;
    }

    /** The {@code budget.charge} data as JSON, or empty if no model was called. */
    String json() {
      String charge = charges.remove(key);
      return charge == null ? "" : charge;
    }

    @Override
    public void close() {
      allowances.remove(key);
      charges.remove(key);
    }
  }

  private final LlmRouter router;
  private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();
  private final Map<String, String> charges = new ConcurrentHashMap<>();

  /** Model tools over {@code router}; none if it is null. */
  ModelCalls(LlmRouter router) {
    this.router = router;
  }

  /** The two tools, or none without a router. */
  List<Tool> tools() {
    return router == null ? List.of() : BuiltInTools.model(router, this);
  }

  /** Gives the call made with {@code context} its {@code allowance} until the charge is closed. */
  Charge open(ToolContext context, Allowance allowance) {
    allowances.put(context.idempotencyKey(), allowance);
    return new Charge(context.idempotencyKey());
  }

  @Override
  public BudgetContext budget(String toolId, ToolContext call) {
    BudgetContext.Builder budget = BudgetContext.builder(call.planId(), call.stepId());
    Allowance a = allowances.get(call.idempotencyKey());
    if (a == null) {
      return budget.build();
    }
    return budget
        .planTokens(tokens(a.planTokenLimit(), a.planTokensSpent()))
        .stepTokens(tokens(a.stepTokenLimit(), a.stepTokensSpent()))
        .planUsd(usd(a.planUsdLimit(), a.planUsdSpent()))
        .stepUsd(usd(a.stepUsdLimit(), a.stepUsdSpent()))
        .build();
  }

  @Override
  public void charged(ToolContext call, JsonNode input, ChatResponse response, ObjectNode charge) {
    charges.put(call.idempotencyKey(), charge.toString());
  }

  private static TokenMeter tokens(long limit, long spent) {
    return limit < 0 ? TokenMeter.unlimited() : TokenMeter.of(limit, spent);
  }

  private static UsdMeter usd(String limit, String spent) {
    return limit.isEmpty() ? UsdMeter.unlimited() : UsdMeter.of(Money.usd(limit), Money.usd(spent));
  }
}
