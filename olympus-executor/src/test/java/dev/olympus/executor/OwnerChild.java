package dev.olympus.executor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A process of {@link MultiProcessTest}, on {@code dir/olympus.db}; exits 0 when its plans are
 * DONE, 4 when it lost a plan to another process ({@link OwnershipLostException}), 3 otherwise.
 *
 * <ul>
 *   <li>{@code work <dir> <prefix> <plans>}: submits plans {@code <prefix>-0..}, calls {@code
 *       recoverAll()} over and over while they run, and waits for them;
 *   <li>{@code hold <dir> <owner> <leaseSeconds>}: submits plan {@code held}, whose first step
 *       writes {@code dir/reached} and waits until cancelled.
 * </ul>
 *
 * <p>Every plan is {@link #plan}: its side effects append {@code planId/step pid} to {@code
 * dir/count}.
 */
public final class OwnerChild {
  private OwnerChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    try {
      boolean done =
          args[0].equals("work") ? work(dir, args[2], Integer.parseInt(args[3])) : hold(dir, args);
      System.exit(done ? 0 : 3);
    } catch (OwnershipLostException e) {
      System.out.println("LOST " + e.getMessage());
      System.exit(4);
    }
  }

  private static boolean work(Path dir, String prefix, int plans) throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory, Olympus.builder(), dir, false)) {
      List<PlanRun> runs = new ArrayList<>();
      for (int i = 0; i < plans; i++) {
        runs.add(olympus.executor().submit(plan(prefix + "-" + i)));
        runs.addAll(olympus.executor().recoverAll()); // the other process's live plans: none
      }
      boolean done = true;
      for (int i = 0; i < runs.size(); i++) {
        // Keeps trying to take over plans while they still run, here and in the other process.
        runs.addAll(olympus.executor().recoverAll());
        PlanRun run = runs.get(i);
        done &=
            run.await(Duration.ofSeconds(60)).map(r -> r.state() == PlanState.DONE).orElse(false);
      }
      return done;
    }
  }

  private static boolean hold(Path dir, String[] args) throws Exception {
    Olympus.Builder builder =
        Olympus.builder().leaseDuration(Duration.ofSeconds(Long.parseLong(args[3])));
    if (!args[2].equals("default")) {
      builder.owner(args[2]);
    }
    MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    Olympus olympus = olympus(memory, builder, dir, true);
    olympus.executor().submit(plan("held")).await();
    return false; // reached only after losing the plan (await throws) or if the plan ended
  }

  private static Olympus olympus(
      MemoryStore memory, Olympus.Builder builder, Path dir, boolean hold) {
    return builder
        .memory(memory)
        .tools(tools(dir, hold))
        .consent(request -> ConsentDecision.allowOnce())
        .build();
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

  /** The tools; with {@code hold}, the first {@code test.wait} of plan "held" waits for good. */
  static ToolRegistry tools(Path dir, boolean hold) {
    Tool count =
        Tool.builder("test.count")
            .description("appends planId/step pid to the counter file")
            .scopes("test.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  TestTools.append(
                      dir.resolve("count"),
                      context.planId()
                          + "/"
                          + context.stepId()
                          + " "
                          + ProcessHandle.current().pid()
                          + "\n");
                  return JsonNodeFactory.instance.objectNode().put("counted", true);
                });
    Tool wait =
        hold
            ? TestTools.blocking(
                "test.wait",
                new CountDownLatch(0) {
                  @Override
                  public void countDown() {
                    TestTools.append(dir.resolve("reached"), "yes\n");
                  }
                },
                new CountDownLatch(1))
            : Tool.builder("test.wait")
                .description("sleeps a little")
                .sideEffect(SideEffect.READ_ONLY)
                .handler(
                    (input, context) -> {
                      java.util.concurrent.locks.LockSupport.parkNanos(15_000_000);
                      return JsonNodeFactory.instance.objectNode();
                    });
    return ToolRegistry.builder().add(count).add(wait).build();
  }

  static boolean reached(Path dir) {
    return Files.exists(dir.resolve("reached"));
  }
}
