package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a plan in a separate JVM, kills it with SIGKILL at several points, recovers it here, and
 * checks that no event is lost, the chain verifies, and no side effect is repeated.
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void killedInsideASideEffectTheStepIsBlockedNotRepeated() throws Exception {
    crash("s2");
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = recovered(memory)) {
      List<PlanRun> runs = olympus.executor().recoverAll();
      assertEquals(1, runs.size());
      PlanResult result = runs.get(0).await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.PAUSED, result.state());
      assertEquals(StepState.BLOCKED, result.snapshot().step("s2").state());
      assertEquals(
          new StepError.Interrupted("interrupted while running; approve to re-run"),
          result.errors().get("s2"));
      assertEquals(List.of("s2"), Files.readAllLines(dir.resolve("counter.txt")));
      assertChainComplete(memory);

      runs.get(0).approve("s2"); // the host decides the effect may be repeated
      PlanResult done = runs.get(0).await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.DONE, done.state(), () -> done.errors().toString());
      assertEquals(List.of("s2", "s2", "s4"), Files.readAllLines(dir.resolve("counter.txt")));
    }
  }

  @Test
  void killedInsideAnIdempotentStepItIsReRunWithTheSameKey() throws Exception {
    crash("s3");
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = recovered(memory)) {
      PlanResult result =
          olympus.executor().resume(CrashChild.PLAN_ID).await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      assertEquals(List.of("s2", "s4"), Files.readAllLines(dir.resolve("counter.txt")));
      List<String> keys = Files.readAllLines(dir.resolve("idem.txt"));
      assertEquals(2, keys.size());
      assertEquals(keys.get(0), keys.get(1), "the idempotency key is stable across restarts");
      assertChainComplete(memory);
    }
  }

  @Test
  void killedInsideAReadOnlyStepItIsSimplyRunAgain() throws Exception {
    crash("s1");
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = recovered(memory)) {
      PlanResult result =
          olympus.executor().recoverAll().get(0).await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      assertEquals(List.of("s2", "s4"), Files.readAllLines(dir.resolve("counter.txt")));
      assertChainComplete(memory);
    }
  }

  @Test
  void killedWhileAskingConsentTheStepRunsOnceAfterRecovery() throws Exception {
    crash("consent");
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = recovered(memory)) {
      assertTrue(Files.notExists(dir.resolve("counter.txt")));
      PlanResult result =
          olympus.executor().recoverAll().get(0).await(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      assertEquals(List.of("s2", "s4"), Files.readAllLines(dir.resolve("counter.txt")));
      assertChainComplete(memory);
    }
  }

  private Olympus recovered(MemoryStore memory) {
    return Olympus.builder()
        .memory(memory)
        .tools(CrashChild.tools(dir, "none"))
        .consent(request -> ConsentDecision.allowOnce())
        .build();
  }

  private void crash(String hangAt) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("olympus.child.classpath"),
                CrashChild.class.getName(),
                dir.toString(),
                hangAt)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Files.notExists(dir.resolve("reached"))) {
        assertTrue(child.isAlive(), () -> "child died: " + log());
        assertTrue(System.nanoTime() < end, "child never reached " + hangAt);
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("child.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** Every checkpointed transition has its event, and the hash chain verifies. */
  private static void assertChainComplete(MemoryStore memory) {
    assertTrue(memory.events().verify().intact(), memory.events().verify()::toString);
    List<PlanEvent> events =
        memory.events().byPlan(CrashChild.PLAN_ID).stream().map(StoredEvent::event).toList();
    for (String step : List.of("s1", "s2")) {
      assertTrue(
          events.stream()
              .anyMatch(
                  e ->
                      e.kind().equals(PlanEvent.STEP_STATE)
                          && e.stepId().orElse("").equals(step)
                          && e.data().path("from").asText().equals("PENDING")),
          () -> "no start event for " + step + " in " + events);
    }
  }
}
