package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every null argument of the executor's API is refused with an exception naming it. */
class NullArgumentsTest {
  @TempDir Path dir;

  private static void refused(String name, Executable call) {
    NullPointerException e = assertThrows(NullPointerException.class, call);
    assertEquals(name + " cannot be null", e.getMessage());
  }

  @Test
  void theExecutorAndARunRefuseNullsNamingTheArgumentAndChangeNothing() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(ToolRegistry.builder().add(TestTools.counter(dir.resolve("count"))).build())
                .build()) {
      PlanExecutor executor = olympus.executor();
      Plan plan = Plan.builder("denied").step("a", s -> s.uses("test.count")).build();
      refused("plan", () -> executor.submit(null));
      refused("listener", () -> executor.submit(plan, (Consumer<RunEvent>) null));
      refused("plan", () -> executor.enqueue(null));
      refused("planId", () -> executor.resume(null));
      refused("planId", () -> executor.find(null));
      refused("listener", () -> executor.onEvent(null));

      PlanRun run = executor.submit(plan); // the default consent denies: a is BLOCKED
      assertEquals(PlanState.PAUSED, run.await(Duration.ofSeconds(30)).orElseThrow().state());
      var output = JsonNodeFactory.instance.objectNode();
      refused("stepId", () -> run.approve(null));
      refused("stepId", () -> run.reject(null, "no"));
      refused("reason", () -> run.reject("a", null));
      refused("stepId", () -> run.complete(null, output));
      refused("output", () -> run.complete("a", null));
      refused("listener", () -> run.onEvent(null));
      refused("timeout", () -> run.await(null));
      assertEquals(StepState.BLOCKED, run.snapshot().step("a").state());
      assertEquals(PlanState.PAUSED, run.state());
    }
  }
}
