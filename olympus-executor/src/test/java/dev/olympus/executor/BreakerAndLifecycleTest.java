package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-tool circuit breaker, builder checks, and a clean close. */
class BreakerAndLifecycleTest {
  @TempDir Path dir;

  @Test
  void theToolsBreakerOpensAfterRepeatedFailuresAndStopsFurtherAttempts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (Olympus olympus =
        Olympus.builder()
            .tools(ToolRegistry.builder().add(TestTools.flaky("always.down", 1000, calls)).build())
            .build()) {
      Plan plan =
          Plan.builder("breaker")
              .step(
                  "call",
                  s ->
                      s.uses("always.down").guard(g -> g.retries(20).backoff(Duration.ofMillis(1))))
              .build();
      PlanResult result =
          olympus.executor().submit(plan).await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.FAILED, result.state());
      assertEquals(5, calls.get(), "the breaker opens after 5 consecutive failures");
      assertTrue(
          result
              .errors()
              .get("call")
              .message()
              .contains("circuit breaker of tool 'always.down' is open"),
          result.errors()::toString);
    }
  }

  @Test
  void builderOptionsAreCheckedAndTheLastCallWins() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> Olympus.builder().parallelism(0));
    assertThrows(NullPointerException.class, () -> Olympus.builder().memory(null));
    Instant first = Instant.parse("2026-01-01T00:00:00Z");
    Instant last = Instant.parse("2026-06-01T00:00:00Z");
    try (Olympus olympus =
        Olympus.builder()
            .clock(Clock.fixed(first, ZoneOffset.UTC))
            .parallelism(2)
            .parallelism(3)
            .clock(Clock.fixed(last, ZoneOffset.UTC))
            .build()) {
      Plan plan = Plan.builder("when").step("a", s -> s.uses("no.such.tool")).build();
      PlanResult result = olympus.executor().submit(plan).await(Duration.ofSeconds(30)).get();
      assertEquals(last, result.snapshot().updatedAt(), "the clock set last is used");
    }
  }

  @Test
  void closeSuspendsRunningPlansSoTheNextProcessRecoversThem() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch later = new CountDownLatch(1);
    Plan plan =
        Plan.builder("long")
            .step("w", s -> s.uses("wait"))
            .step("next", s -> s.uses("wait").after("w"))
            .build();
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      Olympus first =
          Olympus.builder()
              .memory(memory)
              .tools(ToolRegistry.builder().add(TestTools.blocking("wait", started, later)).build())
              .build();
      PlanRun run = first.executor().submit(plan);
      assertTrue(started.await(30, TimeUnit.SECONDS));
      first.close();
      PlanResult suspended = run.await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.RUNNING, suspended.state());
      assertEquals(
          StepState.RUNNING, memory.checkpoints().load(plan.id()).orElseThrow().step("w").state());
      assertThrows(
          IllegalStateException.class,
          () ->
              first.executor().submit(Plan.builder("late").step("a", s -> s.uses("wait")).build()));

      later.countDown();
      try (Olympus second =
          Olympus.builder()
              .memory(memory)
              .tools(ToolRegistry.builder().add(TestTools.blocking("wait", started, later)).build())
              .build()) {
        PlanResult done =
            second.executor().recoverAll().get(0).await(Duration.ofSeconds(30)).orElseThrow();
        assertEquals(PlanState.DONE, done.state(), () -> done.errors().toString());
      }
    }
  }

  // A suspended run writes nothing more, so a command on it cannot take effect: returning quietly
  // would let a host believe a plan cancelled that the next process continues.
  @Test
  void aRunSuspendedByCloseRefusesToBeSteered() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      Olympus olympus =
          Olympus.builder()
              .memory(memory)
              .tools(
                  ToolRegistry.builder()
                      .add(TestTools.blocking("wait", started, new CountDownLatch(1)))
                      .build())
              .build();
      PlanRun run =
          olympus.executor().submit(Plan.builder("long").step("w", s -> s.uses("wait")).build());
      assertTrue(started.await(30, TimeUnit.SECONDS));
      olympus.close();

      assertThrows(IllegalStateException.class, run::cancel);
      assertThrows(IllegalStateException.class, run::pause);
      assertThrows(IllegalStateException.class, run::resume);
      assertEquals(PlanState.RUNNING, run.state());
      assertEquals(
          PlanState.RUNNING, memory.checkpoints().load(run.planId()).orElseThrow().state());
    }
  }

  @Test
  void cancelThenCloseEndsThePlanForGood() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(
                    ToolRegistry.builder().add(TestTools.blocking("wait", started, never)).build())
                .build()) {
      PlanRun run =
          olympus.executor().submit(Plan.builder("long").step("w", s -> s.uses("wait")).build());
      assertTrue(started.await(30, TimeUnit.SECONDS));
      run.cancel();
      assertEquals(PlanState.CANCELLED, run.await(Duration.ofSeconds(30)).orElseThrow().state());
      assertEquals(
          PlanState.CANCELLED, memory.checkpoints().load(run.planId()).orElseThrow().state());
    }
  }
}
