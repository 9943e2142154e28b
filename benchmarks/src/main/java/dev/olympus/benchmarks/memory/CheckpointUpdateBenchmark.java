package dev.olympus.benchmarks.memory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The executor's commit path, {@code CheckpointStore.update}, in a real SQLite file (WAL,
 * synchronous=NORMAL): one transaction that records 100 finished steps of a saved 1,000-step plan
 * (each a DONE status with output and timestamps) and appends their 400 audit events (two state
 * changes, an attempt and a tool result per step). The score is the time of one such transaction.
 *
 * <p>Beside PostgreSQL (a new schema per trial): add {@code -p backend=sqlite,postgres} and {@code
 * -jvmArgsAppend -Dolympus.bench.pg.url=jdbc:postgresql://host:port/db} to {@code jmh.args}.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=CheckpointUpdateBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CheckpointUpdateBenchmark {
  private static final int PLAN_STEPS = 1_000;
  private static final int CHANGED_STEPS = 100;
  private static final String PLAN_ID = "bench-plan";

  /** Where the store is: {@code sqlite} (a file), or {@code postgres} (see {@link StoreFolder}). */
  @Param({"sqlite"})
  public String backend;

  private StoreFolder folder;
  private MemoryStore store;
  private final List<Map<String, StepStatus>> changes = new ArrayList<>();
  private final List<List<PlanEvent>> events = new ArrayList<>();
  private int next;

  /** Opens a fresh store, saves the plan and builds ten batches covering all of its steps. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    folder = new StoreFolder("checkpoints.db", backend);
    store = folder.store();
    var builder = Plan.builder("benchmark plan").id(PLAN_ID);
    for (int i = 0; i < PLAN_STEPS; i++) {
      String name = "step-" + i;
      builder.step(name, s -> s.uses("fs.read").with("path", name + ".txt"));
    }
    Instant start = Instant.now();
    store.checkpoints().save(PlanSnapshot.initial(builder.build(), start));
    for (int batch = 0; batch < PLAN_STEPS / CHANGED_STEPS; batch++) {
      Map<String, StepStatus> changed = new LinkedHashMap<>();
      List<PlanEvent> batchEvents = new ArrayList<>();
      for (int i = batch * CHANGED_STEPS; i < (batch + 1) * CHANGED_STEPS; i++) {
        String step = "step-" + i;
        Instant at = start.plusMillis(i);
        changed.put(step, done(i, at));
        batchEvents.addAll(stepEvents(step, i, at));
      }
      changes.add(changed);
      events.add(batchEvents);
    }
  }

  private static StepStatus done(int n, Instant at) {
    ObjectNode output = JsonNodeFactory.instance.objectNode().put("content", "text of file " + n);
    output.put("bytes", 12 + n);
    return StepStatus.pending().running(at).done(output, at.plusMillis(1));
  }

  private static List<PlanEvent> stepEvents(String step, int n, Instant at) {
    ObjectNode attempt = JsonNodeFactory.instance.objectNode().put("attempt", 1);
    ObjectNode result = JsonNodeFactory.instance.objectNode().put("tool", "fs.read");
    result.put("ms", n % 7).put("ok", true);
    return List.of(
        PlanEvent.stepState(PLAN_ID, step, StepState.PENDING, StepState.RUNNING, "", at),
        new PlanEvent(PLAN_ID, Optional.of(step), "attempt-" + n, at, "step.attempt", attempt),
        new PlanEvent(PLAN_ID, Optional.of(step), "attempt-" + n, at, "tool.result", result),
        PlanEvent.stepState(PLAN_ID, step, StepState.RUNNING, StepState.DONE, "", at));
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    folder.close();
  }

  /** One transaction: 100 step statuses and 400 events. */
  @Benchmark
  public void update100Steps400Events() {
    int batch = next++ % changes.size();
    store
        .checkpoints()
        .update(PLAN_ID, PlanState.RUNNING, changes.get(batch), events.get(batch), Instant.now());
  }
}
