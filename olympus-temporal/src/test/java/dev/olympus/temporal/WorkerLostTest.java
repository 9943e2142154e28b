package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step whose worker stops answering (no more heartbeats, and its call never returns) is given up
 * by Temporal after the heartbeat timeout, exactly as when the worker's process dies: a completed
 * side effect is not repeated, a read-only step is run again, and a side effect whose outcome is
 * unknown is BLOCKED for the host, as the in-process executor does after a crash.
 */
class WorkerLostTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final Fixture fixture = new Fixture();
  private final CountDownLatch never = new CountDownLatch(1);
  private final AtomicInteger calls = new AtomicInteger();
  private MemoryStore memory;
  private TestWorkflowEnvironment env;
  private OlympusWorker worker;
  private TemporalPlanExecutor executor;

  @AfterEach
  void stop() {
    never.countDown();
    executor.close();
    env.close();
    worker.close();
    memory.close();
  }

  // The first call hangs, whatever interrupts it; the ones after it return at once.
  private void start(SideEffect effect) {
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    worker =
        OlympusWorker.builder(memory)
            .tools(fixture.tools(Fixture.hangFirst("test.hang", effect, never, calls)))
            .consent(request -> ConsentDecision.allowOnce())
            .build();
    worker.register(env.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
    env.start();
    executor =
        TemporalPlanExecutor.builder(env.getWorkflowClient(), memory)
            .heartbeatTimeout(Duration.ofSeconds(1))
            .build();
  }

  private void loseTheWorkerDuringTheFirstCall() throws InterruptedException {
    while (calls.get() < 1) {
      Thread.sleep(10);
    }
    worker.close(); // it stops heartbeating, as a dead process does
  }

  @Test
  void aReadOnlyStepRunsAgainAndTheDoneSideEffectIsNotRepeated() throws Exception {
    start(SideEffect.READ_ONLY);
    Plan plan =
        Plan.builder("lost worker")
            .step("one", s -> s.uses("test.append").with("line", "one"))
            .step("read", s -> s.uses("test.hang").after("one"))
            .step("three", s -> s.uses("test.append").after("read").with("line", "three"))
            .build();
    PlanRun run = executor.submit(plan);
    loseTheWorkerDuringTheFirstCall();
    PlanResult result = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("one", "three"), fixture.appended, "each side effect once");
    assertEquals(2, calls.get(), "the read-only step ran again");
    assertTrue(
        memory.events().byPlan(plan.id()).stream()
            .anyMatch(e -> e.event().kind().equals("step.interrupted")));
  }

  @Test
  void aSideEffectWhoseOutcomeIsUnknownIsBlockedForTheHostNotRepeated() throws Exception {
    start(SideEffect.SIDE_EFFECT);
    Plan plan =
        Plan.builder("lost effect")
            .step("one", s -> s.uses("test.append").with("line", "one"))
            .step("send", s -> s.uses("test.hang").after("one"))
            .build();
    PlanRun run = executor.submit(plan);
    loseTheWorkerDuringTheFirstCall();
    PlanResult paused = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.PAUSED, paused.state());
    assertEquals(StepState.BLOCKED, paused.snapshot().step("send").state());
    assertEquals(
        new StepError.Interrupted("interrupted while running; approve to re-run"),
        paused.errors().get("send"));
    assertEquals(1, calls.get(), "not repeated without the host");

    run.approve("send");
    PlanResult done = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, done.state(), done.errors()::toString);
    assertEquals(2, calls.get());
    assertEquals(List.of("one"), fixture.appended);
  }
}
