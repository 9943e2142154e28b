package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consent, approval, rejection, failure, retries, deadlines, pause and cancel. */
class ExecutorControlTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final TestTools.Recorder recorder = new TestTools.Recorder();
  private MemoryStore memory;
  private Olympus olympus;

  private Olympus start(ConsentProvider consent, ToolRegistry.Builder tools) {
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    olympus =
        Olympus.builder()
            .memory(memory)
            .consent(consent)
            .tools(tools.add(recorder.tool("noop", SideEffect.READ_ONLY)).build())
            .build();
    return olympus;
  }

  @AfterEach
  void close() {
    if (olympus != null) {
      olympus.close();
    }
    if (memory != null) {
      memory.close();
    }
  }

  private static PlanResult await(PlanRun run) throws InterruptedException {
    return run.await(WAIT)
        .orElseThrow(() -> new AssertionError("plan did not settle: " + run.snapshot()));
  }

  @Test
  void aDenialBlocksTheStepAndPausesThePlanUntilApproved() throws Exception {
    RecordingConsent consent =
        RecordingConsent.answering(request -> ConsentDecision.deny("not now"));
    Path counter = dir.resolve("counter.txt");
    start(consent, ToolRegistry.builder().add(TestTools.counter(counter)));
    Plan plan =
        Plan.builder("count")
            .step("a", s -> s.uses("noop"))
            .step("count", s -> s.uses("test.count").after("a"))
            .step("b", s -> s.uses("noop").after("count"))
            .build();
    PlanRun run = olympus.executor().submit(plan);
    PlanResult paused = await(run);
    assertEquals(PlanState.PAUSED, paused.state());
    assertEquals(List.of("count"), paused.blockedSteps());
    assertTrue(
        paused.errors().get("count").message().contains("not now"), paused.errors()::toString);
    assertEquals(StepError.Kind.CONSENT_DENIED, paused.errors().get("count").kind());
    assertEquals("count", consent.requests().get(0).stepId());
    assertFalse(Files.exists(counter));

    run.approve("count");
    PlanResult done = await(run);
    assertEquals(PlanState.DONE, done.state(), () -> done.errors().toString());
    assertEquals(1, Files.readAllLines(counter).size());
    assertEquals(
        1, consent.requests().size(), "approval is the host's consent: it is not asked again");
    assertTrue(memory.events().verify().intact());
  }

  @Test
  void aRejectedStepSkipsItsDescendantsAndFailsThePlan() throws Exception {
    start(
        r -> ConsentDecision.deny("no"),
        ToolRegistry.builder().add(TestTools.counter(dir.resolve("c"))));
    Plan plan =
        Plan.builder("reject")
            .step("count", s -> s.uses("test.count"))
            .step("after", s -> s.uses("noop").after("count"))
            .build();
    PlanRun run = olympus.executor().submit(plan);
    assertEquals(PlanState.PAUSED, await(run).state());
    assertThrows(IllegalTransitionException.class, () -> run.approve("after"));
    run.reject("count", "user said no");
    PlanResult result = await(run);
    assertEquals(PlanState.FAILED, result.state());
    assertEquals(StepState.SKIPPED, result.snapshot().step("count").state());
    assertEquals(StepState.SKIPPED, result.snapshot().step("after").state());
    assertEquals(
        new StepError.Rejected("rejected by host: user said no"), result.errors().get("count"));
  }

  @Test
  void aFailedStepSkipsDescendantsUnlessOptional() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    start(
        r -> ConsentDecision.allowOnce(),
        ToolRegistry.builder().add(TestTools.broken("bad", attempts)));
    Plan plan =
        Plan.builder("fail")
            .step("opt", s -> s.uses("bad").guard(g -> g.optional(true).retries(3)))
            .step("afterOpt", s -> s.uses("noop").after("opt"))
            .step("req", s -> s.uses("bad").after("afterOpt"))
            .step("afterReq", s -> s.uses("noop").after("req"))
            .build();
    PlanResult result = await(olympus.executor().submit(plan));
    assertEquals(PlanState.FAILED, result.state());
    assertEquals(2, attempts.get(), "hard errors are never retried");
    assertEquals(StepState.FAILED, result.snapshot().step("opt").state());
    assertEquals(StepState.DONE, result.snapshot().step("afterOpt").state());
    assertEquals(StepState.FAILED, result.snapshot().step("req").state());
    assertEquals(StepState.SKIPPED, result.snapshot().step("afterReq").state());
    assertTrue(
        result.errors().get("req").message().contains("disk is on fire"),
        result.errors()::toString);
    assertEquals(List.of(), recorder.calls.keySet().stream().filter("afterReq"::equals).toList());
  }

  @Test
  void retryableErrorsAreRetriedUpToTheGuardsLimit() throws Exception {
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger exhausted = new AtomicInteger();
    start(
        r -> ConsentDecision.allowOnce(),
        ToolRegistry.builder()
            .add(TestTools.flaky("flaky", 2, ok))
            .add(TestTools.flaky("flakier", 10, exhausted)));
    Plan plan =
        Plan.builder("retry")
            .step("a", s -> s.uses("flaky").guard(g -> g.retries(2).backoff(Duration.ofMillis(1))))
            .step(
                "b", s -> s.uses("flakier").guard(g -> g.retries(3).backoff(Duration.ofMillis(1))))
            .build();
    PlanResult result = await(olympus.executor().submit(plan));
    assertEquals(StepState.DONE, result.snapshot().step("a").state());
    assertEquals(3, ok.get());
    assertEquals(3, result.snapshot().step("a").attempts());
    assertEquals(StepState.FAILED, result.snapshot().step("b").state());
    assertEquals(4, exhausted.get());
    assertEquals(4, result.snapshot().step("b").attempts());
  }

  @Test
  void cancellationStopsRunningStepsAndLeavesNoStepRunning() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    start(
        r -> ConsentDecision.allowOnce(),
        ToolRegistry.builder().add(TestTools.blocking("wait", started, never)));
    Plan plan =
        Plan.builder("cancel")
            .step("w1", s -> s.uses("wait"))
            .step("w2", s -> s.uses("wait"))
            .step("after", s -> s.uses("noop").after("w1", "w2"))
            .build();
    PlanRun run = olympus.executor().submit(plan);
    assertTrue(started.await(30, TimeUnit.SECONDS));
    run.cancel();
    PlanResult result = await(run);
    assertEquals(PlanState.CANCELLED, result.state());
    assertTrue(
        result.snapshot().steps().values().stream().allMatch(s -> s.state() == StepState.SKIPPED),
        result.snapshot()::toString);
  }

  @Test
  void theLogReadBackTypesAsTheListenerHeardIt() throws Exception {
    start(r -> ConsentDecision.allowOnce(), ToolRegistry.builder());
    List<RunEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    Plan plan = Plan.builder("typed").step("a", s -> s.uses("noop")).build();
    assertEquals(PlanState.DONE, await(olympus.executor().submit(plan, heard::add)).state());

    List<RunEvent> readBack =
        memory.events().byPlan(plan.id()).stream().map(e -> RunEvent.of(e.event())).toList();
    assertTrue(
        readBack.stream()
            .anyMatch(e -> e instanceof RunEvent.PlanChanged p && p.to() == PlanState.DONE),
        readBack::toString);
    assertTrue(
        readBack.stream()
            .anyMatch(e -> e instanceof RunEvent.StepChanged c && c.to() == StepState.DONE),
        readBack::toString);
    assertTrue(heard.stream().anyMatch(e -> e instanceof RunEvent.StepChanged), heard::toString);
  }

  @Test
  void aToolWhoseCancelCallbackThrowsDoesNotKeepTheOtherStepsRunning() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    Tool grumpy =
        Tool.builder("grumpy")
            .description("waits, and fails when told to stop")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  context
                      .cancellation()
                      .onCancel(
                          () -> {
                            throw new IllegalStateException("grumpy about being cancelled");
                          });
                  started.countDown();
                  while (!TestTools.awaitQuietly(never)) {
                    context.throwIfCancelled("grumpy");
                  }
                  return input;
                });
    start(r -> ConsentDecision.allowOnce(), ToolRegistry.builder().add(grumpy));
    Plan plan =
        Plan.builder("cancel grumpy")
            .step("g1", s -> s.uses("grumpy"))
            .step("g2", s -> s.uses("grumpy"))
            .build();
    PlanRun run = olympus.executor().submit(plan);
    assertTrue(started.await(30, TimeUnit.SECONDS));
    run.cancel();
    PlanResult result = await(run);
    assertEquals(PlanState.CANCELLED, result.state());
    assertTrue(
        result.snapshot().steps().values().stream().noneMatch(s -> s.state() == StepState.RUNNING),
        result.snapshot()::toString);
  }

  @Test
  void aPausedPlanStartsNoNewStepUntilResumed() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        r -> ConsentDecision.allowOnce(),
        ToolRegistry.builder().add(TestTools.blocking("wait", started, release)));
    Plan plan =
        Plan.builder("pause")
            .step("w", s -> s.uses("wait"))
            .step("next", s -> s.uses("noop").after("w"))
            .build();
    PlanRun run = olympus.executor().submit(plan);
    assertTrue(started.await(30, TimeUnit.SECONDS));
    run.pause();
    release.countDown();
    PlanResult paused = await(run);
    assertEquals(PlanState.PAUSED, paused.state());
    assertEquals(StepState.DONE, paused.snapshot().step("w").state());
    assertEquals(StepState.PENDING, paused.snapshot().step("next").state());
    run.resume();
    assertEquals(PlanState.DONE, await(run).state());
  }

  @Test
  void thePlanDeadlineFires() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    start(
        r -> ConsentDecision.allowOnce(),
        ToolRegistry.builder().add(TestTools.blocking("wait", started, never)));
    Plan plan =
        Plan.builder("deadline")
            .deadline(Duration.ofMillis(300))
            .step("w", s -> s.uses("wait"))
            .step("next", s -> s.uses("noop").after("w"))
            .build();
    PlanResult result = await(olympus.executor().submit(plan));
    assertEquals(PlanState.FAILED, result.state());
    assertEquals(StepState.FAILED, result.snapshot().step("w").state());
    assertTrue(result.errors().get("w").message().contains("Timeout"), result.errors()::toString);
    assertEquals(StepError.Kind.TIMEOUT, result.errors().get("w").kind());
    assertEquals(StepState.SKIPPED, result.snapshot().step("next").state());
  }

  @Test
  void unknownToolsAndInvalidInputsFailTheStepWithATypedReason() throws Exception {
    start(r -> ConsentDecision.allowOnce(), ToolRegistry.builder());
    Plan plan =
        Plan.builder("bad input")
            .step("ghost", s -> s.uses("no.such.tool"))
            .step("mem", s -> s.uses("memory.search").with("query", 42))
            .build();
    PlanResult result = await(olympus.executor().submit(plan));
    assertEquals(PlanState.FAILED, result.state());
    assertTrue(
        result.errors().get("ghost").message().startsWith("ToolNotFoundException"),
        result.errors()::toString);
  }

  @Test
  void submittingTheSamePlanTwiceIsRefused() throws Exception {
    start(r -> ConsentDecision.allowOnce(), ToolRegistry.builder());
    Plan plan = Plan.builder("once").step("a", s -> s.uses("noop")).build();
    await(olympus.executor().submit(plan));
    assertThrows(IllegalStateException.class, () -> olympus.executor().submit(plan));
    assertThrows(PlanNotFoundException.class, () -> olympus.executor().resume("nope"));
  }
}
