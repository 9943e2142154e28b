package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.Step;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Random DAGs run every step exactly once, each after all of its dependencies. */
class RandomDagPropertyTest {

  static Plan randomPlan(int size, long seed) {
    Random random = new Random(seed);
    Plan.Builder builder = Plan.builder("dag " + seed);
    for (int i = 0; i < size; i++) {
      TreeSet<String> deps = new TreeSet<>();
      int count = i == 0 ? 0 : random.nextInt(Math.min(i, 3) + 1);
      for (int k = 0; k < count; k++) {
        deps.add("s" + random.nextInt(i));
      }
      builder.step("s" + i, s -> s.uses("noop").after(deps.toArray(String[]::new)));
    }
    return builder.build();
  }

  @Test
  void everyStepRunsExactlyOnceAfterItsDependencies() {
    qt().withExamples(6)
        .withShrinkCycles(0)
        .forAll(integers().between(1, 1000), longs().all())
        .checkAssert(this::runsExactlyOnce);
    runsExactlyOnce(1000, 42L);
  }

  private void runsExactlyOnce(int size, long seed) {
    TestTools.Recorder recorder = new TestTools.Recorder();
    try (Olympus olympus =
        Olympus.builder()
            .parallelism(8)
            .tools(ToolRegistry.builder().add(recorder.tool("noop", SideEffect.READ_ONLY)).build())
            .build()) {
      Plan plan = randomPlan(size, seed);
      PlanResult result =
          olympus.executor().submit(plan).await(Duration.ofMinutes(2)).orElseThrow();
      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      assertEquals(size, recorder.calls.size());
      recorder.calls.forEach((step, n) -> assertEquals(1, n.get(), step));
      Map<String, Integer> position = new HashMap<>();
      List<String> order = List.copyOf(recorder.order);
      for (int i = 0; i < order.size(); i++) {
        position.put(order.get(i), i);
      }
      for (Step step : plan.steps()) {
        for (String dep : step.after()) {
          assertTrue(position.get(dep) < position.get(step.name()), dep + " before " + step.name());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
