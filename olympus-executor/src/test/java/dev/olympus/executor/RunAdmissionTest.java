package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.Leases;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an executor refuses to start and what it counts when it starts a run: a closed executor, a
 * plan id used before, a worker's capacity while a plan waits for the host, and a plan's deadline
 * across processes. Instances share one store file, as processes would.
 */
class RunAdmissionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    TestTools.closeInReverse(opened);
  }

  private Olympus open(String owner, Clock clock, int capacity, ConsentProvider consent) {
    return open(owner, clock, capacity, consent, quick("r.read"));
  }

  // The registry keeps the system clock: step deadlines are read on the executor's.
  private Olympus open(
      String owner, Clock clock, int capacity, ConsentProvider consent, Tool reader) {
    Olympus.Builder builder =
        Olympus.builder()
            .memory(store())
            .owner(owner)
            .clock(clock)
            .tools(ToolRegistry.builder().add(reader).add(effect()).build())
            .consent(consent);
    return opened(capacity == 0 ? builder : builder.worker(capacity));
  }

  private MemoryStore store() {
    MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    opened.add(memory);
    return memory;
  }

  private Olympus opened(Olympus.Builder builder) {
    Olympus olympus = builder.build();
    opened.add(olympus);
    return olympus;
  }

  private Olympus open(String owner) {
    return open(owner, Clock.systemUTC(), 0, r -> ConsentDecision.allowOnce());
  }

  private static Tool quick(String id) {
    return Tool.builder(id)
        .description("returns at once")
        .sideEffect(SideEffect.READ_ONLY)
        .handler((input, context) -> JsonNodeFactory.instance.objectNode().put("read", true));
  }

  private static Tool effect() {
    return Tool.builder("r.effect")
        .description("changes something")
        .scopes("test.write")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .handler((input, context) -> JsonNodeFactory.instance.objectNode().put("done", true));
  }

  private static Plan reading(String id) {
    return Plan.builder("reads").id(id).step("read", s -> s.uses("r.read")).build();
  }

  private static Plan reading(String id, Duration deadline) {
    return Plan.builder("reads")
        .id(id)
        .deadline(deadline)
        .step("read", s -> s.uses("r.read"))
        .build();
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void aClosedExecutorRefusesToSubmitOrResumeAndStoresNothing() throws Exception {
    Olympus client = open("client");
    client.executor().enqueue(reading("queued"));
    Olympus closed = open("closed");
    closed.close();

    IllegalStateException submit =
        assertThrows(IllegalStateException.class, () -> closed.executor().submit(reading("new")));
    IllegalStateException resume =
        assertThrows(IllegalStateException.class, () -> closed.executor().resume("queued"));

    assertEquals("the executor is closed", submit.getMessage());
    assertEquals("the executor is closed", resume.getMessage());
    MemoryStore memory = client.memory();
    assertTrue(memory.checkpoints().load("new").isEmpty());
    assertEquals(PlanState.QUEUED, memory.checkpoints().load("queued").orElseThrow().state());
    assertTrue(memory.leases().holder("plan/new").isEmpty());
    assertTrue(memory.leases().holder("plan/queued").isEmpty());
  }

  @Test
  void submittingTheIdOfARunningOrFinishedPlanAgainIsRefusedAndLeavesThePlanAsItWas()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Olympus first =
        open(
            "first",
            Clock.systemUTC(),
            0,
            r -> allow(),
            TestTools.blocking("r.read", started, release));
    PlanRun running = first.executor().submit(reading("p"));
    assertTrue(started.await(30, TimeUnit.SECONDS), "the run never started its step");

    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> first.executor().submit(reading("p")));

    assertEquals("plan p was already submitted; use resume(planId)", twice.getMessage());
    release.countDown();
    assertEquals(PlanState.DONE, running.await().state(), "the first run kept its plan");
    for (Olympus olympus : List.of(first, open("second"))) {
      IllegalStateException again =
          assertThrows(IllegalStateException.class, () -> olympus.executor().submit(reading("p")));

      assertEquals("plan p was already submitted; use resume(planId)", again.getMessage());
      assertTrue(olympus.memory().leases().holder("plan/p").isEmpty(), "the refusal let go");
    }
  }

  @Test
  void aPlanPausedForTheHostDoesNotTakeAWorkersCapacity() throws Exception {
    Olympus worker = open("worker", Clock.systemUTC(), 1, r -> ConsentDecision.deny("ask later"));
    Plan effect = Plan.builder("effect").id("held").step("e", s -> s.uses("r.effect")).build();
    PlanRun held = worker.executor().submit(effect);
    assertEquals(PlanState.PAUSED, held.await().state());

    open("client").executor().enqueue(reading("queued"));

    assertEquals(PlanState.DONE, TestTools.awaitEnd(worker.memory(), "queued"));
    assertEquals(PlanState.PAUSED, held.state(), "the host's paused plan stays with it");
  }

  @Test
  void aPlansDeadlineCountsFromWhenItFirstRanNotFromWhenItWasQueued() throws Exception {
    open("client", at(T0), 0, r -> ConsentDecision.allowOnce())
        .executor()
        .enqueue(reading("late", Duration.ofHours(1)));
    Olympus worker =
        open("worker", at(T0.plus(Duration.ofHours(2))), 1, r -> ConsentDecision.allowOnce());

    assertEquals(PlanState.DONE, TestTools.awaitEnd(worker.memory(), "late"));
  }

  @Test
  void aResumedPlansDeadlineCountsFromWhenItFirstRan() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Tool stuck = TestTools.blocking("r.read", started, new CountDownLatch(1));
    Olympus first = open("first", at(T0), 0, r -> ConsentDecision.allowOnce(), stuck);
    first.executor().submit(reading("p", Duration.ofHours(1)));
    assertTrue(started.await(30, TimeUnit.SECONDS), "the first run never started its step");
    first.close(); // suspended RUNNING, an hour to go

    Olympus later = open("later", at(T0.plus(Duration.ofHours(2))), 0, r -> allow());

    assertEquals(PlanState.FAILED, later.executor().resume("p").await().state());
  }

  @Test
  void aStepsToolIsGivenTheEarlierOfItsOwnDeadlineAndThePlans() throws Exception {
    List<Instant> deadlines = new CopyOnWriteArrayList<>();
    Tool reporting =
        Tool.builder("r.read")
            .description("reports its deadline")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  deadlines.add(context.deadline());
                  return JsonNodeFactory.instance.objectNode().put("read", true);
                });
    Olympus olympus = open("host", at(T0), 0, r -> allow(), reporting);
    Plan plan =
        Plan.builder("two deadlines")
            .id("p")
            .deadline(Duration.ofSeconds(40))
            .step("short", s -> s.uses("r.read").guard(g -> g.deadline(Duration.ofSeconds(20))))
            .step(
                "long",
                s -> s.uses("r.read").after("short").guard(g -> g.deadline(Duration.ofSeconds(50))))
            .build();

    assertEquals(PlanState.DONE, olympus.executor().submit(plan).await().state());

    // (both under the registry's own limit per call, a minute, which caps them too)
    assertEquals(List.of(T0.plusSeconds(20), T0.plusSeconds(40)), deadlines);
  }

  // A default owner id names its process: a lease whose process is gone is taken over at once, one
  // whose process lives is not, however the id goes on.
  @Test
  void resumeTakesOverAtOnceOnlyTheLeaseOfAProcessOfThisMachineThatHasEnded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Tool stuck = TestTools.blocking("r.read", started, release);
    Olympus live = opened(defaults(stuck));
    PlanRun holding = live.executor().submit(reading("holding"));
    assertTrue(started.await(30, TimeUnit.SECONDS), "the live run never started its step");
    String liveOwner = live.memory().leases().holder("plan/holding").orElseThrow().owner();
    String where = liveOwner.substring(liveOwner.indexOf('@'));
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Olympus client = open("client");
    Leases leases = client.memory().leases();
    for (String id : List.of("orphan", "alive")) {
      client.executor().enqueue(reading(id));
    }
    String dead = "pid-" + ended.pid() + where;
    String alive = "pid-" + ProcessHandle.current().pid() + where + "-another";
    leases.claim("plan/orphan", dead, Duration.ofHours(1)).orElseThrow();
    leases.claim("plan/alive", alive, Duration.ofHours(1)).orElseThrow();

    Olympus restarted = opened(defaults(quick("r.read")));

    assertEquals(PlanState.DONE, restarted.executor().resume("orphan").await().state());
    OwnedElsewhereException refused =
        assertThrows(OwnedElsewhereException.class, () -> restarted.executor().resume("alive"));
    assertEquals(alive, refused.owner());
    release.countDown();
    assertEquals(PlanState.DONE, holding.await().state());
  }

  private Olympus.Builder defaults(Tool reader) {
    return Olympus.builder()
        .memory(store())
        .tools(ToolRegistry.builder().add(reader).add(effect()).build())
        .consent(r -> allow());
  }

  private static ConsentDecision allow() {
    return ConsentDecision.allowOnce();
  }
}
