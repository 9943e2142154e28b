package dev.olympus.benchmarks.memory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Appending to the hash-chained event log in a real SQLite file (WAL, synchronous=NORMAL): one
 * event per transaction, and batches of 1,000 per transaction. Target: batched ≥ 100,000 events/s.
 *
 * <p>Beside PostgreSQL (a new schema per trial): add {@code -p backend=sqlite,postgres} and {@code
 * -jvmArgsAppend -Dolympus.bench.pg.url=jdbc:postgresql://host:port/db} to {@code jmh.args}.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=EventAppendBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventAppendBenchmark {
  private static final int BATCH = 1_000;

  /** Where the store is: {@code sqlite} (a file), or {@code postgres} (see {@link StoreFolder}). */
  @Param({"sqlite"})
  public String backend;

  private StoreFolder folder;
  private MemoryStore store;
  private List<PlanEvent> batch;
  private PlanEvent single;

  /** Opens a fresh store and builds the events. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    folder = new StoreFolder("events.db", backend);
    store = folder.store();
    batch = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      batch.add(event(i));
    }
    single = event(-1);
  }

  static PlanEvent event(int n) {
    var data = JsonNodeFactory.instance.objectNode().put("from", "PENDING").put("to", "RUNNING");
    data.put("attempt", n);
    return new PlanEvent(
        "plan-" + (n & 15), Optional.of("step"), "corr-" + n, Instant.now(), "step.state", data);
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    folder.close();
  }

  /** One event, one transaction. */
  @Benchmark
  public StoredEvent appendSingle() {
    return store.events().append(single);
  }

  /** 1,000 events in one transaction; the score is events per second. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<StoredEvent> appendBatched() {
    return store.events().appendAll(batch);
  }
}
