package dev.olympus.benchmarks.postgres;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.benchmarks.memory.StoreFolder;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * A durable step on PostgreSQL, Olympus beside DBOS Transact on the same server: one workflow of
 * {@code steps} steps run one after another, each recorded before the next starts. Olympus runs a
 * chain plan ({@code s0 → s1 → ...}, parallelism 1) with every transition checkpointed on a {@code
 * PostgresMemoryStore}; DBOS runs a {@code @Workflow} calling {@code runStep} {@code steps} times,
 * each step's outcome written to its system tables. {@code effect=NOOP}: the step does nothing (a
 * READ_ONLY tool in Olympus); {@code SIDE_EFFECT}: it increments a counter (a SIDE_EFFECT tool,
 * whose RUNNING mark Olympus commits before the tool runs so that an unknown outcome is never
 * retried; DBOS records a step after it ran). Each trial uses new schemas, dropped after. Divide
 * the score by {@code steps} for the time per step.
 *
 * <p>Run (PostgreSQL reachable, e.g. the one {@code .ci/run} starts): {@code java -cp ...
 * org.openjdk.jmh.Main DurableStepBenchmark -jvmArgsAppend
 * -Dolympus.bench.pg.url=jdbc:postgresql://localhost:PORT/postgres -jvmArgsAppend
 * -Dolympus.bench.pg.user=postgres}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DurableStepBenchmark {
  /** {@code olympus} or {@code dbos}. */
  @Param({"olympus", "dbos"})
  public String engine;

  /** {@code NOOP} or {@code SIDE_EFFECT}. */
  @Param({"NOOP", "SIDE_EFFECT"})
  public String effect;

  /** Steps per workflow. */
  @Param({"50"})
  public int steps;

  private final AtomicLong effects = new AtomicLong();
  private final AtomicLong runs = new AtomicLong();
  private StoreFolder postgres;
  private Olympus olympus;
  private DbosSide dbos;

  /** Opens the engine on new schemas of the benchmark's PostgreSQL. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    if (engine.equals("dbos")) {
      dbos = new DbosSide(effect.equals("SIDE_EFFECT"), effects);
      return;
    }
    postgres = new StoreFolder("olympus", "postgres");
    Tool step =
        Tool.builder("step")
            .description("does nothing, or counts")
            .sideEffect(effect.equals("NOOP") ? SideEffect.READ_ONLY : SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  if (effect.equals("SIDE_EFFECT")) {
                    effects.incrementAndGet();
                  }
                  return JsonNodeFactory.instance.objectNode();
                });
    olympus =
        Olympus.builder()
            .memory(postgres.store())
            .parallelism(1)
            .tools(ToolRegistry.builder().add(step).build())
            .build();
  }

  /** Closes the engine and drops its schemas. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    if (dbos != null) {
      dbos.close();
    } else {
      olympus.close();
      postgres.close();
    }
  }

  /** Runs one workflow of {@code steps} durable steps to its end. */
  @Benchmark
  public Object workflow() throws InterruptedException {
    if (dbos != null) {
      return dbos.run(steps);
    }
    Plan.Builder builder = Plan.builder("chain").id("chain-" + runs.incrementAndGet());
    builder.step("s0", s -> s.uses("step"));
    for (int i = 1; i < steps; i++) {
      String after = "s" + (i - 1);
      builder.step("s" + i, s -> s.uses("step").after(after));
    }
    PlanResult result = olympus.executor().submit(builder.build()).await();
    if (result.state() != PlanState.DONE) {
      throw new IllegalStateException("plan ended " + result.state() + ": " + result.errors());
    }
    return result;
  }
}
