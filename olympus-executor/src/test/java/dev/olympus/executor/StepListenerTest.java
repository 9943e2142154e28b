package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.BreakerState;
import dev.olympus.plan.Plan;
import dev.olympus.plan.StepError;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The step listener hears each attempt and tool call as it happens, on the thread that runs it, and
 * a listener that throws fails nothing. (The MDC of step threads is tested in olympus-otel, whose
 * tests log through a backend that keeps it.)
 */
class StepListenerTest {
  /** What the listener heard, in order, with the thread it heard it on. */
  private static final class Heard implements StepListener {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onAttemptStarted(String planId, String stepId, int attempt) {
      add("attempt " + stepId + " #" + attempt);
    }

    @Override
    public void onAttemptEnded(
        String planId, String stepId, int attempt, Optional<StepError> error) {
      add(
          "ended "
              + stepId
              + " #"
              + attempt
              + error.map(e -> " " + e.kind().jsonName()).orElse(""));
    }

    @Override
    public void onToolCallStarted(ToolCall call, ToolContext context) {
      add("call " + call.toolId() + " of " + context.stepId());
    }

    @Override
    public void onToolCallEnded(ToolCall call, ToolContext context, Optional<StepError> error) {
      add("done " + call.toolId() + error.map(e -> " " + e.kind().jsonName()).orElse(""));
      throw new IllegalStateException("a broken listener fails nothing");
    }

    @Override
    public void onToolBreakerStateChange(String toolId, BreakerState state) {
      add("breaker " + toolId + " " + state);
    }

    @Override
    public void onPlanSuspended(String planId) {
      add("suspended " + planId);
    }

    private void add(String line) {
      lines.add(line);
      threads.add(Thread.currentThread().getName());
    }
  }

  @Test
  void attemptsAndToolCallsAreHeardInOrderWithTheirTypedErrors() throws Exception {
    Heard heard = new Heard();
    AtomicInteger calls = new AtomicInteger();
    ExecutorService steps = Executors.newSingleThreadExecutor(r -> new Thread(r, "host-step"));
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(TestTools.flaky("flaky", 1, calls))
            .add(Tool.builder("peek").description("Echoes").handler((input, context) -> input))
            .build();
    try (Olympus olympus =
        Olympus.builder()
            .tools(tools)
            .consent(r -> ConsentDecision.allowOnce())
            .executor(steps)
            .stepListener(heard)
            .build()) {
      Plan plan =
          Plan.builder("retry")
              .id("retry-1")
              .step(
                  "a", s -> s.uses("flaky").guard(g -> g.retries(2).backoff(Duration.ofMillis(1))))
              .step("b", s -> s.uses("peek").after("a"))
              .build();
      PlanResult result = olympus.executor().submit(plan).await();
      assertTrue(result.succeeded(), result.errors()::toString);

      assertEquals(
          List.of(
              "attempt a #1",
              "call flaky of a",
              "done flaky tool-failed",
              "ended a #1 tool-failed",
              "attempt a #2",
              "call flaky of a",
              "done flaky",
              "ended a #2",
              "attempt b #1",
              "call peek of b",
              "done peek",
              "ended b #1"),
          heard.lines);
      assertTrue(heard.threads.stream().allMatch("host-step"::equals), heard.threads::toString);
    } finally {
      steps.shutdown();
    }
  }

  @Test
  void aPlanStillRunningWhenOlympusClosesIsHeardSuspendedAfterItsAttemptEnds() throws Exception {
    Heard heard = new Heard();
    waitingPlanRunning(heard).close();

    assertEquals(
        "suspended waits-1", heard.lines.get(heard.lines.size() - 1), heard.lines::toString);
    assertEquals(1, heard.lines.stream().filter(l -> l.startsWith("suspended")).count());
    assertTrue(
        heard.lines.stream().anyMatch(l -> l.startsWith("ended w #1")), heard.lines::toString);
  }

  // close() is idempotent: a second call suspends nothing again.
  @Test
  void closingTwiceSuspendsThePlanOnce() throws Exception {
    Heard heard = new Heard();
    Olympus olympus = waitingPlanRunning(heard);
    olympus.close();
    olympus.close();

    assertEquals(1, heard.lines.stream().filter(l -> l.startsWith("suspended")).count());
  }

  // Olympus with plan waits-1 running a step that waits until it is cancelled.
  private static Olympus waitingPlanRunning(Heard heard) throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    Tool waits = TestTools.blocking("waits", running, new CountDownLatch(1));
    Olympus olympus =
        Olympus.builder()
            .tools(ToolRegistry.builder().add(waits).build())
            .consent(r -> ConsentDecision.allowOnce())
            .stepListener(heard)
            .build();
    olympus
        .executor()
        .submit(Plan.builder("waits").id("waits-1").step("w", s -> s.uses("waits")).build());
    running.await();
    return olympus;
  }

  @Test
  void aToolsBreakerOpeningAfterFiveRetryableFailuresInARowIsHeard() throws Exception {
    Heard heard = new Heard();
    try (Olympus olympus =
        Olympus.builder()
            .tools(
                ToolRegistry.builder()
                    .add(TestTools.flaky("flaky", 5, new AtomicInteger()))
                    .build())
            .consent(r -> ConsentDecision.allowOnce())
            .stepListener(heard)
            .build()) {
      Plan plan =
          Plan.builder("opens")
              .id("opens-1")
              .step(
                  "a", s -> s.uses("flaky").guard(g -> g.retries(4).backoff(Duration.ofMillis(1))))
              .build();
      olympus.executor().submit(plan).await();
    }

    assertEquals(
        List.of("breaker flaky OPEN"),
        heard.lines.stream().filter(l -> l.startsWith("breaker")).toList(),
        heard.lines::toString);
    assertTrue(heard.lines.contains("ended a #5 tool-failed"), heard.lines::toString);
  }
}
