package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two executors on one store file, as two processes would be: each with its own store instance and
 * owner id. Who may run a plan, what happens to the one that lost it, settling a blocked step, and
 * the list of paused plans.
 */
class OwnershipTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    TestTools.closeInReverse(opened);
  }

  private Olympus executor(String owner, Clock storeClock, ToolRegistry tools) {
    return executor(owner, storeClock, tools, request -> ConsentDecision.allowOnce());
  }

  private Olympus executor(
      String owner, Clock storeClock, ToolRegistry tools, ConsentProvider consent) {
    MemoryStore memory =
        SqliteMemoryStore.builder().path(dir.resolve("olympus.db")).clock(storeClock).build();
    opened.add(memory);
    Olympus olympus =
        Olympus.builder().memory(memory).owner(owner).tools(tools).consent(consent).build();
    opened.add(olympus);
    return olympus;
  }

  private ToolRegistry tools(Tool first) {
    return ToolRegistry.builder().add(first).add(TestTools.counter(dir.resolve("count"))).build();
  }

  private static Tool quick() {
    return Tool.builder("test.wait")
        .description("returns at once")
        .sideEffect(SideEffect.READ_ONLY)
        .handler((input, context) -> JsonNodeFactory.instance.objectNode().put("released", true));
  }

  /** wait (read-only) → count (side effect) → count2 (side effect). */
  private static Plan plan(String id) {
    return Plan.builder("two effects")
        .id(id)
        .step("wait", s -> s.uses("test.wait"))
        .step("count", s -> s.uses("test.count").after("wait"))
        .step("count2", s -> s.uses("test.count").after("count"))
        .build();
  }

  private List<String> counted() throws Exception {
    Path file = dir.resolve("count");
    return Files.exists(file)
        ? Files.readAllLines(file).stream().map(l -> l.split(" ")[0]).toList()
        : List.of();
  }

  @Test
  void anotherExecutorCannotTakeALivePlan() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Olympus a =
        executor("a", Clock.systemUTC(), tools(TestTools.blocking("test.wait", started, release)));
    Olympus b = executor("b", Clock.systemUTC(), tools(quick()));
    PlanRun run = a.executor().submit(plan("p"));
    assertTrue(started.await(30, TimeUnit.SECONDS));

    OwnedElsewhereException refused =
        assertThrows(OwnedElsewhereException.class, () -> b.executor().resume("p"));
    assertEquals("a", refused.owner());
    assertEquals(List.of(), b.executor().recoverAll());

    release.countDown();
    assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
    assertEquals(List.of("count", "count2"), counted());
  }

  @Test
  void closingGivesThePlanUpSoAnotherExecutorContinuesAtOnce() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Olympus a =
        executor(
            "a",
            Clock.systemUTC(),
            tools(TestTools.blocking("test.wait", started, new CountDownLatch(1))));
    Olympus b = executor("b", Clock.systemUTC(), tools(quick()));
    a.executor().submit(plan("p"));
    assertTrue(started.await(30, TimeUnit.SECONDS));
    a.close(); // suspends the run and releases its lease

    List<PlanRun> recovered = b.executor().recoverAll();
    assertEquals(1, recovered.size());
    assertEquals(PlanState.DONE, recovered.get(0).await(WAIT).orElseThrow().state());
    assertEquals(List.of("count", "count2"), counted());
  }

  // A's store clock stands at 1970, so its leases lapsed long ago as B's clock sees them: A is a
  // process that stalled past its lease, and B takes the plan over.
  @Test
  void anExecutorThatLostItsPlanStopsAndItsWritesAreRefused() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Clock stalled = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    Olympus a = executor("a", stalled, tools(TestTools.blocking("test.wait", started, release)));
    Olympus b = executor("b", Clock.systemUTC(), tools(quick()));
    PlanRun lost = a.executor().submit(plan("p"));
    assertTrue(started.await(30, TimeUnit.SECONDS));

    PlanRun taken = b.executor().resume("p");
    assertEquals(PlanState.DONE, taken.await(WAIT).orElseThrow().state());
    release.countDown(); // A's step returns; its outcome can no longer be written

    OwnershipLostException e = assertThrows(OwnershipLostException.class, () -> lost.await(WAIT));
    assertEquals("p", e.id());
    assertEquals(List.of("count", "count2"), counted(), "each side effect ran once, in B");
    try (MemoryStore check = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      assertTrue(check.events().verify().intact());
      assertEquals(PlanState.DONE, check.checkpoints().load("p").orElseThrow().state());
      assertTrue(stateEvents(check, "p").stream().noneMatch(t -> t.equals("DONE->RUNNING")));
    }
  }

  @Test
  void renewalNoticesALostPlanAndStopsItsRunningSteps() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Clock stalled = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    MemoryStore memoryA =
        SqliteMemoryStore.builder().path(dir.resolve("olympus.db")).clock(stalled).build();
    opened.add(memoryA);
    Olympus a =
        Olympus.builder()
            .memory(memoryA)
            .owner("a")
            .leaseDuration(Duration.ofSeconds(1))
            .tools(tools(TestTools.blocking("test.wait", started, new CountDownLatch(1))))
            .consent(request -> ConsentDecision.allowOnce())
            .build();
    opened.add(a);
    Olympus b = executor("b", Clock.systemUTC(), tools(quick()));
    PlanRun lost = a.executor().submit(plan("p"));
    assertTrue(started.await(30, TimeUnit.SECONDS));

    b.executor().resume("p").await(WAIT);
    // A's step never returns by itself: only A's renewal can find out and cancel it.
    assertThrows(OwnershipLostException.class, () -> lost.await(WAIT));
    assertEquals(List.of("count", "count2"), counted());
  }

  @Test
  void aBlockedSideEffectCanBeSettledByTheHostWithItsOutput() throws Exception {
    Olympus a =
        executor(
            "a",
            Clock.systemUTC(),
            ToolRegistry.builder().add(quick()).add(countWithSchema()).add(echo()).build(),
            request ->
                request.stepId().equals("count")
                    ? ConsentDecision.deny("ask me later")
                    : ConsentDecision.allowOnce());
    Plan plan =
        Plan.builder("settle")
            .id("p")
            .step("count", s -> s.uses("test.count"))
            .step("use", s -> s.uses("test.echo").after("count").with("value", "${count.counted}"))
            .build();
    PlanRun run = a.executor().submit(plan);
    PlanResult paused = run.await(WAIT).orElseThrow();
    assertEquals(PlanState.PAUSED, paused.state());

    JsonNode wrong = JsonNodeFactory.instance.objectNode().put("counted", "yes");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> run.complete("count", wrong));
    assertTrue(refused.getMessage().contains("output schema of test.count"), refused::getMessage);
    assertEquals(StepState.BLOCKED, run.snapshot().step("count").state());

    run.complete("count", JsonNodeFactory.instance.objectNode().put("counted", true));
    PlanResult done = run.await(WAIT).orElseThrow();
    assertEquals(PlanState.DONE, done.state(), () -> done.errors().toString());
    assertEquals(List.of(), counted(), "the host settled it: the tool was never called");
    assertEquals(
        true, done.snapshot().step("use").output().orElseThrow().path("value").asBoolean());
    List<PlanEvent> settled =
        a.memory().events().byPlan("p").stream()
            .map(StoredEvent::event)
            .filter(e -> e.kind().equals("step.settled"))
            .toList();
    assertEquals(1, settled.size());
    assertEquals("host", settled.get(0).data().path("by").asText());
    assertThrows(IllegalStateException.class, () -> run.complete("count", wrong));
  }

  @Test
  void pausedPlansAreListedWithTheirBlockedStepsForAnyExecutor() throws Exception {
    Olympus a =
        executor(
            "a", Clock.systemUTC(), tools(quick()), request -> ConsentDecision.deny("not now"));
    Olympus b = executor("b", Clock.systemUTC(), tools(quick()));
    a.executor().submit(plan("p")).await(WAIT);

    List<PausedPlan> paused = b.executor().paused();
    assertEquals(1, paused.size());
    assertEquals("p", paused.get(0).planId());
    assertEquals("two effects", paused.get(0).title());
    assertEquals(
        List.of(
            new PausedPlan.Blocked(
                "count", "test.count", new StepError.ConsentDenied("consent denied: not now"))),
        paused.get(0).blocked());
  }

  @Test
  void rejectingAStepOfAPlanThatAlreadyFailedDoesNothing() throws Exception {
    Olympus a =
        executor(
            "a", Clock.systemUTC(), tools(quick()), request -> ConsentDecision.deny("not now"));
    Plan plan =
        Plan.builder("two blocked")
            .id("p")
            .step("x", s -> s.uses("test.count"))
            .step("y", s -> s.uses("test.count"))
            .build();
    PlanRun run = a.executor().submit(plan);
    assertEquals(PlanState.PAUSED, run.await(WAIT).orElseThrow().state());

    run.reject("x", "no");
    assertEquals(PlanState.FAILED, run.await(WAIT).orElseThrow().state());
    run.reject("y", "no as well"); // documented: nothing left to reject
    assertEquals(StepState.SKIPPED, run.snapshot().step("y").state());
    assertThrows(IllegalArgumentException.class, () -> run.reject("nope", "no"));
    assertThrows(IllegalStateException.class, () -> run.approve("y"));
  }

  private Tool countWithSchema() {
    Path counter = dir.resolve("count");
    return Tool.builder("test.count")
        .description("appends a line to a counter file")
        .scopes("test.write")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .outputSchema(
            JsonNodeFactory.instance
                .objectNode()
                .put("type", "object")
                .set(
                    "properties",
                    JsonNodeFactory.instance
                        .objectNode()
                        .set(
                            "counted",
                            JsonNodeFactory.instance.objectNode().put("type", "boolean"))))
        .handler(
            (input, context) -> {
              TestTools.append(counter, context.stepId() + "\n");
              return JsonNodeFactory.instance.objectNode().put("counted", true);
            });
  }

  @Test
  void aHostSeesItsActiveRunsAndHearsEveryRunsEvents() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Olympus a =
        executor("a", Clock.systemUTC(), tools(TestTools.blocking("test.wait", started, release)));
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    a.executor().onEvent(event -> heard.add(event.planId()));
    PlanRun first = a.executor().submit(plan("first"));
    assertTrue(started.await(30, TimeUnit.SECONDS));

    assertEquals(List.of(first), a.executor().active());
    release.countDown();
    assertEquals(PlanState.DONE, first.await(WAIT).orElseThrow().state());
    assertEquals(List.of(), a.executor().active());
    List<String> logged =
        a.memory().events().byPlan("first").stream().map(e -> e.event().planId()).toList();
    assertEquals(logged, heard, "every committed event of the run, heard once");
  }

  @Test
  void aChatSessionIsOpenInOneExecutorAtATime() {
    Olympus a = executor("a", Clock.systemUTC(), tools(quick()));
    Olympus b = executor("b", Clock.systemUTC(), tools(quick()));
    ChatSession session = a.chat("talk");

    OwnedElsewhereException refused =
        assertThrows(OwnedElsewhereException.class, () -> b.chat("talk"));
    assertEquals("a", refused.owner());
    session.close();
    b.chat("talk").close();
  }

  private static Tool echo() {
    return Tool.builder("test.echo")
        .description("returns its input")
        .sideEffect(SideEffect.READ_ONLY)
        .handler((input, context) -> input);
  }

  private static List<String> stateEvents(MemoryStore memory, String planId) {
    return memory.events().byPlan(planId).stream()
        .map(StoredEvent::event)
        .filter(e -> e.kind().equals(PlanEvent.STEP_STATE))
        .map(e -> e.data().path("from").asText() + "->" + e.data().path("to").asText())
        .toList();
  }
}
