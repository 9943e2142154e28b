package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.Lease;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans that change hands after they were claimed: a queue worker's plan that pauses for the host
 * later is still handed back, a plan another process took over stops here (and one whose lease is
 * renewed does not), and the process that takes over a side effect in flight does not repeat it.
 */
class WorkerClaimsTest {
  @TempDir Path dir;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    TestTools.closeInReverse(opened);
  }

  private Olympus open(Clock storeClock, Olympus.Builder builder) {
    MemoryStore memory =
        SqliteMemoryStore.builder().path(dir.resolve("olympus.db")).clock(storeClock).build();
    opened.add(memory);
    Olympus olympus = builder.memory(memory).build();
    opened.add(olympus);
    return olympus;
  }

  // An instance whose store clock stands at 1970: its leases lapsed long ago as the others see
  // them.
  private Olympus stalled(Olympus.Builder builder) {
    return open(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), builder);
  }

  private static Olympus.Builder instance(String owner, Tool waiting, ConsentProvider consent) {
    return instance(owner, waiting, effect(new AtomicInteger()), consent);
  }

  private static Tool effect(AtomicInteger calls) {
    return Tool.builder("w.effect")
        .description("changes something")
        .scopes("test.write")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .handler(
            (input, context) -> {
              calls.incrementAndGet();
              return JsonNodeFactory.instance.objectNode().put("done", true);
            });
  }

  private static Olympus.Builder instance(
      String owner, Tool waiting, Tool effect, ConsentProvider consent) {
    Tool read =
        Tool.builder("w.read")
            .description("returns at once")
            .sideEffect(SideEffect.READ_ONLY)
            .handler((input, context) -> JsonNodeFactory.instance.objectNode().put("read", true));
    return Olympus.builder()
        .owner(owner)
        .tools(ToolRegistry.builder().add(waiting).add(effect).add(read).build())
        .consent(consent);
  }

  private static Tool quick() {
    return TestTools.blocking("w.wait", new CountDownLatch(1), new CountDownLatch(0));
  }

  /** wait (read-only) → effect (side effect). */
  private static Plan plan(String id) {
    return Plan.builder("wait, then change")
        .id(id)
        .step("wait", s -> s.uses("w.wait"))
        .step("effect", s -> s.uses("w.effect", "test.write").after("wait"))
        .build();
  }

  private static Plan reading(String id) {
    return Plan.builder("read").id(id).step("read", s -> s.uses("w.read")).build();
  }

  // The worker goes on polling while the first plan runs (it claims the second meanwhile); the
  // first
  // pauses only then, and must still be handed back.
  @Test
  void aClaimedPlanThatPausesWhileOthersAreClaimedIsHandedBack() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Tool gate = TestTools.blocking("w.wait", started, release);
    Olympus worker =
        open(
            Clock.systemUTC(),
            instance("worker", gate, r -> ConsentDecision.deny("not here")).worker(2));
    Olympus host =
        open(Clock.systemUTC(), instance("host", quick(), r -> ConsentDecision.allowOnce()));
    host.executor().enqueue(plan("slow"));
    assertTrue(started.await(30, TimeUnit.SECONDS), "the worker never started the first plan");
    PlanRun claimed = worker.executor().find("slow").orElseThrow();
    host.executor().enqueue(reading("quick"));
    assertEquals(PlanState.DONE, TestTools.awaitEnd(host.memory(), "quick"));
    release.countDown(); // the first plan goes on to its side effect, which is denied: it pauses

    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((host.executor().paused().isEmpty()
            || host.memory().leases().holder("plan/slow").isPresent())
        && System.nanoTime() < end) {
      Thread.sleep(10);
    }

    assertEquals("slow", host.executor().paused().get(0).planId());
    assertTrue(host.memory().leases().holder("plan/slow").isEmpty(), "the worker let it go");
    assertTrue(worker.executor().find("slow").isEmpty());
    assertThrows(OwnershipLostException.class, claimed::await);
    assertThrows(OwnershipLostException.class, () -> claimed.approve("effect"));
    PlanRun run = host.executor().resume("slow");
    run.approve("effect");
    assertEquals(PlanState.DONE, run.await().state());
  }

  // A host that resumes a claimed plan in the worker's own process keeps it there: when it pauses,
  // the worker does not hand it back, and the host's handle goes on working.
  @Test
  void aClaimedPlanTheHostResumedInTheWorkersProcessIsNotHandedBack() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    ConsentProvider later =
        request -> {
          asked.countDown();
          try {
            answer.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ConsentDecision.deny("not yet");
        };
    Olympus worker = open(Clock.systemUTC(), instance("worker", quick(), later).worker(1));
    Olympus client =
        open(Clock.systemUTC(), instance("client", quick(), r -> ConsentDecision.allowOnce()));
    client.executor().enqueue(plan("p"));
    assertTrue(asked.await(30, TimeUnit.SECONDS), "the worker never asked about the side effect");

    PlanRun run = worker.executor().resume("p");
    answer.countDown();

    assertEquals(PlanState.PAUSED, run.await().state());
    run.approve("effect");
    assertEquals(PlanState.DONE, run.await().state());
  }

  // The worker's store clock stands at 1970, so its lease lapsed long ago as the host sees it: a
  // worker that stalled past its lease. Its step never returns by itself: only its renewal can find
  // out that the plan was taken over, and stop it.
  @Test
  void aWorkerThatLostAClaimedPlanStopsItsRunningStep() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Tool stuck = TestTools.blocking("w.wait", started, new CountDownLatch(1));
    Olympus worker =
        stalled(
            instance("worker", stuck, r -> ConsentDecision.allowOnce())
                .leaseDuration(Duration.ofSeconds(1))
                .worker(1));
    Olympus host =
        open(Clock.systemUTC(), instance("host", quick(), r -> ConsentDecision.allowOnce()));
    host.executor().enqueue(plan("p"));
    assertTrue(started.await(30, TimeUnit.SECONDS), "the worker never started the plan");
    PlanRun lost = worker.executor().find("p").orElseThrow();

    assertEquals(PlanState.DONE, host.executor().resume("p").await().state());

    OwnershipLostException e = assertThrows(OwnershipLostException.class, lost::await);
    assertEquals("p", e.id());
    assertThrows(OwnershipLostException.class, () -> lost.approve("effect"));
    assertThrows(OwnershipLostException.class, () -> lost.reject("effect", "no"));
    assertThrows(
        OwnershipLostException.class,
        () -> lost.complete("effect", JsonNodeFactory.instance.objectNode()));
  }

  // The other side: a live instance renews its lease (every third of it), so a run that outlasts
  // the lease it first got keeps the plan, and the renewal is not mistaken for a loss.
  @Test
  void aRunLongerThanItsFirstLeaseKeepsThePlan() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Olympus owner =
        open(
            Clock.systemUTC(),
            instance(
                    "owner",
                    TestTools.blocking("w.wait", started, release),
                    r -> ConsentDecision.allowOnce())
                .leaseDuration(Duration.ofSeconds(2)));
    PlanRun run =
        owner.executor().submit(Plan.builder("w").id("p").step("w", s -> s.uses("w.wait")).build());
    assertTrue(started.await(30, TimeUnit.SECONDS), "the step never started");
    Lease first = owner.memory().leases().holder("plan/p").orElseThrow();
    while (!Instant.now().isAfter(first.expiresAt())) {
      Thread.sleep(10);
    }

    Lease renewed = owner.memory().leases().holder("plan/p").orElseThrow();

    assertEquals(first.token(), renewed.token());
    assertEquals("owner", renewed.owner());
    release.countDown();
    assertEquals(PlanState.DONE, run.await().state());
  }

  // As above, the first owner stalled past its lease, now in the middle of a side effect: the one
  // that takes over cannot know whether it happened, so it asks the host instead of repeating it.
  @Test
  void aSideEffectInterruptedByATakeoverWaitsForTheHostInsteadOfRunningAgain() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Tool stuck = TestTools.blockingEffect("w.effect", started, new CountDownLatch(1));
    Olympus stalled =
        stalled(instance("stalled", quick(), stuck, r -> ConsentDecision.allowOnce()));
    AtomicInteger calls = new AtomicInteger();
    Olympus host =
        open(
            Clock.systemUTC(),
            instance("host", quick(), effect(calls), r -> ConsentDecision.allowOnce()));
    stalled.executor().submit(plan("p"));
    assertTrue(started.await(30, TimeUnit.SECONDS), "the side effect never started");

    PlanResult taken = host.executor().resume("p").await();

    assertEquals(PlanState.PAUSED, taken.state());
    assertEquals(StepState.BLOCKED, taken.snapshot().step("effect").state());
    assertEquals(0, calls.get(), "the side effect ran again");
  }
}
