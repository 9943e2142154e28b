package dev.olympus.otel.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys the bridge writes: the OpenTelemetry GenAI semantic conventions for model and
 * tool calls, {@code error.type}, and Olympus's own under {@code olympus.}.
 */
public final class Keys {
  private Keys() {}

  public static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> PROVIDER =
      AttributeKey.stringKey("gen_ai.provider.name");
  // Deprecated in the conventions in favour of gen_ai.provider.name; older back ends read it.
  public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  public static final AttributeKey<String> REQUEST_MODEL =
      AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  public static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
  public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** The router's name of the provider, e.g. {@code ollama/llama3.2}. */
  public static final AttributeKey<String> ROUTER_PROVIDER =
      AttributeKey.stringKey("olympus.llm.provider");

  public static final AttributeKey<String> LLM_CONFIG =
      AttributeKey.stringKey("olympus.llm.config");
  public static final AttributeKey<String> PLAN_ID = AttributeKey.stringKey("olympus.plan.id");
  public static final AttributeKey<String> PLAN_STATE =
      AttributeKey.stringKey("olympus.plan.state");
  public static final AttributeKey<Boolean> PLAN_SUSPENDED =
      AttributeKey.booleanKey("olympus.plan.suspended");
  public static final AttributeKey<String> STEP_ID = AttributeKey.stringKey("olympus.step.id");
  public static final AttributeKey<String> STEP_STATE =
      AttributeKey.stringKey("olympus.step.state");
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("olympus.step.attempt");
  public static final AttributeKey<String> CORRELATION_ID =
      AttributeKey.stringKey("olympus.correlation.id");
  public static final AttributeKey<Double> COST_USD =
      AttributeKey.doubleKey("olympus.llm.cost_usd");
  public static final AttributeKey<Boolean> CACHED = AttributeKey.booleanKey("olympus.llm.cached");
  public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("olympus.llm.route");
  public static final AttributeKey<String> CONSENT_DECISION =
      AttributeKey.stringKey("olympus.consent.decision");
  public static final AttributeKey<Boolean> CONSENT_GRANTED =
      AttributeKey.booleanKey("olympus.consent.granted");
  public static final AttributeKey<String> BREAKER_STATE =
      AttributeKey.stringKey("olympus.breaker.state");
  public static final AttributeKey<String> BUDGET_SCOPE =
      AttributeKey.stringKey("olympus.budget.scope");
}
