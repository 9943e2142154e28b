package dev.olympus.executor.internal.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.internal.run.BudgetBook;
import dev.olympus.executor.internal.run.DefaultPlanExecutor;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.ResponseFormat;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.transcript.Transcript;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The language model as tools: {@code llm.generate} (text) and {@code llm.extract} (JSON matching a
 * schema). Each call runs within the plan's and step's budgets (the router reserves its worst case
 * on them before it sends anything and settles with the real cost) and records what it really spent
 * as a {@code budget.charge} event, from which a resumed plan recounts its spending. Each call is
 * also recorded as a {@code model.call} event: provider, model, usage, cost, whether the answer
 * came from the cache, and the SHA-256 of the prompt, the system text and the reply (never the
 * texts, which the step's input and output hold).
 */
public final class LlmTools {
  /** The kind of the event that records one model call of a plan step. */
  public static final String MODEL_CALL = "model.call";

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

  private JsonNode generate(JsonNode input, ToolContext context) {
    ChatResponse response = router.chat(request(input, context, "llm.generate").build());
    ObjectNode out = describe(input, response, context);
    out.put("text", response.text());
    return out;
  }

  private JsonNode extract(JsonNode input, ToolContext context) {
    ChatRequest request =
        request(input, context, "llm.extract")
            .responseFormat(ResponseFormat.jsonSchema("answer", input.get("schema")))
            .temperature(0)
            .build();
    ChatResponse response = router.chat(request);
    ObjectNode out = describe(input, response, context);
    try {
      out.set("data", JSON.readTree(response.text()));
    } catch (JsonProcessingException e) {
      throw new ToolExecutionException(
          "llm.extract", "the model's answer is not JSON: " + e.getOriginalMessage(), false, e);
    }
    return out;
  }

  private ChatRequest.Builder request(JsonNode input, ToolContext context, String toolId) {
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
    budgets
        .exhausted(context.planId(), context.stepId())
        .ifPresent(
            why -> {
              throw new ToolExecutionException(toolId, "BudgetExceeded: " + why);
            });
    return builder.budget(budgets.context(context.planId(), context.stepId()));
  }

  private ObjectNode describe(JsonNode input, ChatResponse response, ToolContext context) {
    events.accept(event(context, MODEL_CALL, modelCall(input, response)));
    ObjectNode charge = JsonNodeFactory.instance.objectNode();
    charge.put("tokens", response.usage().totalTokens());
    charge.put("usd", response.cost().amount().toPlainString());
    charge.put("provider", response.provider()).put("model", response.model());
    charge.put("cached", response.cached());
    events.accept(event(context, DefaultPlanExecutor.BUDGET_CHARGE, charge));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("model", response.model()).put("provider", response.provider());
    out.putObject("usage")
        .put("promptTokens", response.usage().promptTokens())
        .put("completionTokens", response.usage().completionTokens());
    out.put("cost", response.cost().amount().toPlainString()).put("cached", response.cached());
    return out;
  }

  private PlanEvent event(ToolContext context, String kind, ObjectNode data) {
    return PlanEvent.of(context.planId(), kind, clock.instant())
        .withStep(context.stepId())
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

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("built-in schema is not JSON", e);
    }
  }
}
