package dev.olympus.otel;

import dev.olympus.executor.RunEvent;
import dev.olympus.executor.StepListener;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.RouterListener;
import dev.olympus.otel.internal.Bridge;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Traces and measures Olympus with OpenTelemetry, through the listener APIs of the executor and the
 * router: a span per plan, per step attempt (under its plan), per tool call and per model call
 * (under the attempt that made it, following the GenAI semantic conventions: {@code
 * gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model}, {@code
 * gen_ai.usage.input_tokens}, ...); consent questions and decisions as events on the plan's span;
 * failures with {@code error.type} set to the step error's kind ({@code tool_failed}, {@code
 * timeout}, ...). Metrics: {@code gen_ai.client.token.usage}, {@code
 * gen_ai.client.operation.duration}, {@code olympus.llm.cost} (USD), {@code olympus.llm.failures},
 * {@code olympus.step.duration}, {@code olympus.breaker.state} (0 closed, 1 half open, 2 open) and
 * {@code olympus.budget.remaining}.
 *
 * <pre>{@code
 * OlympusTelemetry telemetry = OlympusTelemetry.create(openTelemetry);
 * LlmRouter llm = LlmRouter.builder()
 *     .local(OllamaProvider.at(ollama, "llama3.2"))
 *     .listener(telemetry.routerListener())
 *     .build();
 * try (Olympus olympus = Olympus.builder().llm(llm).stepListener(telemetry.stepListener()).build();
 *     AutoCloseable daily = telemetry.observeDailyBudget(llm)) {
 *   olympus.executor().onEvent(telemetry.runListener());
 *   olympus.executor().submit(plan).await();
 * }
 * }</pre>
 *
 * <p>Wire all three listeners: spans of attempts and tool calls come from the step listener as they
 * happen, plans open with whichever reports first and end when the run listener hears the plan end.
 * A plan that pauses ends its span; resuming it opens a new one with the same {@code
 * olympus.plan.id}. A plan that {@code Olympus.close()} suspends ends its span with {@code
 * olympus.plan.suspended=true}. Each provider that fails a model call gets a span of its own with
 * status ERROR, so a call that fell back shows the failed provider's span and the answering one.
 * Thread-safe; make one per {@link OpenTelemetry} and share it.
 */
public final class OlympusTelemetry {
  /** The instrumentation scope name of the spans and metrics. */
  public static final String SCOPE = "dev.olympus.otel";

  private final Bridge bridge;

  private OlympusTelemetry(OpenTelemetry openTelemetry) {
    this.bridge = new Bridge(openTelemetry.getTracer(SCOPE), openTelemetry.getMeter(SCOPE));
  }

  /**
   * Telemetry written to {@code openTelemetry}'s tracer and meter.
   *
   * @throws NullPointerException if {@code openTelemetry} is null
   */
  public static OlympusTelemetry create(OpenTelemetry openTelemetry) {
    return new OlympusTelemetry(
        Objects.requireNonNull(openTelemetry, "openTelemetry cannot be null"));
  }

  /** For {@code Olympus.builder().stepListener(...)}: step attempts and tool calls. */
  public StepListener stepListener() {
    return bridge;
  }

  /** For {@code LlmRouter.builder().listener(...)}: model calls, failures and breakers. */
  public RouterListener routerListener() {
    return bridge;
  }

  /** For {@code executor().onEvent(...)}: plans, step outcomes and consent. */
  public Consumer<RunEvent> runListener() {
    return bridge;
  }

  /**
   * Reports what is left of {@code router}'s daily dollar budget as {@code
   * olympus.budget.remaining} with {@code olympus.budget.scope=daily.usd} and {@code
   * olympus.llm.config} (its {@link LlmRouter#configHash()}), read each time metrics are collected,
   * until the returned handle is closed.
   *
   * @throws NullPointerException if {@code router} is null
   */
  public AutoCloseable observeDailyBudget(LlmRouter router) {
    return bridge.observeDailyBudget(Objects.requireNonNull(router, "router cannot be null"));
  }
}
