package dev.olympus.temporal.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.ResponseFormat;
import dev.olympus.llm.TokenMeter;
import dev.olympus.llm.UsdMeter;
import dev.olympus.plan.Money;
import dev.olympus.temporal.internal.Wire.Allowance;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model as the tools {@code llm.generate} and {@code llm.extract}, with the same inputs and
 * outputs as in process. A call runs within the allowance the workflow hands its step (what the
 * plan and the step may still spend; the router reserves its worst case on it before it sends
 * anything), and what it really spent goes back to the workflow, which keeps the plan's account.
 * Thread-safe.
 */
final class ModelCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GENERATE_SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["prompt"],"properties":{
        "prompt":{"type":"string","minLength":1,"description":"what to ask the model"},
        "system":{"type":"string","description":"instructions for the model"},
        "maxTokens":{"type":"integer","minimum":1,"maximum":131072},
        "temperature":{"type":"number","minimum":0,"maximum":2},
        "model":{"type":"string","description":"preferred model"}}}
      """;
  private static final String EXTRACT_SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["prompt","schema"],"properties":{
        "prompt":{"type":"string","minLength":1},
        "system":{"type":"string"},
        "schema":{"type":"object","description":"JSON Schema the answer must match"},
        "maxTokens":{"type":"integer","minimum":1,"maximum":131072},
        "model":{"type":"string"}}}
      """;

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
    if (router == null) {
      return List.of();
    }
    Tool generate =
        Tool.builder("llm.generate")
            .description("Ask the language model for text; returns {text, usage, cost}.")
            .inputSchema(parse(GENERATE_SCHEMA))
            .sideEffect(SideEffect.READ_ONLY)
            .handler(this::generate);
    Tool extract =
        Tool.builder("llm.extract")
            .description("Ask the language model for JSON matching a schema; returns {data, ...}.")
            .inputSchema(parse(EXTRACT_SCHEMA))
            .sideEffect(SideEffect.READ_ONLY)
            .handler(this::extract);
    return List.of(generate, extract);
  }

  /** Gives the call made with {@code context} its {@code allowance} until the charge is closed. */
  Charge open(ToolContext context, Allowance allowance) {
    allowances.put(context.idempotencyKey(), allowance);
    return new Charge(context.idempotencyKey());
  }

  private JsonNode generate(JsonNode input, ToolContext context) {
    ChatResponse response = router.chat(request(input, context).build());
    ObjectNode out = describe(response, context);
    out.put("text", response.text());
    return out;
  }

  private JsonNode extract(JsonNode input, ToolContext context) {
    ChatRequest request =
        request(input, context)
            .responseFormat(ResponseFormat.jsonSchema("answer", input.get("schema")))
            .temperature(0)
            .build();
    ChatResponse response = router.chat(request);
    ObjectNode out = describe(response, context);
    try {
      out.set("data", JSON.readTree(response.text()));
    } catch (JsonProcessingException e) {
      throw new ToolExecutionException(
          "llm.extract", "the model's answer is not JSON: " + e.getOriginalMessage(), false, e);
    }
    return out;
  }

  private ChatRequest.Builder request(JsonNode input, ToolContext context) {
    ChatRequest.Builder builder = ChatRequest.builder();
    if (input.hasNonNull("system")) {
      builder.system(input.get("system").asText());
    }
    builder.user(input.get("prompt").asText());
    if (input.hasNonNull("maxTokens")) {
      builder.maxTokens(input.get("maxTokens").asInt());
    }
    if (input.hasNonNull("temperature")) {
      builder.temperature(input.get("temperature").asDouble());
    }
    if (input.hasNonNull("model")) {
      builder.modelHint(input.get("model").asText());
    }
    return builder.budget(budget(context));
  }

  private BudgetContext budget(ToolContext context) {
    BudgetContext.Builder budget = BudgetContext.builder(context.planId(), context.stepId());
    Allowance a = allowances.get(context.idempotencyKey());
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

  private static TokenMeter tokens(long limit, long spent) {
    return limit < 0 ? TokenMeter.unlimited() : TokenMeter.of(limit, spent);
  }

  private static UsdMeter usd(String limit, String spent) {
    return limit.isEmpty() ? UsdMeter.unlimited() : UsdMeter.of(Money.usd(limit), Money.usd(spent));
  }

  private ObjectNode describe(ChatResponse response, ToolContext context) {
    ObjectNode charge = JsonNodeFactory.instance.objectNode();
    charge.put("tokens", response.usage().totalTokens());
    charge.put("usd", response.cost().amount().toPlainString());
    charge.put("provider", response.provider()).put("model", response.model());
    charge.put("cached", response.cached());
    charges.put(context.idempotencyKey(), charge.toString());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("model", response.model()).put("provider", response.provider());
    out.putObject("usage")
        .put("promptTokens", response.usage().promptTokens())
        .put("completionTokens", response.usage().completionTokens());
    out.put("cost", response.cost().amount().toPlainString()).put("cached", response.cached());
    return out;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("built-in schema is not JSON", e);
    }
  }
}
