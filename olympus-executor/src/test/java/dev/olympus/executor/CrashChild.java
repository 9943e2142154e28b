package dev.olympus.executor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process the crash test kills. {@code main(dir, hangAt)} runs {@link #plan()} against {@code
 * dir/olympus.db}; when it reaches {@code hangAt} ("s1", "s2", "s3" or "consent") it writes {@code
 * dir/reached} and hangs until killed.
 */
public final class CrashChild {
  static final String PLAN_ID = "crash-plan";

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String hangAt = args[1];
    MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    Olympus olympus =
        Olympus.builder()
            .memory(memory)
            .tools(tools(dir, hangAt))
            .consent(
                request -> {
                  if (hangAt.equals("consent") && request.stepId().equals("s2")) {
                    hang(dir);
                  }
                  return ConsentDecision.allowOnce();
                })
            .build();
    olympus.executor().submit(plan()).await();
    System.exit(3); // the test expects to kill us before the plan ends
  }

  /** s1 (read-only) → s2 (side effect) → s3 (idempotent) → s4 (side effect). */
  static Plan plan() {
    return Plan.builder("crash")
        .id(PLAN_ID)
        .step("s1", s -> s.uses("test.noop"))
        .step("s2", s -> s.uses("test.count").after("s1"))
        .step("s3", s -> s.uses("test.idem").after("s2"))
        .step("s4", s -> s.uses("test.count").after("s3"))
        .build();
  }

  /** The tools; with {@code hangAt} naming a step, its tool hangs after its effect. */
  static ToolRegistry tools(Path dir, String hangAt) {
    Path counter = dir.resolve("counter.txt");
    Tool count =
        Tool.builder("test.count")
            .description("appends a line to the counter file: not idempotent")
            .scopes("test.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  TestTools.append(counter, context.stepId() + "\n");
                  if (context.stepId().equals(hangAt)) {
                    hang(dir);
                  }
                  return JsonNodeFactory.instance.objectNode().put("counted", true);
                });
    Tool idem =
        Tool.builder("test.idem")
            .description("writes a file named by the idempotency key: safe to repeat")
            .sideEffect(SideEffect.IDEMPOTENT)
            .handler(
                (input, context) -> {
                  TestTools.append(dir.resolve("idem.txt"), context.idempotencyKey() + "\n");
                  if (context.stepId().equals(hangAt)) {
                    hang(dir);
                  }
                  return JsonNodeFactory.instance.objectNode().put("ok", true);
                });
    Tool noop =
        Tool.builder("test.noop")
            .description("does nothing")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  if (context.stepId().equals(hangAt)) {
                    hang(dir);
                  }
                  return JsonNodeFactory.instance.objectNode();
                });
    return ToolRegistry.builder().add(count).add(idem).add(noop).build();
  }

  private static void hang(Path dir) {
    try {
      Files.writeString(dir.resolve("reached"), "yes");
      Thread.sleep(Long.MAX_VALUE);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
