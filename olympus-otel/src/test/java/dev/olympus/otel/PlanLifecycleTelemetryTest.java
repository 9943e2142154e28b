package dev.olympus.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.executor.StepListener;
import dev.olympus.otel.internal.Keys;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.ToolCall;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a plan's span ends for each way a plan stops: paused on a denied step (and a new span when it
 * is resumed), cancelled, suspended with attempts still under way; and where consent events go when
 * they arrive before the plan's span or after it ended.
 */
class PlanLifecycleTelemetryTest {
  @TempDir Path sandbox;

  private static Plan writes(String id) {
    return Plan.builder("writes")
        .id(id)
        .step("note", s -> s.uses("fs.write").with("path", "note.md").with("content", "x"))
        .build();
  }

  private static List<SpanData> plans(TelemetryFixture otel) {
    return otel.finished().stream().filter(s -> s.getName().equals("plan")).toList();
  }

  @Test
  void aDeniedStepEndsThePlanSpanPausedAndTheApprovedRunOpensANewOne() throws Exception {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      try (Olympus olympus =
          Olympus.builder()
              .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(sandbox)).build())
              .consent(RecordingConsent.denyingAll())
              .stepListener(telemetry.stepListener())
              .build()) {
        olympus.executor().onEvent(telemetry.runListener());
        PlanRun run = olympus.executor().submit(writes("denied-1"));
        assertEquals(PlanState.PAUSED, run.await().state());

        SpanData paused = otel.named("plan");
        assertEquals("PAUSED", paused.getAttributes().get(Keys.PLAN_STATE));
        assertEquals(StatusCode.UNSET, paused.getStatus().getStatusCode(), "a pause is no error");
        EventData decided = event(paused, "olympus.consent.decided");
        assertEquals(false, decided.getAttributes().get(Keys.CONSENT_GRANTED));
        assertEquals("DENIED", decided.getAttributes().get(Keys.CONSENT_DECISION));
        assertEquals("fs.write", decided.getAttributes().get(Keys.TOOL_NAME));
        assertEquals(Set.of(), otel.open(), "nothing is left open while the plan waits");

        run.approve("note");
        assertEquals(PlanState.DONE, run.await().state());
      }
      List<SpanData> plans = plans(otel);
      assertEquals(2, plans.size(), plans::toString);
      assertEquals("DONE", plans.get(1).getAttributes().get(Keys.PLAN_STATE));
      assertEquals("denied-1", plans.get(1).getAttributes().get(Keys.PLAN_ID));
      assertNotEquals(plans.get(0).getSpanId(), plans.get(1).getSpanId());
      assertEquals(Set.of(), otel.open());
    }
  }

  @Test
  void aCancelledPlanEndsItsSpanCancelledWithoutAnError() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    Tool waits = TelemetryFixture.waitingUntilCancelled(running);
    try (TelemetryFixture otel = new TelemetryFixture()) {
      OlympusTelemetry telemetry = OlympusTelemetry.create(otel.sdk);
      try (Olympus olympus =
          Olympus.builder()
              .tools(ToolRegistry.builder().add(waits).build())
              .consent(RecordingConsent.allowingAll())
              .stepListener(telemetry.stepListener())
              .build()) {
        olympus.executor().onEvent(telemetry.runListener());
        PlanRun run =
            olympus
                .executor()
                .submit(
                    Plan.builder("w").id("cancel-1").step("w", s -> s.uses("test.waits")).build());
        running.await();
        run.cancel();
        assertEquals(PlanState.CANCELLED, run.await().state());

        SpanData plan = otel.named("plan");
        assertEquals("CANCELLED", plan.getAttributes().get(Keys.PLAN_STATE));
        assertEquals(StatusCode.UNSET, plan.getStatus().getStatusCode());
        assertEquals(Set.of(), otel.open());
      }
    }
  }

  @Test
  void aSuspendedPlanEndsItsOwnAttemptsAndToolCallsStillUnderWayAndNoOtherPlans() {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      StepListener steps = OlympusTelemetry.create(otel.sdk).stepListener();
      ToolCall call = ToolCall.of("fs.write", JsonNodeFactory.instance.objectNode());
      ToolContext stuck = ToolContext.of("stuck-1", "s", Duration.ofMinutes(1));
      ToolContext other = ToolContext.of("other-1", "t", Duration.ofMinutes(1));
      for (ToolContext context : List.of(stuck, other)) {
        steps.onAttemptStarted(context.planId(), context.stepId(), 1);
        steps.onToolCallStarted(call, context);
      }

      steps.onPlanSuspended("stuck-1");

      List<SpanData> ended = otel.finished();
      assertEquals(
          Set.of("plan", "step s", "execute_tool fs.write"),
          Set.copyOf(ended.stream().map(SpanData::getName).toList()));
      assertEquals(3, ended.size(), ended::toString);
      for (SpanData span : ended) {
        assertEquals("stuck-1", span.getAttributes().get(Keys.PLAN_ID), span.getName());
        assertEquals(true, span.getAttributes().get(Keys.PLAN_SUSPENDED), span.getName());
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode(), span.getName());
      }

      // The stuck step's thread returns after the suspension: its attempt is not measured again;
      // the other plan's step ends as usual.
      steps.onToolCallEnded(call, stuck, Optional.empty());
      steps.onAttemptEnded("stuck-1", "s", 1, Optional.empty());
      steps.onToolCallEnded(call, other, Optional.empty());
      steps.onAttemptEnded("other-1", "t", 1, Optional.empty());
      assertEquals(
          List.of("step t", "execute_tool fs.write"),
          otel.finished().stream()
              .skip(3)
              .filter(s -> "other-1".equals(s.getAttributes().get(Keys.PLAN_ID)))
              .map(SpanData::getName)
              .sorted(Comparator.reverseOrder())
              .toList());
      assertEquals(5, otel.finished().size(), otel.finished()::toString);
      assertEquals(1, otel.open().size(), "only other-1's plan is open: " + otel.open());
      assertTrue(otel.open().iterator().next().startsWith("plan "), otel.open()::toString);
      List<HistogramPointData> measured =
          List.copyOf(
              otel.metric("olympus.step.duration").orElseThrow().getHistogramData().getPoints());
      assertEquals(1, measured.size(), measured::toString);
      assertEquals("t", measured.get(0).getAttributes().get(Keys.STEP_ID));
      assertEquals(1, measured.get(0).getCount());
    }
  }

  @Test
  void aConsentQuestionOpensTheSpanOfARecoveredPlanAndALateDecisionOpensNone() {
    try (TelemetryFixture otel = new TelemetryFixture()) {
      var events = OlympusTelemetry.create(otel.sdk).runListener();
      Instant now = Instant.now();
      // A recovered plan hears no RUNNING before its first question.
      events.accept(
          new RunEvent.ConsentAsked("s", "fs.write", PlanEvent.of("rec-1", "consent.asked", now)));
      events.accept(
          RunEvent.of(PlanEvent.planState("rec-1", PlanState.RUNNING, PlanState.DONE, now)));
      // A question withdrawn by close() is decided after the plan's span ended.
      events.accept(
          new RunEvent.ConsentDecided(
              "s", "fs.write", false, "DENIED", PlanEvent.of("rec-1", "consent.decided", now)));

      SpanData plan = otel.named("plan");
      EventData asked = event(plan, "olympus.consent.asked");
      assertEquals("s", asked.getAttributes().get(Keys.STEP_ID));
      assertEquals("fs.write", asked.getAttributes().get(Keys.TOOL_NAME));
      assertEquals(1, plan.getEvents().size(), "the late decision is not on it");
      assertEquals(Set.of(), otel.open(), "the late decision opened no span");
    }
  }

  private static EventData event(SpanData span, String name) {
    List<EventData> found =
        span.getEvents().stream().filter(e -> e.getName().equals(name)).toList();
    assertEquals(1, found.size(), () -> name + " in " + span.getEvents());
    return found.get(0);
  }
}
