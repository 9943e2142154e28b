package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden task 5, crash and resume: the plan runs in a separate JVM that is killed with SIGKILL
 * mid-run; here it resumes to completion with no side effect repeated.
 */
class GoldenCrashResumeTest {
  @TempDir Path home;

  @Test
  void killedInAnIdempotentStepItResumesToCompletionWithoutRepeatingTheSend() throws Exception {
    crash("summarize");
    assertEquals(List.of("invoice 42 sent to ACME"), ledger());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PlanResult result =
        ResumeAfterCrash.run(home, new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("resuming plan invoice-42"));
    assertEquals(List.of("invoice 42 sent to ACME"), ledger(), "the send was not repeated");
    assertTrue(
        Files.readString(home.resolve("workspace/invoice-42.md")).contains("Done: invoice 42"));
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"))) {
      assertTrue(memory.events().verify().intact(), memory.events().verify()::toString);
    }
  }

  @Test
  void killedInsideTheSideEffectTheStepWaitsForTheHostInsteadOfRepeating() throws Exception {
    crash("send");
    Path workspace = home.resolve("workspace");
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
        Olympus olympus =
            ResumeAfterCrash.open(
                memory,
                workspace,
                ResumeAfterCrash.ledger(workspace, "ledger.append"),
                ResumeAfterCrash.summarizer())) {
      PlanRun run = olympus.executor().recoverAll().get(0);
      PlanResult paused = run.await();
      assertEquals(PlanState.PAUSED, paused.state());
      assertEquals(StepState.BLOCKED, paused.snapshot().step("send").state());
      assertEquals(List.of("invoice 42 sent to ACME"), ledger());
      run.reject("send", "already sent before the crash");
      assertEquals(PlanState.FAILED, run.await().state());
      assertEquals(List.of("invoice 42 sent to ACME"), ledger());
    }
  }

  private List<String> ledger() throws IOException {
    return Files.readAllLines(home.resolve("workspace/ledger.txt"));
  }

  private void crash(String hangAt) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("olympus.child.classpath"),
                CrashChild.class.getName(),
                home.toString(),
                hangAt)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("child.log").toFile())
            .start();
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Files.notExists(home.resolve("reached"))) {
        assertTrue(child.isAlive(), "child died; see " + home.resolve("child.log"));
        assertTrue(System.nanoTime() < end, "child never reached " + hangAt);
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
