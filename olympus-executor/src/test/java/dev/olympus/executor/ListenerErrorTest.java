package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener that throws an error (a host test's failed assertion, say) rather than a runtime
 * exception is logged and ignored like any other: the run, the other listeners and the step's
 * outcome are as if it had returned.
 */
class ListenerErrorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final TestTools.Recorder recorder = new TestTools.Recorder();

  private Olympus.Builder olympus(MemoryStore memory) {
    return Olympus.builder()
        .memory(memory)
        .consent(request -> ConsentDecision.allowOnce())
        .tools(
            ToolRegistry.builder()
                .add(recorder.tool("noop", SideEffect.READ_ONLY))
                .add(TestTools.counter(dir.resolve("count")))
                .build());
  }

  private static PlanResult settled(PlanRun run) throws InterruptedException {
    return run.await(WAIT)
        .orElseThrow(() -> new AssertionError("the plan did not settle: " + run.snapshot()));
  }

  @Test
  void aRunListenerThatThrowsAnErrorBreaksNeitherTheRunNorTheOtherListeners() throws Exception {
    List<RunEvent> heard = new CopyOnWriteArrayList<>();
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory).build()) {
      olympus.executor().onEvent(heard::add);
      Plan plan =
          Plan.builder("chain")
              .step("a", s -> s.uses("noop"))
              .step("b", s -> s.uses("noop").after("a"))
              .step("c", s -> s.uses("noop").after("b"))
              .build();
      PlanRun run = olympus.executor().submit(plan, ListenerErrorTest::failAssertion);

      assertEquals(PlanState.DONE, settled(run).state());
      assertTrue(
          heard.stream()
              .anyMatch(e -> e instanceof RunEvent.PlanChanged p && p.to() == PlanState.DONE),
          heard::toString);
    }
  }

  private static void failAssertion(RunEvent event) {
    throw new AssertionError("a host's listener failed on " + event);
  }

  @Test
  void aStepListenerThatThrowsAnErrorAfterASideEffectLeavesTheStepDone() throws Exception {
    StepListener failing =
        new StepListener() {
          @Override
          public void onToolCallEnded(ToolCall call, ToolContext context, Optional<StepError> e) {
            throw new AssertionError("a host's tracing failed");
          }
        };
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory).stepListener(failing).build()) {
      Plan plan = Plan.builder("effect").step("count", s -> s.uses("test.count")).build();

      PlanResult result = settled(olympus.executor().submit(plan));
      assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
      assertEquals(1, Files.readAllLines(dir.resolve("count")).size());
    }
  }
}
