package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is on disk when: a side effect starts only after its RUNNING mark and its inputs are
 * committed; steps that are safe to repeat share commits ({@link CommitBatchingTest} counts them);
 * listeners and {@code await()} see only committed progress.
 */
class CommitOrderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private MemoryStore memory;
  private Olympus olympus;

  @AfterEach
  void close() {
    if (olympus != null) {
      olympus.close();
    }
    if (memory != null) {
      memory.close();
    }
  }

  @Test
  void aSideEffectRunsBetweenCommitsOfItsMarkAndOfItsOutcome() throws Exception {
    // Slow commits: a mark left to the journal thread would not be on disk yet when the tool runs.
    memory = HookedStore.slowed(SqliteMemoryStore.open(dir.resolve("olympus.db")), 50);
    List<String> seen = new CopyOnWriteArrayList<>();
    Tool write =
        Tool.builder("test.write")
            .description("looks at the checkpoint, as a crash right now would find it")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  PlanSnapshot onDisk = memory.checkpoints().load(context.planId()).orElseThrow();
                  seen.add(onDisk.step("read").state() + " " + onDisk.step("write").state());
                  return JsonNodeFactory.instance.objectNode();
                });
    Tool read =
        Tool.builder("test.read")
            .description("returns a value")
            .sideEffect(SideEffect.READ_ONLY)
            .handler((input, context) -> JsonNodeFactory.instance.objectNode().put("v", 7));
    Tool check =
        Tool.builder("test.check")
            .description("reads the checkpoint after the side effect")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  PlanSnapshot onDisk = memory.checkpoints().load(context.planId()).orElseThrow();
                  seen.add(onDisk.step("write").state().name());
                  return JsonNodeFactory.instance.objectNode();
                });
    olympus =
        Olympus.builder()
            .memory(memory)
            .tools(ToolRegistry.builder().add(read).add(write).add(check).build())
            .consent(request -> ConsentDecision.allowOnce())
            .build();
    Plan plan =
        Plan.builder("ordered")
            .id("ordered")
            .step("read", s -> s.uses("test.read"))
            .step("write", s -> s.uses("test.write").with("v", "${read.v}").after("read"))
            .step("check", s -> s.uses("test.check").after("write"))
            .build();

    PlanResult result = olympus.executor().submit(plan).await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
    // The side effect saw its input and its own mark on disk; the next step saw its outcome there.
    assertEquals(List.of("DONE RUNNING", "DONE"), seen);
  }

  @Test
  void stepsThatAreSafeToRepeatShareCommitsAndAwaitSeesThemAll() throws Exception {
    memory = HookedStore.slowed(SqliteMemoryStore.open(dir.resolve("olympus.db")), 1);
    olympus = readOnlyOlympus(memory, 2);
    int steps = 200;

    PlanResult result =
        olympus.executor().submit(fanOut("batched", steps)).await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
    // How many commits the steps share is CommitBatchingTest's.
    PlanSnapshot onDisk = memory.checkpoints().load("batched").orElseThrow();
    assertEquals(PlanState.DONE, onDisk.state());
    assertTrue(onDisk.steps().values().stream().allMatch(s -> s.state() == StepState.DONE));
    long starts =
        memory.events().byPlan("batched").stream()
            .filter(e -> e.event().data().path("to").asText().equals("RUNNING"))
            .filter(e -> e.event().kind().equals(PlanEvent.STEP_STATE))
            .count();
    assertEquals(steps, starts);
  }

  @Test
  void aListenerGivenToSubmitHearsEveryCommittedEventInLogOrder() throws Exception {
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    olympus = readOnlyOlympus(memory, 4);
    List<PlanEvent> heard = new CopyOnWriteArrayList<>();
    List<String> uncommitted = new CopyOnWriteArrayList<>();
    Plan plan = fanOut("heard", 60);

    PlanRun run =
        olympus
            .executor()
            .submit(
                plan,
                typed -> {
                  PlanEvent event = typed.stored();
                  heard.add(event);
                  List<PlanEvent> logged =
                      memory.events().byPlan("heard").stream().map(e -> e.event()).toList();
                  if (!logged.contains(event)) {
                    uncommitted.add(event.kind() + " " + event.stepId().orElse(""));
                  }
                });
    PlanResult result = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state());
    assertEquals(List.of(), uncommitted);
    List<PlanEvent> logged = memory.events().byPlan("heard").stream().map(e -> e.event()).toList();
    assertEquals(logged, heard, "a listener given to submit hears the whole run, in log order");
    assertEquals(PlanState.DONE.name(), heard.get(heard.size() - 1).data().path("to").asText());
  }

  static Olympus readOnlyOlympus(MemoryStore memory, int parallelism) {
    Tool noop =
        Tool.builder("test.noop")
            .description("does nothing")
            .sideEffect(SideEffect.READ_ONLY)
            .handler((input, context) -> JsonNodeFactory.instance.objectNode());
    return Olympus.builder()
        .memory(memory)
        .parallelism(parallelism)
        .tools(ToolRegistry.builder().add(noop).build())
        .build();
  }

  static Plan fanOut(String id, int steps) {
    Plan.Builder builder = Plan.builder(id).id(id);
    for (int i = 0; i < steps; i++) {
      builder.step("s" + i, s -> s.uses("test.noop"));
    }
    return builder.build();
  }
}
