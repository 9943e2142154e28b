package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.PlanValidationException;
import dev.olympus.plan.StepError;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work queue on one store file: several {@link Olympus} instances with their own store
 * instances and owner ids act as processes; some only enqueue, the workers run what is queued.
 */
class WorkQueueTest {
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(40);
  private static final JsonNode INPUT =
      json("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}");

  @TempDir Path dir;
  private final List<AutoCloseable> opened = new ArrayList<>();
  // planId/stepId -> the owners that ran the side effect, in every instance of this test.
  private final Map<String, List<String>> effects = new ConcurrentHashMap<>();

  @AfterEach
  void closeAll() throws Exception {
    TestTools.closeInReverse(opened);
  }

  /** An instance that only enqueues (capacity 0) or a worker of {@code capacity}. */
  private Olympus open(String owner, int capacity, ToolRegistry tools, ConsentProvider consent) {
    MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    opened.add(memory);
    Olympus.Builder builder =
        Olympus.builder()
            .memory(memory)
            .owner(owner)
            .tools(tools)
            .consent(consent)
            .leaseDuration(Duration.ofSeconds(2));
    Olympus olympus = (capacity == 0 ? builder : builder.worker(capacity)).build();
    opened.add(olympus);
    return olympus;
  }

  private Olympus open(String owner, int capacity) {
    return open(owner, capacity, tools(owner, new Gauge()), r -> ConsentDecision.allowOnce());
  }

  /** How many plans one instance had between their "begin" and "end" steps, at most. */
  private static final class Gauge {
    final Set<String> running = ConcurrentHashMap.newKeySet();
    final AtomicInteger most = new AtomicInteger();
  }

  // q.effect records each call and, for the steps named begin and end, the plans in between.
  private ToolRegistry tools(String owner, Gauge gauge, Tool... more) {
    Tool effect =
        Tool.builder("q.effect")
            .description("records that it ran")
            .scopes("test.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .inputSchema(INPUT)
            .handler(
                (input, context) -> {
                  if (context.stepId().equals("begin")) {
                    gauge.running.add(context.planId());
                    gauge.most.accumulateAndGet(gauge.running.size(), Math::max);
                  }
                  effects
                      .computeIfAbsent(
                          context.planId() + "/" + context.stepId(), k -> new ArrayList<>())
                      .add(owner);
                  LockSupport.parkNanos(5_000_000);
                  gauge.running.remove(context.stepId().equals("end") ? context.planId() : "");
                  return JsonNodeFactory.instance.objectNode().put("done", true);
                });
    ToolRegistry.Builder registry = ToolRegistry.builder().add(effect);
    for (Tool tool : more) {
      registry.add(tool);
    }
    return registry.build();
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** begin (side effect) → end (side effect). */
  private static Plan plan(String id) {
    return Plan.builder("queued work")
        .id(id)
        .step("begin", s -> s.uses("q.effect", "test.write").with("n", 1))
        .step("end", s -> s.uses("q.effect", "test.write").after("begin"))
        .build();
  }

  @Test
  void aPlanEnqueuedByANonWorkerRunsOnAWorker() throws Exception {
    Olympus client = open("client", 0);

    assertEquals("p1", client.executor().enqueue(plan("p1")));

    MemoryStore memory = client.memory();
    assertEquals(PlanState.QUEUED, memory.checkpoints().load("p1").orElseThrow().state());
    List<PlanEvent> events = memory.events().byPlan("p1").stream().map(StoredEvent::event).toList();
    assertEquals(1, events.size());
    assertEquals(PlanEvent.PLAN_STATE, events.get(0).kind());
    assertEquals("QUEUED", events.get(0).data().path("to").asText());
    assertTrue(
        client.executor().active().isEmpty(), "nothing runs in a process that only enqueues");
    assertTrue(memory.leases().holder("plan/p1").isEmpty(), "a queued plan is held by no one");
    assertTrue(client.executor().recoverAll().isEmpty(), "recoverAll() leaves it to the workers");

    open("worker", 1);
    assertEquals(PlanState.DONE, TestTools.awaitEnd(memory, "p1"));
    assertEquals(List.of("worker"), effects.get("p1/begin"));
    assertEquals(List.of("worker"), effects.get("p1/end"));
    assertEquals(PlanState.DONE, client.executor().resume("p1").await().state());
  }

  @Test
  void workersNeverRunMoreThanTheirCapacityNorAnyPlanTwice() throws Exception {
    int plans = 24;
    int capacity = 2;
    List<Gauge> gauges = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      Gauge gauge = new Gauge();
      gauges.add(gauge);
      open("w" + w, capacity, tools("w" + w, gauge), r -> ConsentDecision.allowOnce());
    }
    Olympus client = open("client", 0);
    for (int i = 0; i < plans; i++) {
      client.executor().enqueue(plan("p" + i));
    }

    for (int i = 0; i < plans; i++) {
      assertEquals(PlanState.DONE, TestTools.awaitEnd(client.memory(), "p" + i), "p" + i);
    }
    assertEquals(2 * plans, effects.size());
    effects.forEach((step, owners) -> assertEquals(1, owners.size(), step + " ran " + owners));
    for (Gauge gauge : gauges) {
      assertTrue(gauge.most.get() <= capacity, "a worker ran " + gauge.most + " plans at once");
    }
    assertTrue(client.memory().events().verify().intact());
  }

  @Test
  void aPlanOfAClosedWorkerIsFinishedByAnother() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Tool stuck = TestTools.blocking("q.wait", started, new CountDownLatch(1));
    Olympus first = open("first", 1, tools("first", new Gauge(), stuck), r -> allow());
    first.executor().enqueue(gated("p1"));
    assertTrue(started.await(30, TimeUnit.SECONDS), "the first worker never started the plan");

    first.close(); // mid-plan: the run is suspended, the plan stays RUNNING for another worker
    assertEquals(PlanState.RUNNING, first.memory().checkpoints().load("p1").orElseThrow().state());
    CountDownLatch open = new CountDownLatch(0);
    Tool quick = TestTools.blocking("q.wait", new CountDownLatch(1), open);
    Olympus second = open("second", 1, tools("second", new Gauge(), quick), r -> allow());

    assertEquals(PlanState.DONE, TestTools.awaitEnd(second.memory(), "p1"));
    assertEquals(List.of("second"), effects.get("p1/begin"));
    assertEquals(List.of("second"), effects.get("p1/end"));
  }

  @Test
  void aPlanClaimedByAWorkerThatDiedComesBackWhenItsLeaseLapses() throws Exception {
    Olympus client = open("client", 0);
    client.executor().enqueue(plan("p1"));
    // A worker that claimed the plan and died at once: its lease is never renewed nor released.
    var dead =
        client
            .memory()
            .leases()
            .claimNextPlan(EnumSet.of(PlanState.QUEUED), "dead", Duration.ofSeconds(1))
            .orElseThrow();

    assertEquals("plan/p1", dead.resource());

    open("worker", 1);

    assertEquals(PlanState.DONE, TestTools.awaitEnd(client.memory(), "p1"));
    assertEquals(List.of("worker"), effects.get("p1/begin"));
    assertEquals(List.of("worker"), effects.get("p1/end"));
  }

  private static ConsentDecision allow() {
    return ConsentDecision.allowOnce();
  }

  /** wait (read-only, blocks in the first worker) → begin → end. */
  private static Plan gated(String id) {
    return Plan.builder("gated work")
        .id(id)
        .step("wait", s -> s.uses("q.wait"))
        .step("begin", s -> s.uses("q.effect", "test.write").after("wait"))
        .step("end", s -> s.uses("q.effect", "test.write").after("begin"))
        .build();
  }

  @Test
  void aQueuedPlanWaitingForConsentIsAnsweredByAnyProcess() throws Exception {
    Olympus worker =
        open("worker", 1, tools("worker", new Gauge()), r -> ConsentDecision.deny("not here"));
    Olympus host = open("host", 0);
    host.executor().enqueue(plan("p1"));

    long end = System.nanoTime() + WAIT_NANOS;
    // Paused, and handed back: the worker gives its lease up once the pause is on disk.
    while ((host.executor().paused().isEmpty()
            || host.memory().leases().holder("plan/p1").isPresent())
        && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    PausedPlan paused = host.executor().paused().get(0);
    assertEquals("begin", paused.blocked().get(0).stepId());
    assertEquals(StepError.Kind.CONSENT_DENIED, paused.blocked().get(0).reason().kind());
    assertTrue(worker.executor().active().isEmpty(), "the worker handed the paused plan back");

    PlanRun run = host.executor().resume("p1");
    run.approve("begin");

    assertEquals(PlanState.DONE, run.await().state());
    assertEquals(List.of("host"), effects.get("p1/begin"));
  }

  @Test
  void enqueueingAnInvalidPlanThrowsAndStoresNothing() {
    Olympus client = open("client", 0);
    Plan unknownTool = Plan.builder("bad").id("bad1").step("a", s -> s.uses("q.missing")).build();
    Plan badInput =
        Plan.builder("bad").id("bad2").step("a", s -> s.uses("q.effect").with("n", "x")).build();

    PlanValidationException missing =
        assertThrows(PlanValidationException.class, () -> client.executor().enqueue(unknownTool));
    PlanValidationException mistyped =
        assertThrows(PlanValidationException.class, () -> client.executor().enqueue(badInput));

    assertTrue(missing.problems().get(0).contains("'q.missing' is not a registered tool"));
    assertTrue(mistyped.problems().get(0).startsWith("step 'a'.with.n"), mistyped::getMessage);
    for (String id : List.of("bad1", "bad2")) {
      assertTrue(client.memory().checkpoints().load(id).isEmpty());
      assertTrue(client.memory().events().byPlan(id).isEmpty());
      assertTrue(client.memory().leases().holder("plan/" + id).isEmpty());
    }
    assertTrue(client.memory().checkpoints().byState(EnumSet.allOf(PlanState.class)).isEmpty());
  }
}
