package dev.olympus.executor.internal.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.BuiltInTools.ModelAccount;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.ResponseFormat;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import java.util.List;

/**
 * The language model as tools: {@code llm.generate} (text) and {@code llm.extract} (JSON matching a
 * schema). Each call runs within the budget its account gives it (the router reserves its worst
 * case on it before it sends anything and settles with the real cost) and tells the account what it
 * really spent. Thread-safe if the router and account are.
 */
public final class ModelTools {
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
  private final ModelAccount account;

  /** Creates the tools over {@code router}, spending within {@code account}. */
  public ModelTools(LlmRouter router, ModelAccount account) {
    this.router = router;
    this.account = account;
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
    return builder.budget(account.budget(toolId, context));
  }

  private ObjectNode describe(JsonNode input, ChatResponse response, ToolContext context) {
    ObjectNode charge = JsonNodeFactory.instance.objectNode();
    charge.put("tokens", response.usage().totalTokens());
    charge.put("usd", response.cost().amount().toPlainString());
    charge.put("provider", response.provider()).put("model", response.model());
    charge.put("cached", response.cached());
    account.charged(context, input, response, charge);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("model", response.model()).put("provider", response.provider());
    out.putObject("usage")
        .put("promptTokens", response.usage().promptTokens())
        .put("completionTokens", response.usage().completionTokens());
    out.put("cost", response.cost().amount().toPlainString()).put("cached", response.cached());
    return out;
  }

  /** Parses a built-in schema. */
  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("built-in schema is not JSON", e);
    }
  }
}
