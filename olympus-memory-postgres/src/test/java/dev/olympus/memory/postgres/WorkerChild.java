package dev.olympus.memory.postgres;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.OwnedElsewhereException;
import dev.olympus.executor.PausedPlan;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * An executor process of {@link ExecutorsOnOnePostgresTest}: {@code <url> <user> <password> <owner>
 * <plans> <total> <countFile>}. Submits plans {@code <owner>-0..} (then creates {@link
 * #submitted}), then keeps calling {@code recoverAll()} (taking over the plans of a process whose
 * lease lapsed) and settles plans paused on a side effect a dead process had in flight (completed
 * if the counter file shows it ran, approved otherwise), until all {@code <total>} plans in the
 * database are DONE; exits 0 then, 3 on timeout.
 */
public final class WorkerChild {
  static final Duration LEASE = Duration.ofSeconds(2);

  private WorkerChild() {}

  public static void main(String[] args) throws Exception {
    Path count = Path.of(args[6]);
    try (MemoryStore memory =
            PostgresMemoryStore.builder().url(args[0]).user(args[1]).password(args[2]).build();
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .owner(args[3])
                .leaseDuration(LEASE)
                .tools(tools(count))
                .consent(request -> ConsentDecision.allowOnce())
                .build()) {
      for (int i = 0; i < Integer.parseInt(args[4]); i++) {
        olympus.executor().submit(plan(args[3] + "-" + i));
      }
      Files.createFile(submitted(count.getParent(), args[3]));
      long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      int total = Integer.parseInt(args[5]);
      while (memory.checkpoints().byState(Set.of(PlanState.DONE)).size() < total) {
        if (System.nanoTime() > end) {
          System.exit(3);
        }
        olympus.executor().recoverAll();
        settle(olympus, count);
        Thread.sleep(100);
      }
    }
    System.exit(0);
  }

  /**
   * Settles the steps of paused plans that a dead process left in flight: completed if the counter
   * file shows the effect ran, approved otherwise.
   */
  static void settle(Olympus olympus, Path count) throws IOException {
    for (PausedPlan paused : olympus.executor().paused()) {
      PlanRun run;
      try {
        run = olympus.executor().resume(paused.planId());
      } catch (OwnedElsewhereException e) {
        continue; // another survivor settles it
      }
      String effects = Files.readString(count);
      // From the run, not the listing: another process may have settled the plan since.
      PlanSnapshot now = run.snapshot();
      for (String step : now.plan().topologicalOrder()) {
        if (now.step(step).state() != StepState.BLOCKED) {
          continue;
        }
        if (effects.contains(paused.planId() + "/" + step + " ")) {
          run.complete(step, JsonNodeFactory.instance.objectNode().put("counted", true));
        } else {
          run.approve(step);
        }
      }
    }
  }

  /** The file a worker creates once all its plans are submitted (saved, and running). */
  static Path submitted(Path dir, String owner) {
    return dir.resolve(owner + ".submitted");
  }

  /** wait (read-only) → count (side effect) → pause (read-only) → count2 (side effect). */
  static Plan plan(String id) {
    return Plan.builder("work")
        .id(id)
        .step("wait", s -> s.uses("test.wait"))
        .step("count", s -> s.uses("test.count").after("wait"))
        .step("pause", s -> s.uses("test.wait").after("count"))
        .step("count2", s -> s.uses("test.count").after("pause"))
        .build();
  }

  static ToolRegistry tools(Path count) {
    Tool counter =
        Tool.builder("test.count")
            .description("appends planId/step pid to the counter file")
            .scopes("test.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  append(
                      count,
                      context.planId()
                          + "/"
                          + context.stepId()
                          + " "
                          + ProcessHandle.current().pid()
                          + "\n");
                  return JsonNodeFactory.instance.objectNode().put("counted", true);
                });
    Tool wait =
        Tool.builder("test.wait")
            .description("sleeps a little")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  LockSupport.parkNanos(20_000_000);
                  return JsonNodeFactory.instance.objectNode();
                });
    return ToolRegistry.builder().add(counter).add(wait).build();
  }

  // One write(2) with O_APPEND per line: lines from several processes never interleave.
  private static void append(Path file, String line) {
    try {
      Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
