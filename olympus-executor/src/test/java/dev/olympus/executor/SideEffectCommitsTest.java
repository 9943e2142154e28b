package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.Step;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side effect costs one commit: its outcome rides with the next step's RUNNING mark, and still no
 * step after it starts before that outcome is on disk.
 */
class SideEffectCommitsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private HookedStore memory;
  // What each tool found on disk when it was called, as "step: step=STATE ...".
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeStore() {
    memory.close(); // after the test's Olympus
  }

  @Test
  void aChainOfSideEffectsCommitsOncePerStep() throws Exception {
    try (Olympus olympus = open(1, ConsentProvider.denyAll())) {
      int steps = 40;
      Plan.Builder chain = Plan.builder("chain").id("chain");
      chain.step("s0", s -> s.uses("effect"));
      for (int i = 1; i < steps; i++) {
        String previous = "s" + (i - 1);
        chain.step("s" + i, s -> s.uses("effect").after(previous));
      }

      PlanResult result = olympus.executor().submit(chain.build()).await(WAIT).orElseThrow();

      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      // One commit starts the plan, one per step marks it RUNNING with the outcome before it, one
      // records the last outcome with the plan's end (two per step when each outcome had its own).
      assertEquals(steps + 2, memory.updates());
      List<String> expected = new ArrayList<>();
      StringBuilder done = new StringBuilder();
      for (int i = 0; i < steps; i++) {
        expected.add("s" + i + ":" + done + " s" + i + "=RUNNING");
        done.append(" s").append(i).append("=DONE");
      }
      assertEquals(expected, seen, "each effect found its mark and the effect before it on disk");
    }
  }

  @Test
  void concurrentSideEffectsShareCommitsAndNeverPayTwoEach() throws Exception {
    int parallelism = 4;
    try (Olympus olympus = open(parallelism, ConsentProvider.denyAll())) {
      int steps = 120;
      Plan.Builder fan = Plan.builder("fan").id("fan");
      for (int i = 0; i < steps; i++) {
        fan.step("s" + i, s -> s.uses("effect"));
      }

      PlanResult result = olympus.executor().submit(fan.build()).await(WAIT).orElseThrow();

      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      // At most one commit per step, plus the start, the end, and one per thread that found no step
      // to run next while others were still running.
      assertTrue(
          memory.updates() <= steps + parallelism + 2,
          () -> memory.updates() + " commits for " + steps + " side effects");
      assertEquals(steps, seen.size());
      for (String found : seen) {
        String step = found.substring(0, found.indexOf(':'));
        assertTrue(found.contains(" " + step + "=RUNNING"), found);
      }
    }
  }

  @Test
  void aStepSafeToRepeatStartsOnlyAfterTheEffectBeforeItIsOnDisk() throws Exception {
    // Slow commits: a mark or outcome left to the journal thread is not on disk yet when "read"
    // runs.
    try (Olympus olympus = open(1, ConsentProvider.denyAll(), 50)) {
      // Independent steps, one thread: "read" runs after "write" without depending on it.
      Plan plan =
          Plan.builder("order")
              .id("order")
              .step("write", s -> s.uses("effect"))
              .step("read", s -> s.uses("look"))
              .build();

      PlanResult result = olympus.executor().submit(plan).await(WAIT).orElseThrow();

      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      assertEquals(2, seen.size(), seen::toString);
      assertEquals("write: write=RUNNING", seen.get(0));
      assertTrue(seen.get(1).startsWith("read: write=DONE"), seen::toString);
    }
  }

  @Test
  void anEffectsOutcomeIsCommittedWhileTheNextStepWaitsForConsent() throws Exception {
    CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
    try (Olympus olympus = open(1, ConsentProvider.async(request -> answer))) {
      Plan plan =
          Plan.builder("asks")
              .id("asks")
              .step("write", s -> s.uses("effect"))
              .step("ask", s -> s.uses("test.count").after("write"))
              .build();
      CountDownLatch heard = new CountDownLatch(1);

      PlanRun run =
          olympus
              .executor()
              .submit(
                  plan,
                  event -> {
                    if (event instanceof RunEvent.StepChanged changed
                        && changed.stepId().equals("write")
                        && changed.to() == StepState.DONE) {
                      heard.countDown();
                    }
                  });

      // Listeners hear only committed events: the outcome did not wait for the unanswered question.
      assertTrue(heard.await(30, TimeUnit.SECONDS), "the effect's outcome was not committed");
      assertEquals(StepState.DONE, onDisk("asks").step("write").state());
      answer.complete(ConsentDecision.allowOnce());
      assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
    }
  }

  private Olympus open(int parallelism, ConsentProvider consent) {
    return open(parallelism, consent, 0);
  }

  private Olympus open(int parallelism, ConsentProvider consent, long slowCommitMillis) {
    memory =
        HookedStore.slowed(SqliteMemoryStore.open(dir.resolve("olympus.db")), slowCommitMillis);
    return Olympus.builder()
        .memory(memory)
        .parallelism(parallelism)
        .consent(consent)
        .tools(
            ToolRegistry.builder()
                .add(looking("effect", SideEffect.SIDE_EFFECT))
                .add(looking("look", SideEffect.READ_ONLY))
                .add(TestTools.counter(dir.resolve("count")))
                .build())
        .build();
  }

  // A tool that records what a crash at its call would find: the steps that have begun, by state.
  private Tool looking(String id, SideEffect effect) {
    return Tool.builder(id)
        .description("records the checkpoint on disk when it is called")
        .sideEffect(effect)
        .handler(
            (input, context) -> {
              PlanSnapshot snapshot = onDisk(context.planId());
              StringBuilder found = new StringBuilder(context.stepId() + ":");
              for (Step step : snapshot.plan().steps()) {
                StepState state = snapshot.step(step.name()).state();
                if (state != StepState.PENDING) {
                  found.append(' ').append(step.name()).append('=').append(state);
                }
              }
              seen.add(found.toString());
              return JsonNodeFactory.instance.objectNode();
            });
  }

  private PlanSnapshot onDisk(String planId) {
    return memory.checkpoints().load(planId).orElseThrow();
  }
}
