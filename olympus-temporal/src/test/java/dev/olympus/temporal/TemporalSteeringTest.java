package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.PausedPlan;
import dev.olympus.executor.PlanNotFoundException;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's side of plans on Temporal: settling, rejecting, pausing and cancelling a run, finding
 * runs from any executor, refusing what does not apply with {@code PlanRun}'s exceptions, and the
 * executor's settings reaching the steps. One test service and worker serve every test; each test
 * runs its own plans. The worker denies every scoped call ({@code test.append}, {@code
 * test.strict}), so a plan using one pauses with that step BLOCKED.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalSteeringTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String ASKING = "asking";

  @TempDir static Path dir;
  private final Fixture fixture = new Fixture();
  private final CountDownLatch pausedStarted = new CountDownLatch(1);
  private final CountDownLatch pausedRelease = new CountDownLatch(1);
  private final CountDownLatch listedStarted = new CountDownLatch(1);
  private final CountDownLatch listedRelease = new CountDownLatch(1);
  private final CountDownLatch sortStarted = new CountDownLatch(1);
  private final CountDownLatch sortRelease = new CountDownLatch(1);
  private final CountDownLatch asked = new CountDownLatch(1);
  private final CountDownLatch untilCancelledStarted = new CountDownLatch(1);
  private final CountDownLatch cancelSeen = new CountDownLatch(1);
  private final AtomicInteger slowCalls = new AtomicInteger();
  private final List<TemporalPlanExecutor> executors = new CopyOnWriteArrayList<>();
  private MemoryStore memory;
  private TestWorkflowEnvironment env;
  private OlympusWorker worker;
  private OlympusWorker askingWorker;
  private TemporalPlanExecutor executor;

  @BeforeAll
  void start() {
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    worker =
        OlympusWorker.builder(memory)
            .tools(
                fixture.tools(
                    gate("test.pausedGate", pausedStarted, pausedRelease),
                    gate("test.listedGate", listedStarted, listedRelease),
                    gate("test.sortGate", sortStarted, sortRelease),
                    deadlineTool(),
                    slowEffect(),
                    untilCancelled()))
            .consent(request -> ConsentDecision.deny("not yet"))
            .build();
    worker.register(env.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
    askingWorker =
        OlympusWorker.builder(memory)
            .tools(fixture.tools())
            .consent(
                ConsentProvider.async(
                    request -> {
                      asked.countDown();
                      return new CompletableFuture<>(); // nobody answers
                    }))
            .build();
    askingWorker.register(env.newWorker(ASKING));
    env.start();
    executor = executor(settings());
  }

  @AfterAll
  void stop() {
    pausedRelease.countDown();
    listedRelease.countDown();
    sortRelease.countDown();
    fixture.release.countDown();
    executors.forEach(TemporalPlanExecutor::close);
    env.close();
    worker.close();
    askingWorker.close();
    memory.close();
  }

  private TemporalPlanExecutor.Builder settings() {
    return TemporalPlanExecutor.builder(env.getWorkflowClient(), memory);
  }

  private TemporalPlanExecutor executor(TemporalPlanExecutor.Builder settings) {
    TemporalPlanExecutor built = settings.build();
    executors.add(built);
    return built;
  }

  // Opens {@code started} when called, then returns once {@code release} opens.
  private static Tool gate(String id, CountDownLatch started, CountDownLatch release) {
    return Tool.builder(id)
        .description("waits for the test")
        .sideEffect(SideEffect.READ_ONLY)
        .handler(
            (input, context) -> {
              started.countDown();
              Fixture.awaitUninterruptibly(release);
              return JSON.objectNode().put("passed", true);
            });
  }

  // Returns the deadline its call was given.
  private static Tool deadlineTool() {
    return Tool.builder("test.deadline")
        .description("tells its deadline")
        .sideEffect(SideEffect.READ_ONLY)
        .handler(
            (input, context) -> JSON.objectNode().put("deadline", context.deadline().toString()));
  }

  // Works until its call is cancelled (or its thread interrupted), then says so.
  private Tool untilCancelled() {
    return Tool.builder("test.untilCancelled")
        .description("works until told to stop")
        .sideEffect(SideEffect.READ_ONLY)
        .handler(
            (input, context) -> {
              untilCancelledStarted.countDown();
              try {
                while (!context.cancellation().isCancelled()) {
                  Thread.sleep(5);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // how the registry stops a cancelled call
              }
              cancelSeen.countDown();
              throw new ToolCancelledException("test.untilCancelled");
            });
  }

  // A side effect that needs no consent and takes two seconds, counting its calls.
  private Tool slowEffect() {
    return Tool.builder("test.slowEffect")
        .description("takes its time")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .handler(
            (input, context) -> {
              slowCalls.incrementAndGet();
              try {
                Thread.sleep(2000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return JSON.objectNode().put("slow", true);
            });
  }

  // A plan whose only step the worker's consent denies.
  private static Plan denied(String title, String line) {
    return Plan.builder(title).step("write", s -> s.uses("test.append").with("line", line)).build();
  }

  private PlanRun paused(Plan plan) throws InterruptedException {
    PlanRun run = executor.submit(plan);
    assertEquals(PlanState.PAUSED, awaited(run).state());
    return run;
  }

  private static PlanResult awaited(PlanRun run) throws InterruptedException {
    return run.await(WAIT).orElseThrow();
  }

  // ---- a BLOCKED step: settled, rejected, cancelled ------------------------------------------

  @Test
  void theHostSettlesABlockedStepWithAnOutputThatFitsItsToolsSchemaAndTheRestUsesIt()
      throws Exception {
    Plan plan =
        Plan.builder("settled")
            .step("write", s -> s.uses("test.strict").with("line", "settled by the host"))
            .step("after", s -> s.uses("test.echo").after("write").with("n", "${write.count}"))
            .build();
    PlanRun run = executor.submit(plan);
    PlanResult paused = awaited(run);
    assertEquals(PlanState.PAUSED, paused.state());
    assertEquals(List.of("write"), paused.blockedSteps());

    IllegalArgumentException misfit =
        assertThrows(
            IllegalArgumentException.class, () -> run.complete("write", JSON.objectNode()));
    assertTrue(misfit.getMessage().contains("test.strict"), misfit::getMessage);
    assertThrows(
        IllegalTransitionException.class,
        () -> run.complete("after", JSON.objectNode().put("count", 1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> run.complete("ghost", JSON.objectNode().put("count", 1)));
    assertEquals(PlanState.PAUSED, run.state(), "a refused settlement changes nothing");

    run.complete("write", JSON.objectNode().put("count", 7));
    PlanResult done = awaited(run);

    assertEquals(PlanState.DONE, done.state(), done.errors()::toString);
    assertEquals(7, done.output("write").path("count").asInt());
    assertEquals(7, done.output("after").path("n").asInt());
    assertFalse(fixture.appended.contains("settled by the host"), "the tool was never called");
    List<PlanEvent> settled = events(plan, "step.settled");
    assertEquals(1, settled.size(), settled::toString);
    assertEquals("write", settled.get(0).stepId().orElseThrow());
    assertEquals("host", settled.get(0).data().path("by").asText());
    assertEquals("test.strict", settled.get(0).data().path("tool").asText());
    assertThrows(
        IllegalStateException.class,
        () -> run.complete("write", JSON.objectNode().put("count", 8)),
        "the plan has ended");
  }

  private void workflowClosed(Plan plan) {
    env.getWorkflowClient().newUntypedWorkflowStub(plan.id()).getResult(String.class);
  }

  private List<PlanEvent> events(Plan plan, String kind) {
    return memory.events().byPlan(plan.id()).stream()
        .map(StoredEvent::event)
        .filter(e -> e.kind().equals(kind))
        .toList();
  }

  @Test
  void rejectingARequiredBlockedStepSkipsItsDescendantsAndFailsThePlan() throws Exception {
    Plan plan =
        Plan.builder("rejected")
            .step("write", s -> s.uses("test.append").with("line", "rejected"))
            .step("after", s -> s.uses("test.echo").after("write"))
            .step("other", s -> s.uses("test.echo").with("x", 1))
            .build();
    PlanRun run = executor.submit(plan);
    assertEquals(PlanState.PAUSED, awaited(run).state());
    assertThrows(IllegalTransitionException.class, () -> run.reject("after", "not blocked"));

    run.reject("write", "wrong file");
    PlanResult failed = awaited(run);

    assertEquals(PlanState.FAILED, failed.state());
    assertEquals(StepState.SKIPPED, failed.snapshot().step("write").state());
    assertEquals(
        new StepError.Rejected("rejected by host: wrong file"), failed.errors().get("write"));
    assertEquals(StepState.SKIPPED, failed.snapshot().step("after").state());
    assertEquals(
        new StepError.AncestorFailed("ancestor 'write' was rejected"),
        failed.errors().get("after"));
    assertEquals(StepState.DONE, failed.snapshot().step("other").state());
    assertFalse(fixture.appended.contains("rejected"));
    workflowClosed(plan); // the result is settled; steer only once the workflow has closed too

    run.reject("write", "again"); // the plan has ended: nothing is left to reject
    assertThrows(IllegalArgumentException.class, () -> run.reject("ghost", "unknown"));
    assertThrows(IllegalStateException.class, () -> run.approve("write"));
    assertThrows(IllegalStateException.class, run::resume);
    run.pause();
    run.cancel();
    assertEquals(failed.snapshot(), run.snapshot(), "steering an ended plan changes nothing");
  }

  @Test
  void rejectingAnOptionalStepWithoutAReasonLetsThePlanFinish() throws Exception {
    Plan plan =
        Plan.builder("optional")
            .step(
                "maybe",
                s -> s.uses("test.append").with("line", "maybe").guard(g -> g.optional(true)))
            .step("other", s -> s.uses("test.echo").with("x", 1))
            .build();
    PlanRun run = executor.submit(plan);
    assertEquals(PlanState.PAUSED, awaited(run).state());

    run.reject("maybe", " ");
    PlanResult done = awaited(run);

    assertEquals(PlanState.DONE, done.state(), done.errors()::toString);
    assertEquals(new StepError.Rejected("rejected by host"), done.errors().get("maybe"));
    assertEquals(StepState.DONE, done.snapshot().step("other").state());
  }

  @Test
  void cancellingAPausedPlanSkipsItsBlockedStep() throws Exception {
    Plan plan = denied("cancel paused", "cancelled");
    PlanRun run = paused(plan);

    run.cancel();
    PlanResult cancelled = awaited(run);

    assertEquals(PlanState.CANCELLED, cancelled.state());
    assertEquals(StepState.SKIPPED, cancelled.snapshot().step("write").state());
    assertEquals(new StepError.Cancelled("cancelled"), cancelled.errors().get("write"));
    assertFalse(fixture.appended.contains("cancelled"));
  }

  // The question is open on the worker, in an activity that heartbeats: the plan's cancellation
  // reaches it there and the step ends cancelled, never run.
  @Test
  void cancellingAPlanWhoseWorkerIsStillAskingEndsTheQuestion() throws Exception {
    TemporalPlanExecutor asking =
        executor(settings().taskQueue(ASKING).heartbeatTimeout(Duration.ofMillis(300)));
    Plan plan =
        Plan.builder("asking")
            .step("write", s -> s.uses("test.append").with("line", "asked on the worker"))
            .build();
    PlanRun run = asking.submit(plan);
    asked.await();

    run.cancel();
    PlanResult cancelled = awaited(run);

    assertEquals(PlanState.CANCELLED, cancelled.state());
    assertEquals(StepState.SKIPPED, cancelled.snapshot().step("write").state());
    assertEquals(StepError.Kind.CANCELLED, cancelled.errors().get("write").kind());
    assertFalse(fixture.appended.contains("asked on the worker"));
  }

  // The plan's cancellation reaches the worker with the next heartbeat, and the tool through its
  // context, so a call that would run on stops.
  @Test
  void cancellingAPlanTellsItsRunningToolToStop() throws Exception {
    TemporalPlanExecutor beating = executor(settings().heartbeatTimeout(Duration.ofMillis(600)));
    Plan plan = Plan.builder("stop").step("work", s -> s.uses("test.untilCancelled")).build();
    PlanRun run = beating.submit(plan);
    untilCancelledStarted.await();

    run.cancel();

    assertEquals(PlanState.CANCELLED, awaited(run).state());
    assertTrue(cancelSeen.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the tool was told to stop");
  }

  // ---- pause and resume ----------------------------------------------------------------------

  @Test
  void aPausedPlanStartsNoNewStepUntilResumed() throws Exception {
    Plan plan =
        Plan.builder("paused by host")
            .step("slow", s -> s.uses("test.pausedGate"))
            .step("after", s -> s.uses("test.echo").after("slow").with("x", "${slow.passed}"))
            .build();
    PlanRun run = executor.submit(plan);
    pausedStarted.await();
    run.pause();
    pausedRelease.countDown();
    PlanResult paused = awaited(run);

    assertEquals(PlanState.PAUSED, paused.state());
    assertEquals(StepState.DONE, paused.snapshot().step("slow").state());
    assertEquals(StepState.PENDING, paused.snapshot().step("after").state());
    assertEquals(List.of(), paused.blockedSteps());

    run.resume();
    PlanResult done = awaited(run);

    assertEquals(PlanState.DONE, done.state(), done.errors()::toString);
    assertTrue(done.output("after").path("x").asBoolean());
  }

  // ---- finding runs --------------------------------------------------------------------------

  @Test
  void anyExecutorOnTheQueueFindsTheRunningAndThePausedPlans() throws Exception {
    Plan running = Plan.builder("running").step("hold", s -> s.uses("test.listedGate")).build();
    Plan paused =
        Plan.builder("waits for the host")
            .step("write", s -> s.uses("test.append").with("line", "listed"))
            .build();
    PlanRun runningRun = executor.submit(running);
    PlanRun pausedRun = executor.submit(paused);
    listedStarted.await();
    assertEquals(PlanState.PAUSED, awaited(pausedRun).state());

    assertEquals(
        List.of(running.id(), paused.id()),
        executor.active().stream()
            .map(PlanRun::planId)
            .filter(id -> id.equals(running.id()) || id.equals(paused.id()))
            .toList());
    TemporalPlanExecutor other = executor(settings());
    assertTrue(other.find(running.id()).isEmpty(), "nothing attached there yet");
    assertEquals(
        List.of(running.id()),
        other.recoverAll().stream()
            .map(PlanRun::planId)
            .filter(id -> id.equals(running.id()) || id.equals(paused.id()))
            .toList());
    assertTrue(other.find(running.id()).isPresent());
    PausedPlan listed =
        other.paused().stream()
            .filter(p -> p.planId().equals(paused.id()))
            .findFirst()
            .orElseThrow();
    assertEquals("waits for the host", listed.title());
    assertEquals(
        List.of(
            new PausedPlan.Blocked(
                "write", "test.append", new StepError.ConsentDenied("consent denied: not yet"))),
        listed.blocked());
    assertTrue(other.paused().stream().noneMatch(p -> p.planId().equals(running.id())));

    listedRelease.countDown();
    assertEquals(PlanState.DONE, awaited(runningRun).state());
    pausedRun.reject("write", "done with it");
    assertEquals(PlanState.FAILED, awaited(pausedRun).state());
    assertTrue(
        executor.active().stream()
            .noneMatch(r -> r.planId().equals(running.id()) || r.planId().equals(paused.id())),
        "ended runs are not active");
    assertTrue(other.recoverAll().stream().noneMatch(r -> r.planId().equals(running.id())));
  }

  // The plan started first pauses last: paused plans are listed by when they paused.
  @Test
  void pausedPlansAreListedByWhenTheyPausedOldestFirst() throws Exception {
    Plan late =
        Plan.builder("pauses late")
            .step("hold", s -> s.uses("test.sortGate"))
            .step("write", s -> s.uses("test.append").after("hold").with("line", "late"))
            .build();
    Plan early =
        Plan.builder("pauses early")
            .step("write", s -> s.uses("test.append").with("line", "early"))
            .build();
    PlanRun lateRun = executor.submit(late);
    sortStarted.await();
    assertEquals(PlanState.PAUSED, awaited(executor.submit(early)).state());
    sortRelease.countDown();
    assertEquals(PlanState.PAUSED, awaited(lateRun).state());

    List<String> paused =
        executor.paused().stream()
            .map(PausedPlan::planId)
            .filter(id -> id.equals(late.id()) || id.equals(early.id()))
            .toList();

    assertEquals(List.of(early.id(), late.id()), paused);
    executor.resume(early.id()).cancel();
    lateRun.cancel();
  }

  @Test
  void anotherExecutorAttachesToAFinishedPlanAndAnUnknownPlanIsNotFound() throws Exception {
    Plan plan =
        Plan.builder("finished").step("echo", s -> s.uses("test.echo").with("x", 1)).build();
    PlanResult done = awaited(executor.submit(plan));
    TemporalPlanExecutor other = executor(settings());

    PlanRun attached = other.resume(plan.id());

    assertEquals(done.snapshot(), awaited(attached).snapshot());
    assertEquals(PlanState.DONE, attached.state());
    assertTrue(attached == other.resume(plan.id()), "one run per plan");
    assertTrue(other.find(plan.id()).isPresent());
    assertTrue(other.active().isEmpty(), "an ended run is not active");
    assertThrows(PlanNotFoundException.class, () -> other.resume("no-such-plan"));
    assertThrows(PlanNotFoundException.class, () -> other.questions("no-such-plan"));
    assertTrue(other.find("no-such-plan").isEmpty());
  }

  @Test
  void aStepWhoseToolTheWorkerLacksFailsNamingIt() throws Exception {
    Plan plan =
        Plan.builder("unknown tool")
            .step("call", s -> s.uses("test.absent"))
            .step("after", s -> s.uses("test.echo").after("call"))
            .build();

    PlanResult failed = awaited(executor.submit(plan));

    assertEquals(PlanState.FAILED, failed.state());
    assertEquals(StepState.FAILED, failed.snapshot().step("call").state());
    assertTrue(
        failed.errors().get("call").message().contains("test.absent"), failed.errors()::toString);
    assertEquals(StepState.SKIPPED, failed.snapshot().step("after").state());
  }

  // ---- refusals ------------------------------------------------------------------------------

  @Test
  void aPlanIsStartedOnceWhicheverStoreTheExecutorLogsTo() throws Exception {
    Plan plan = Plan.builder("once").step("echo", s -> s.uses("test.echo").with("x", 1)).build();
    assertEquals(PlanState.DONE, awaited(executor.submit(plan)).state());

    IllegalStateException logged =
        assertThrows(IllegalStateException.class, () -> executor.submit(plan));
    assertTrue(logged.getMessage().contains("event log"), logged::getMessage);
    try (MemoryStore otherStore = SqliteMemoryStore.open(dir.resolve("other.db"))) {
      TemporalPlanExecutor other =
          executor(TemporalPlanExecutor.builder(env.getWorkflowClient(), otherStore));
      IllegalStateException started =
          assertThrows(IllegalStateException.class, () -> other.enqueue(plan));
      assertTrue(started.getMessage().contains("already submitted"), started::getMessage);
      other.close();
    }
  }

  @Test
  void aClosedExecutorStartsAndAttachesToNothing() {
    TemporalPlanExecutor closed = executor(settings());
    closed.close();
    closed.close();
    Plan plan = Plan.builder("too late").step("echo", s -> s.uses("test.echo")).build();

    assertThrows(IllegalStateException.class, () -> closed.submit(plan));
    assertThrows(IllegalStateException.class, () -> closed.resume(plan.id()));
    assertThrows(IllegalStateException.class, closed::recoverAll);
  }

  @Test
  void aQuestionHeldByTheWorkflowIsAnsweredByAllowingOrDenyingOnly() throws Exception {
    Plan plan = denied("not asked", "never asked");
    PlanRun run = paused(plan);

    for (ConsentDecision unsupported :
        List.of(
            ConsentDecision.allowEdited(JSON.objectNode().put("line", "x")),
            ConsentDecision.answerInstead(JSON.objectNode()))) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () -> executor.answer(plan.id(), "write", unsupported));
      assertTrue(refused.getMessage().contains("allowing or denying"), refused::getMessage);
    }
    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> executor.answer(plan.id(), "write", ConsentDecision.allowOnce()));
    assertTrue(none.getMessage().contains("no open consent question"), none::getMessage);
    assertEquals(List.of(), executor.questions(plan.id()));
    run.cancel();
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingTheSetting() {
    TemporalPlanExecutor.Builder settings = settings();
    assertThrows(IllegalArgumentException.class, () -> settings.parallelism(0));
    assertThrows(IllegalArgumentException.class, () -> settings.parallelism(1025));
    settings.parallelism(1).parallelism(1024);
    assertRefused("maxStepTime", () -> settings.maxStepTime(Duration.ZERO));
    assertRefused("maxStepTime", () -> settings.maxStepTime(Duration.ofSeconds(-1)));
    assertRefused("heartbeat", () -> settings.heartbeatTimeout(Duration.ZERO));
    assertRefused("heartbeat", () -> settings.heartbeatTimeout(Duration.ofMillis(-5)));
    assertRefused("consentTimeout", () -> settings.consentTimeout(Duration.ZERO));
    assertRefused("consentTimeout", () -> settings.consentTimeout(Duration.ofDays(-1)));
    assertRefused("taskQueue", () -> settings.taskQueue(" "));
    assertThrows(NullPointerException.class, () -> settings.maxStepTime(null));
    assertThrows(NullPointerException.class, () -> settings.taskQueue(null));
    assertThrows(NullPointerException.class, () -> TemporalPlanExecutor.builder(null, memory));
    assertThrows(
        NullPointerException.class,
        () -> TemporalPlanExecutor.builder(env.getWorkflowClient(), null));
  }

  @Test
  void aMissingArgumentIsRefusedNamingIt() throws Exception {
    Plan plan = Plan.builder("nulls").step("echo", s -> s.uses("test.echo").with("x", 1)).build();
    PlanRun run = executor.submit(plan);
    awaited(run);
    TemporalPlanExecutor.Builder settings = settings();

    OlympusWorkerTest.assertRefused("client", () -> TemporalPlanExecutor.builder(null, memory));
    OlympusWorkerTest.assertRefused("heartbeat", () -> settings.heartbeatTimeout(null));
    OlympusWorkerTest.assertRefused("consentTimeout", () -> settings.consentTimeout(null));
    OlympusWorkerTest.assertRefused("plan", () -> executor.submit(null));
    OlympusWorkerTest.assertRefused("plan", () -> executor.enqueue(null));
    OlympusWorkerTest.assertRefused("listener", () -> executor.submit(plan, null));
    OlympusWorkerTest.assertRefused("listener", () -> executor.onEvent(null));
    OlympusWorkerTest.assertRefused("planId", () -> executor.resume(null));
    OlympusWorkerTest.assertRefused("planId", () -> executor.questions(null));
    ConsentDecision allow = ConsentDecision.allowOnce();
    OlympusWorkerTest.assertRefused("stepId", () -> executor.answer(plan.id(), null, allow));
    OlympusWorkerTest.assertRefused("decision", () -> executor.answer(plan.id(), "echo", null));
    OlympusWorkerTest.assertRefused("stepId", () -> run.approve(null));
    OlympusWorkerTest.assertRefused("stepId", () -> run.reject(null, "why"));
    OlympusWorkerTest.assertRefused("reason", () -> run.reject("echo", null));
    OlympusWorkerTest.assertRefused("stepId", () -> run.complete(null, JSON.objectNode()));
    OlympusWorkerTest.assertRefused("output", () -> run.complete("echo", null));
  }

  // An operator ended the workflow in Temporal, not the plan: waiting for it fails, naming it.
  @Test
  void waitingForAPlanWhoseWorkflowWasTerminatedFailsNamingThePlan() throws Exception {
    Plan plan = denied("terminated", "terminated");
    PlanRun run = paused(plan);

    env.getWorkflowClient().newUntypedWorkflowStub(plan.id()).terminate("by an operator");

    assertEndedNamingThePlanAndItsStatus(run, plan);
    // Attached afresh, whether it first hears the workflow's result or its query (still PAUSED).
    assertEndedNamingThePlanAndItsStatus(executor(settings()).resume(plan.id()), plan);
    assertFalse(fixture.appended.contains("terminated"));
  }

  private static void assertEndedNamingThePlanAndItsStatus(PlanRun run, Plan plan) {
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> awaited(run));
    assertTrue(failed.getMessage().contains(plan.id()), failed::getMessage);
    assertTrue(failed.getMessage().contains("TERMINATED"), failed::getMessage);
  }

  // A moment without the service, while a paused plan settles, is waited out: it is neither an
  // error nor taken for a closed workflow.
  @Test
  void aServiceThatDoesNotAnswerForAMomentIsWaitedOutWhenAPausedPlanSettles() throws Exception {
    Plan plan = denied("outage", "outage");
    paused(plan);
    AtomicInteger unanswered = new AtomicInteger();
    PlanRun attached = attachedThrough(unansweredDescribes(unanswered), plan);
    unanswered.set(3);

    assertEquals(PlanState.PAUSED, awaited(attached).state());
    assertTrue(unanswered.get() < 0, "the service was asked until it answered");
  }

  // The workflow may close between the run's own check and the update reaching it.
  @Test
  void steeringAPlanWhoseWorkflowClosesOnTheWayIsRefusedAsEnded() throws Exception {
    Plan plan = denied("closing", "closing");
    paused(plan);
    PlanRun attached = attachedThrough(closingBeforeUpdates(env.getWorkflowClient()), plan);

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> attached.approve("write"));
    assertTrue(refused.getMessage().contains(plan.id()), refused::getMessage);
    assertFalse(fixture.appended.contains("closing"));
  }

  // The run of {@code plan} attached by an executor whose client calls pass {@code interceptor}.
  private PlanRun attachedThrough(WorkflowClientInterceptor interceptor, Plan plan) {
    WorkflowClient client =
        WorkflowClient.newInstance(
            env.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder()
                .setNamespace(env.getNamespace())
                .setInterceptors(interceptor)
                .build());
    return executor(TemporalPlanExecutor.builder(client, memory)).resume(plan.id());
  }

  // Terminates the workflow each update is for just before the update is sent.
  private static WorkflowClientInterceptor closingBeforeUpdates(WorkflowClient operator) {
    return new WorkflowClientInterceptorBase() {
      @Override
      public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
          WorkflowClientCallsInterceptor next) {
        return new WorkflowClientCallsInterceptorBase(next) {
          @Override
          public <R> WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
            String workflowId = input.getWorkflowExecution().getWorkflowId();
            operator.newUntypedWorkflowStub(workflowId).terminate("closed on the way");
            return super.startUpdate(input);
          }
        };
      }
    };
  }

  // Fails each describe call with UNAVAILABLE while {@code unanswered} counts down to zero.
  private static WorkflowClientInterceptor unansweredDescribes(AtomicInteger unanswered) {
    return new WorkflowClientInterceptorBase() {
      @Override
      public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
          WorkflowClientCallsInterceptor next) {
        return new WorkflowClientCallsInterceptorBase(next) {
          @Override
          public DescribeWorkflowOutput describe(DescribeWorkflowInput input) {
            if (unanswered.getAndDecrement() > 0) {
              throw new StatusRuntimeException(Status.UNAVAILABLE.withDescription("a blip"));
            }
            return super.describe(input);
          }
        };
      }
    };
  }

  private static void assertRefused(String setting, Runnable call) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(refused.getMessage().contains(setting), refused::getMessage);
  }

  // ---- settings that reach the steps ---------------------------------------------------------

  // The tool's registry allows 60 s per call, so a shorter step time is what the tool sees.
  @Test
  void aStepsCallEndsByTheExecutorsStepTimeCappedByThePlansDeadline() throws Exception {
    TemporalPlanExecutor shortSteps = executor(settings().maxStepTime(Duration.ofSeconds(30)));
    Plan open = Plan.builder("step time").step("d", s -> s.uses("test.deadline")).build();
    Plan capped =
        Plan.builder("plan deadline")
            .deadline(Duration.ofSeconds(5))
            .step("d", s -> s.uses("test.deadline"))
            .build();

    Instant before = Instant.now();
    Instant stepTime = deadlineOf(shortSteps.submit(open));
    Instant planDeadline = deadlineOf(shortSteps.submit(capped));

    assertTrue(stepTime.isAfter(before.plus(Duration.ofSeconds(20))), stepTime::toString);
    assertTrue(!stepTime.isAfter(Instant.now().plus(Duration.ofSeconds(30))), stepTime::toString);
    assertTrue(
        planDeadline.isBefore(Instant.now().plus(Duration.ofSeconds(10))), planDeadline::toString);
  }

  private static Instant deadlineOf(PlanRun run) throws InterruptedException {
    PlanResult result = awaited(run);
    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    JsonNode output = result.output("d");
    return Instant.parse(output.path("deadline").asText());
  }

  // The worker beats while the tool works, so Temporal does not give a live call up as lost.
  @Test
  void aCallThatOutlastsTheHeartbeatTimeoutIsNotTakenForALostWorker() throws Exception {
    TemporalPlanExecutor beating = executor(settings().heartbeatTimeout(Duration.ofMillis(800)));
    Plan plan = Plan.builder("slow").step("slow", s -> s.uses("test.slowEffect")).build();

    PlanResult done = awaited(beating.submit(plan));

    assertEquals(PlanState.DONE, done.state(), done.errors()::toString);
    assertEquals(1, slowCalls.get());
  }

  // ---- listeners -----------------------------------------------------------------------------

  @Test
  void anExecutorsListenersHearItsOwnRunsOnly() throws Exception {
    TemporalPlanExecutor mine = executor(settings());
    TemporalPlanExecutor theirs = executor(settings());
    List<RunEvent> heard = new CopyOnWriteArrayList<>();
    mine.onEvent(heard::add);
    Plan own = Plan.builder("mine").step("echo", s -> s.uses("test.echo").with("x", 1)).build();
    Plan foreign =
        Plan.builder("theirs").step("echo", s -> s.uses("test.echo").with("x", 2)).build();

    PlanRun foreignRun = theirs.submit(foreign);
    assertEquals(PlanState.DONE, awaited(mine.submit(own)).state());
    assertEquals(PlanState.DONE, awaited(foreignRun).state());
    awaited(mine.resume(own.id())); // catches up once more, after the other plan ended

    assertTrue(
        heard.stream()
            .anyMatch(e -> e instanceof RunEvent.PlanChanged p && p.to() == PlanState.DONE),
        heard::toString);
    assertTrue(heard.stream().allMatch(e -> e.planId().equals(own.id())), heard::toString);
  }

  // Nobody awaits the run: the executor's own polling brings its events to the listeners.
  @Test
  void listenersHearARunEndWithoutAnyoneWaitingForIt() throws Exception {
    TemporalPlanExecutor polling = executor(settings());
    CountDownLatch runHeard = new CountDownLatch(1);
    CountDownLatch executorHeard = new CountDownLatch(1);
    polling.onEvent(e -> countDownOnDone(e, executorHeard));
    Plan plan = Plan.builder("unawaited").step("echo", s -> s.uses("test.echo")).build();

    polling.submit(plan, e -> countDownOnDone(e, runHeard));

    assertTrue(runHeard.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertTrue(executorHeard.await(WAIT.toSeconds(), TimeUnit.SECONDS));
  }

  private static void countDownOnDone(RunEvent event, CountDownLatch heard) {
    if (event instanceof RunEvent.PlanChanged p && p.to() == PlanState.DONE) {
      heard.countDown();
    }
  }

  @Test
  void aListenerThatThrowsDoesNotKeepOthersFromHearingAndALateOneHearsNothingPast()
      throws Exception {
    List<RunEvent> heard = new CopyOnWriteArrayList<>();
    Plan plan = Plan.builder("heard").step("echo", s -> s.uses("test.echo").with("x", 1)).build();
    PlanRun run =
        executor.submit(
            plan,
            e -> {
              throw new IllegalStateException("a broken listener");
            });
    assertSame(run, run.onEvent(heard::add));
    assertEquals(PlanState.DONE, awaited(run).state());
    List<RunEvent> late = new CopyOnWriteArrayList<>();
    run.onEvent(late::add);
    awaited(run);

    assertTrue(
        heard.stream()
            .anyMatch(e -> e instanceof RunEvent.PlanChanged p && p.to() == PlanState.DONE),
        heard::toString);
    assertEquals(List.of(), late, "a listener hears what is committed after it was added");
    assertThrows(NullPointerException.class, () -> run.onEvent(null));
    assertThrows(NullPointerException.class, () -> run.await(null));
  }

  @Test
  void waitingNoTimeForARunningPlanReturnsNothing() throws Exception {
    Plan plan = Plan.builder("not yet").step("slow", s -> s.uses("test.wait")).build();
    PlanRun run = executor.submit(plan);
    fixture.waiting.await();

    assertTrue(run.await(Duration.ZERO).isEmpty());
    assertEquals(PlanState.RUNNING, run.state());
    assertTrue(run.toString().contains(plan.id()));

    fixture.release.countDown();
    assertEquals(PlanState.DONE, awaited(run).state());
  }
}
