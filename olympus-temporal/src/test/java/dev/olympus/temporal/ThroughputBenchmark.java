package dev.olympus.temporal;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanExecutor;
import dev.olympus.executor.PlanResult;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Steps per second of the same plans on the in-process executor and on Temporal's in-memory test
 * service (one JVM, SQLite event log in a temporary file), side by side. Not run by the build; a
 * timed run, not a JMH benchmark, since a run of the Temporal one takes seconds:
 *
 * <pre>
 * mvn -B -ntp -pl olympus-temporal -am -DskipTests test-compile
 * cd olympus-temporal &amp;&amp; mvn -B -ntp dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" dev.olympus.temporal.ThroughputBenchmark
 * </pre>
 */
public final class ThroughputBenchmark {
  private static final int STEPS = 200;
  private static final int ROUNDS = 3;

  private ThroughputBenchmark() {}

  /** Prints steps per second for each executor and plan shape. */
  public static void main(String[] args) throws Exception {
    for (String tool : new String[] {"test.echo", "test.append"}) {
      Path dir = Files.createTempDirectory("olympus-bench");
      try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
        Fixture fixture = new Fixture();
        try (Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(fixture.tools())
                .consent(r -> ConsentDecision.allowOnce())
                .build()) {
          report("in process", tool, measure(olympus.executor(), tool));
        }
        try (TestWorkflowEnvironment env =
                TestWorkflowEnvironment.newInstance(
                    TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
            OlympusWorker worker =
                OlympusWorker.builder(memory)
                    .tools(fixture.tools())
                    .consent(r -> ConsentDecision.allowOnce())
                    .build()) {
          worker.register(env.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
          env.start();
          try (TemporalPlanExecutor executor =
              TemporalPlanExecutor.builder(env.getWorkflowClient(), memory).build()) {
            report("temporal (test service)", tool, measure(executor, tool));
          }
        }
      }
    }
  }

  // The best of ROUNDS runs of a fan-out of STEPS steps into one join, after a warm-up run.
  private static double measure(PlanExecutor executor, String tool) throws InterruptedException {
    run(executor, tool);
    double best = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      run(executor, tool);
      best = Math.max(best, (STEPS + 1) / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }

  private static void run(PlanExecutor executor, String tool) throws InterruptedException {
    Plan.Builder plan = Plan.builder("fan out");
    String[] all = new String[STEPS];
    for (int i = 0; i < STEPS; i++) {
      all[i] = "s" + i;
      plan.step(all[i], s -> s.uses(tool).with("line", "x"));
    }
    plan.step("join", s -> s.uses("test.echo").after(all));
    PlanResult result = executor.submit(plan.build()).await();
    if (result.state() != PlanState.DONE) {
      throw new IllegalStateException("the plan ended " + result.state() + ": " + result.errors());
    }
  }

  private static void report(String executor, String tool, double stepsPerSecond) {
    System.out.printf(Locale.ROOT, "%-26s %-12s %8.0f steps/s%n", executor, tool, stepsPerSecond);
  }
}
