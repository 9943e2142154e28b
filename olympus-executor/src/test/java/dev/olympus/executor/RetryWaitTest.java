package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step waiting to retry is stopped by what stops a running step: cancel, the deadline. */
class RetryWaitTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch firstFailed = new CountDownLatch(1);

  // Fails with a retryable error every time, so its step waits for its next attempt.
  private Tool unavailable() {
    return Tool.builder("test.unavailable")
        .description("always temporarily unavailable")
        .sideEffect(SideEffect.IDEMPOTENT)
        .handler(
            (input, context) -> {
              calls.incrementAndGet();
              firstFailed.countDown();
              throw new ToolExecutionException("test.unavailable", "try later", true, null);
            });
  }

  private Olympus olympus(MemoryStore memory) {
    return Olympus.builder()
        .memory(memory)
        .consent(request -> ConsentDecision.allowOnce())
        .tools(ToolRegistry.builder().add(unavailable()).build())
        .build();
  }

  // One step that may retry 5 times, an hour apart.
  private static Plan retrying(Plan.Builder plan) {
    return plan.step(
            "retry",
            s -> s.uses("test.unavailable").guard(g -> g.retries(5).backoff(Duration.ofHours(1))))
        .build();
  }

  private static PlanResult settled(PlanRun run) throws InterruptedException {
    return run.await(WAIT)
        .orElseThrow(() -> new AssertionError("the plan did not settle: " + run.snapshot()));
  }

  @Test
  void cancellingDuringABackoffEndsThePlanWithoutAnotherAttempt() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory)) {
      PlanRun run = olympus.executor().submit(retrying(Plan.builder("cancel while waiting")));
      assertTrue(firstFailed.await(30, TimeUnit.SECONDS));
      run.cancel();

      PlanResult result = settled(run);
      assertEquals(PlanState.CANCELLED, result.state());
      assertEquals(StepState.SKIPPED, result.snapshot().step("retry").state());
      assertEquals(StepError.Kind.CANCELLED, result.errors().get("retry").kind());
      assertEquals(1, calls.get());
    }
  }

  @Test
  void thePlansDeadlineEndsABackoffThatWouldOutlastIt() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory)) {
      Plan plan = retrying(Plan.builder("deadline while waiting").deadline(Duration.ofMillis(300)));

      PlanResult result = settled(olympus.executor().submit(plan));
      assertEquals(PlanState.FAILED, result.state());
      assertEquals(StepState.FAILED, result.snapshot().step("retry").state());
      assertEquals(StepError.Kind.TIMEOUT, result.errors().get("retry").kind());
      assertEquals(1, calls.get());
    }
  }
}
