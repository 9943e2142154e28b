package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.testing.SettableClock;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan's deadline is when its time is up: at that instant no step starts any more. */
class DeadlineEdgeTest {
  private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

  @TempDir Path dir;

  @Test
  void noStepStartsAtTheInstantOfThePlansDeadline() throws Exception {
    SettableClock clock = SettableClock.at(T0);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .clock(clock)
                .consent(request -> ConsentDecision.allowOnce())
                .tools(
                    ToolRegistry.builder()
                        .add(TestTools.blocking("wait", started, release))
                        .add(TestTools.counter(dir.resolve("count")))
                        .build())
                .build()) {
      Plan plan =
          Plan.builder("edge")
              .deadline(Duration.ofMinutes(1))
              .step("first", s -> s.uses("wait"))
              .step("effect", s -> s.uses("test.count").after("first"))
              .build();
      PlanRun run = olympus.executor().submit(plan);
      assertTrue(started.await(30, TimeUnit.SECONDS));
      clock.set(T0.plus(Duration.ofMinutes(1))); // exactly the deadline: no time is left
      release.countDown();

      PlanResult result = run.await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.FAILED, result.state());
      assertEquals(StepState.DONE, result.snapshot().step("first").state());
      assertEquals(StepState.SKIPPED, result.snapshot().step("effect").state());
      assertEquals(StepError.Kind.NOT_RUN, result.errors().get("effect").kind());
      assertTrue(Files.notExists(dir.resolve("count")), "the side effect was called with no time");
    }
  }
}
