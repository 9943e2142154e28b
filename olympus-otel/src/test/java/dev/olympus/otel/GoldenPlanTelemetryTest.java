package dev.olympus.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.TransientException;
import dev.olympus.otel.internal.Keys;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeReply;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.testing.ScriptedProvider;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden plan (a model step through FakeOllama, two file-writing steps, one of them running
 * beside the model step) produces the expected span tree and metrics.
 */
class GoldenPlanTelemetryTest {
  @TempDir Path sandbox;

  private static Plan golden() {
    return Plan.builder("golden")
        .id("golden-1")
        .step("ask", s -> s.uses("llm.generate").with("prompt", "Say hello").with("maxTokens", 50))
        .step("note", s -> s.uses("fs.write").with("path", "note.md").with("content", "plain"))
        .step(
            "save",
            s ->
                s.uses("fs.write")
                    .with("path", "answer.md")
                    .with("content", "${ask.text}")
                    .after("ask"))
        .build();
  }

  private PlanResult run(TelemetryFixture otel, Plan plan, ToolRegistry tools) throws Exception {
    OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
    try (FakeOllama model = FakeOllama.start()) {
      model.enqueue(FakeReply.text("Hello").withUsage(12, 3));
      LlmRouter llm =
          LlmRouter.builder()
              .local(OllamaProvider.at(model.uri(), "llama3.2"))
              .listener(telemetry.routerListener())
              .build();
      try (Olympus olympus =
          Olympus.builder()
              .llm(llm)
              .tools(tools)
              .consent(RecordingConsent.allowingAll())
              .parallelism(2)
              .stepListener(telemetry.stepListener())
              .build()) {
        olympus.executor().onEvent(telemetry.runListener());
        return olympus.executor().submit(plan).await();
      }
    }
  }

  @Test
  void theGoldenPlanMakesAPlanSpanWithAttemptsAndTheirToolAndModelCalls() throws Exception {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      PlanResult result =
          run(otel, golden(), ToolRegistry.builder().add(FileTools.sandboxedAt(sandbox)).build());
      assertTrue(result.succeeded(), result.errors()::toString);

      SpanData plan = otel.named("plan");
      assertTrue(TelemetryFixture.isRoot(plan));
      assertEquals("golden-1", plan.getAttributes().get(Keys.PLAN_ID));
      assertEquals("DONE", plan.getAttributes().get(Keys.PLAN_STATE));
      assertTrue(otel.finished().stream().allMatch(s -> s.getTraceId().equals(plan.getTraceId())));
      assertEquals(8, otel.finished().size(), otel.finished()::toString);

      for (String step : List.of("ask", "note", "save")) {
        SpanData attempt = otel.named("step " + step);
        assertEquals(plan.getSpanId(), attempt.getParentSpanId(), step + " is under the plan");
        assertEquals(1L, attempt.getAttributes().get(Keys.ATTEMPT));
        assertEquals(StatusCode.UNSET, attempt.getStatus().getStatusCode());
      }
      assertToolCall(otel, "ask", "llm.generate");
      assertToolCall(otel, "note", "fs.write");
      assertToolCall(otel, "save", "fs.write");

      SpanData chat = otel.named("chat llama3.2");
      assertEquals(otel.named("step ask").getSpanId(), chat.getParentSpanId());
      assertEquals(SpanKind.CLIENT, chat.getKind());
      assertEquals("chat", chat.getAttributes().get(Keys.OPERATION));
      assertEquals("llama3.2", chat.getAttributes().get(Keys.REQUEST_MODEL));
      assertEquals("llama3.2", chat.getAttributes().get(Keys.RESPONSE_MODEL));
      assertEquals("ollama", chat.getAttributes().get(Keys.PROVIDER));
      assertEquals(12L, chat.getAttributes().get(Keys.INPUT_TOKENS));
      assertEquals(3L, chat.getAttributes().get(Keys.OUTPUT_TOKENS));
      assertEquals("ask", chat.getAttributes().get(Keys.STEP_ID));

      Map<String, List<String>> consent =
          plan.getEvents().stream()
              .collect(
                  Collectors.groupingBy(
                      EventData::getName,
                      Collectors.mapping(
                          e -> e.getAttributes().get(Keys.STEP_ID), Collectors.toList())));
      // The writes are asked; the read-only model call is granted without asking.
      assertEquals(List.of("note", "save"), sorted(consent.get("olympus.consent.asked")));
      assertEquals(List.of("ask", "note", "save"), sorted(consent.get("olympus.consent.decided")));
      assertTrue(
          plan.getEvents().stream()
              .filter(e -> e.getName().equals("olympus.consent.decided"))
              .allMatch(e -> Boolean.TRUE.equals(e.getAttributes().get(Keys.CONSENT_GRANTED))));

      assertEquals(12L, tokens(otel, "input"));
      assertEquals(3L, tokens(otel, "output"));
      assertEquals(3L, count(otel.metric("olympus.step.duration").orElseThrow()));
      for (HistogramPointData point :
          otel.metric("olympus.step.duration").orElseThrow().getHistogramData().getPoints()) {
        SpanData attempt = otel.named("step " + point.getAttributes().get(Keys.STEP_ID));
        double spanSeconds = (attempt.getEndEpochNanos() - attempt.getStartEpochNanos()) / 1e9;
        assertTrue(
            point.getSum() > 0 && point.getSum() <= spanSeconds,
            () -> "an attempt's duration lies within its span: " + point + " vs " + spanSeconds);
      }
      assertTrue(otel.metric("olympus.llm.cost").isPresent());
      assertTrue(otel.metric("gen_ai.client.operation.duration").isPresent());
    }
  }

  private static void assertToolCall(TelemetryFixture otel, String step, String tool) {
    SpanData call =
        otel.only(
            s ->
                s.getName().equals("execute_tool " + tool)
                    && step.equals(s.getAttributes().get(Keys.STEP_ID)),
            tool + " of " + step);
    assertEquals(otel.named("step " + step).getSpanId(), call.getParentSpanId(), tool);
    assertEquals("execute_tool", call.getAttributes().get(Keys.OPERATION));
    assertEquals(tool, call.getAttributes().get(Keys.TOOL_NAME));
  }

  private static List<String> sorted(List<String> steps) {
    return steps.stream().sorted().toList();
  }

  private static long tokens(TelemetryFixture otel, String type) {
    MetricData usage = otel.metric("gen_ai.client.token.usage").orElseThrow();
    return usage.getHistogramData().getPoints().stream()
        .filter(p -> type.equals(p.getAttributes().get(Keys.TOKEN_TYPE)))
        .mapToLong(p -> (long) p.getSum())
        .sum();
  }

  private static long count(MetricData histogram) {
    return histogram.getHistogramData().getPoints().stream()
        .mapToLong(HistogramPointData::getCount)
        .sum();
  }

  @Test
  void aFallbackShowsTheFailedModelCallAndTheOneThatAnsweredUnderTheAttempt() throws Exception {
    ScriptedProvider down = ScriptedProvider.named("local", "llama3.2");
    down.enqueueFailure(new TransientException("local", "connection refused", null));
    ScriptedProvider backup = ScriptedProvider.named("backup", "qwen2.5");
    backup.enqueueTexts("Hello");
    Plan plan =
        Plan.builder("fallback")
            .id("fallback-1")
            .step("ask", s -> s.uses("llm.generate").with("prompt", "Say hello"))
            .build();
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      LlmRouter llm =
          LlmRouter.builder()
              .local(down)
              .local(backup)
              .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
              .listener(telemetry.routerListener())
              .build();
      try (Olympus olympus =
          Olympus.builder()
              .llm(llm)
              .consent(RecordingConsent.allowingAll())
              .stepListener(telemetry.stepListener())
              .build()) {
        olympus.executor().onEvent(telemetry.runListener());
        assertTrue(olympus.executor().submit(plan).await().succeeded());
      }

      String attempt = otel.named("step ask").getSpanId();
      SpanData failed = otel.named("chat llama3.2");
      assertEquals(attempt, failed.getParentSpanId());
      assertEquals(SpanKind.CLIENT, failed.getKind());
      assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
      assertEquals("TransientException", failed.getAttributes().get(Keys.ERROR_TYPE));
      assertEquals("llama3.2", failed.getAttributes().get(Keys.REQUEST_MODEL));
      assertEquals("local", failed.getAttributes().get(Keys.ROUTER_PROVIDER));
      assertEquals("fallback-1", failed.getAttributes().get(Keys.PLAN_ID));
      assertEquals("ask", failed.getAttributes().get(Keys.STEP_ID));
      SpanData answered = otel.named("chat qwen2.5");
      assertEquals(attempt, answered.getParentSpanId());
      assertEquals(StatusCode.UNSET, answered.getStatus().getStatusCode());
      assertEquals("backup", answered.getAttributes().get(Keys.ROUTER_PROVIDER));
    }
  }

  @Test
  void aPlanSuspendedByCloseEndsItsSpansAndLeavesNoneOpen() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    Tool waits = TelemetryFixture.waitingUntilCancelled(running);
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      Olympus olympus =
          Olympus.builder()
              .tools(ToolRegistry.builder().add(waits).build())
              .consent(RecordingConsent.allowingAll())
              .stepListener(telemetry.stepListener())
              .build();
      try (olympus) {
        olympus.executor().onEvent(telemetry.runListener());
        olympus
            .executor()
            .submit(
                Plan.builder("waits").id("waits-1").step("w", s -> s.uses("test.waits")).build());
        running.await();
      }

      SpanData plan = otel.named("plan");
      assertEquals(
          true, plan.getAttributes().get(AttributeKey.booleanKey("olympus.plan.suspended")));
      assertEquals(StatusCode.UNSET, plan.getStatus().getStatusCode());
      assertEquals(plan.getSpanId(), otel.named("step w").getParentSpanId());
      assertEquals(Set.of(), otel.open(), "no span is left open");
    }
  }

  @Test
  void aToolFailingFiveTimesInARowReportsItsOpenBreaker() throws Exception {
    Tool flaky =
        Tool.builder("test.flaky")
            .description("Always fails, retryably")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  throw new ToolExecutionException("test.flaky", "try again", true, null);
                });
    Plan plan =
        Plan.builder("flaky")
            .id("flaky-1")
            .step(
                "call",
                s -> s.uses("test.flaky").guard(g -> g.retries(4).backoff(Duration.ofMillis(1))))
            .build();
    try (TelemetryFixture otel = new TelemetryFixture()) {
      assertEquals(
          PlanState.FAILED, run(otel, plan, ToolRegistry.builder().add(flaky).build()).state());

      LongPointData state =
          otel.metric("olympus.breaker.state")
              .orElseThrow()
              .getLongGaugeData()
              .getPoints()
              .iterator()
              .next();
      assertEquals(2, state.getValue(), "open");
      assertEquals(Attributes.of(Keys.TOOL_NAME, "test.flaky"), state.getAttributes());
    }
  }

  @Test
  void aFailingToolMarksItsCallItsAttemptAndThePlanWithTheErrorKind() throws Exception {
    Tool boom =
        Tool.builder("test.boom")
            .description("Always fails")
            .handler(
                (input, context) -> {
                  throw new IllegalStateException("boom");
                });
    Plan plan =
        Plan.builder("fails").id("fails-1").step("explode", s -> s.uses("test.boom")).build();
    try (TelemetryFixture otel = new TelemetryFixture()) {
      PlanResult result = run(otel, plan, ToolRegistry.builder().add(boom).build());
      assertEquals(PlanState.FAILED, result.state());

      String kind = StepError.Kind.TOOL_FAILED.jsonName();
      SpanData call = otel.named("execute_tool test.boom");
      SpanData attempt = otel.named("step explode");
      SpanData failed = otel.named("plan");
      for (SpanData span : List.of(call, attempt, failed)) {
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode(), span.getName());
        assertEquals(kind, span.getAttributes().get(AttributeKey.stringKey("error.type")));
      }
      assertEquals(attempt.getSpanId(), call.getParentSpanId());
      assertEquals(failed.getSpanId(), attempt.getParentSpanId());
      EventData ended =
          failed.getEvents().stream()
              .filter(e -> e.getName().equals("olympus.step.ended"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no step.ended in " + failed.getEvents()));
      assertEquals("explode", ended.getAttributes().get(Keys.STEP_ID));
      assertEquals("FAILED", ended.getAttributes().get(Keys.STEP_STATE));
      assertEquals(kind, ended.getAttributes().get(Keys.ERROR_TYPE));
    }
  }
}
