package dev.olympus.temporal;

import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentDecision;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the history that {@link ReplayTest} replays: a plan with data flow, a parallel pair, a
 * retried step, a denied side effect approved by the host. Run by hand after a deliberate change of
 * the workflow, never by the build (the committed history is what running plans look like):
 *
 * <pre>
 * mvn -B -ntp -pl olympus-temporal -am -DskipTests test-compile
 * cd olympus-temporal &amp;&amp; mvn -B -ntp dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" dev.olympus.temporal.HistoryRecorder \
 *     src/test/resources/histories/plan-v1.json
 * </pre>
 */
public final class HistoryRecorder {
  private HistoryRecorder() {}

  /** The plan the history is of. */
  static Plan plan() {
    return Plan.builder("recorded")
        .id("recorded-plan-v1")
        .step("read", s -> s.uses("test.echo").with("text", "hello"))
        .step("left", s -> s.uses("test.pair").after("read"))
        .step("right", s -> s.uses("test.pair").after("read"))
        .step(
            "flaky",
            s ->
                s.uses("test.flaky")
                    .after("left", "right")
                    .with("failures", 1)
                    .guard(g -> g.retries(2).backoff(Duration.ofMillis(10))))
        .step("write", s -> s.uses("test.append").after("flaky").with("line", "${read.text}"))
        .build();
  }

  /** Runs the plan on the test service and writes its history to {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path db = Files.createTempFile("olympus", ".db");
    AtomicInteger asked = new AtomicInteger();
    Fixture fixture = new Fixture();
    try (MemoryStore memory = SqliteMemoryStore.open(db);
        TestWorkflowEnvironment env =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        OlympusWorker worker =
            OlympusWorker.builder(memory)
                .tools(fixture.tools())
                .consent(
                    r ->
                        asked.incrementAndGet() == 1
                            ? ConsentDecision.deny("ask me later")
                            : ConsentDecision.allowOnce())
                .build()) {
      worker.register(env.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
      env.start();
      try (TemporalPlanExecutor executor =
          TemporalPlanExecutor.builder(env.getWorkflowClient(), memory).build()) {
        PlanRun run = executor.submit(plan());
        run.await();
        run.approve("write");
        run.await();
        String history = env.getWorkflowClient().fetchHistory(plan().id()).toJson(true);
        Files.writeString(out, history, StandardCharsets.UTF_8);
      }
    } finally {
      Files.deleteIfExists(db);
    }
  }
}
