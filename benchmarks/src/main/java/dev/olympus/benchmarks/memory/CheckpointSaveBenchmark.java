package dev.olympus.benchmarks.memory;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanSnapshot;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Saving the checkpoint of a 10-step plan (snapshot JSON plus one row per step, one transaction).
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=CheckpointSaveBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CheckpointSaveBenchmark {
  private MemoryStore store;
  private PlanSnapshot snapshot;

  /** Opens a temporary store and builds the snapshot. */
  @Setup(Level.Trial)
  public void open() {
    store = SqliteMemoryStore.inMemory();
    var builder = Plan.builder("benchmark plan").id("bench");
    for (int i = 0; i < 10; i++) {
      String name = "s" + i;
      String after = i == 0 ? null : "s" + (i - 1);
      builder.step(
          name,
          s -> {
            s.uses("fs.read").with("path", name + ".txt");
            if (after != null) {
              s.after(after);
            }
          });
    }
    snapshot = PlanSnapshot.initial(builder.build(), Instant.now());
  }

  /** Closes the store. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** One save. */
  @Benchmark
  public void save() {
    store.checkpoints().save(snapshot);
  }
}
