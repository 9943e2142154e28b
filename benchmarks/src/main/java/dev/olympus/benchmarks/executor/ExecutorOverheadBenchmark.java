package dev.olympus.benchmarks.executor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.benchmarks.memory.StoreFolder;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Executor overhead: a fan-out/fan-in plan of no-op steps ({@code start → N parallel → end}), run
 * to DONE with every transition checkpointed, against a SQLite file and an in-memory SQLite store
 * (and PostgreSQL with {@code -p store=postgres -jvmArgsAppend
 * -Dolympus.bench.pg.url=jdbc:postgresql://host:port/db}: a new schema per iteration). Divide the
 * time by {@code steps} for the overhead per step. The time includes saving the plan's first
 * checkpoint, not building the plan.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=ExecutorOverheadBenchmark -Djmh.args="-f 1"}: runs plans back to back for four
 * seconds per iteration, long enough for the JIT to settle (single plans of 1,000 steps were still
 * warming up after six).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
public class ExecutorOverheadBenchmark {
  /** Where checkpoints and events go: {@code file}, {@code memory} or {@code postgres}. */
  @Param({"file", "memory"})
  public String store;

  /** Steps in the plan. */
  @Param({"1000", "10000"})
  public int steps;

  /** Steps of the plan that may run at once (concurrent transitions share a commit). */
  @Param({"2", "8"})
  public int parallelism;

  /**
   * What the no-op tool declares: a READ_ONLY step never waits for a commit; a SIDE_EFFECT step
   * waits for its RUNNING mark to commit before its tool runs, and that commit carries the outcome
   * of the side effect before it (one commit per side effect).
   */
  @Param({"READ_ONLY", "SIDE_EFFECT"})
  public String effect;

  private final AtomicLong plans = new AtomicLong();
  private Path dir;
  private StoreFolder postgres;
  private MemoryStore memory;
  private Olympus olympus;
  private Plan plan;

  /** Opens the store and wires Olympus with a no-op tool. */
  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = Files.createTempDirectory("olympus-bench");
    memory =
        switch (store) {
          case "file" -> SqliteMemoryStore.open(dir.resolve("olympus.db"));
          case "postgres" -> (postgres = new StoreFolder("olympus.db", "postgres")).store();
          default -> SqliteMemoryStore.inMemory();
        };
    Tool noop =
        Tool.builder("noop")
            .description("does nothing")
            .sideEffect(SideEffect.valueOf(effect))
            .handler((input, context) -> JsonNodeFactory.instance.objectNode());
    olympus =
        Olympus.builder()
            .memory(memory)
            .parallelism(parallelism)
            .tools(ToolRegistry.builder().add(noop).build())
            .build();
  }

  /** Closes everything. */
  @TearDown(Level.Iteration)
  public void close() throws IOException {
    olympus.close();
    if (postgres != null) {
      postgres.close();
    } else {
      memory.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Builds the next plan: the host's work, not the executor's, so it is not timed. */
  @Setup(Level.Invocation)
  public void buildPlan() {
    Plan.Builder builder = Plan.builder("fan").id("fan-" + plans.incrementAndGet());
    builder.step("start", s -> s.uses("noop"));
    String[] middle = new String[steps - 2];
    for (int i = 0; i < middle.length; i++) {
      middle[i] = "m" + i;
      builder.step(middle[i], s -> s.uses("noop").after("start"));
    }
    builder.step("end", s -> s.uses("noop").after(middle));
    plan = builder.build();
  }

  /** Submits the plan (its first checkpoint included) and runs it to DONE. */
  @Benchmark
  public PlanResult fanOutFanIn() throws InterruptedException {
    PlanResult result = olympus.executor().submit(plan).await();
    if (result.state() != PlanState.DONE) {
      throw new IllegalStateException("plan ended " + result.state() + ": " + result.errors());
    }
    return result;
  }
}
