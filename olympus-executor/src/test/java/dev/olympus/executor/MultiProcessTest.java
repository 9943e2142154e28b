package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.Lease;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes on one store file ({@link OwnerChild}): two that submit plans and try to take over
 * each other's plans all the while; one killed with SIGKILL while owning a plan; one stopped with
 * SIGSTOP past its lease, whose plan another process takes over.
 */
class MultiProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void twoProcessesRecoveringAllTheTimeNeverRunASideEffectTwice() throws Exception {
    int plans = 12;
    Process a = start("work", dir.toString(), "a", String.valueOf(plans));
    Process b = start("work", dir.toString(), "b", String.valueOf(plans));
    assertExit(0, a);
    assertExit(0, b);

    Map<String, Set<String>> pidsByPlan = new HashMap<>();
    List<String> effects = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("count"))) {
      String[] parts = line.split(" ");
      effects.add(parts[0]);
      pidsByPlan.computeIfAbsent(parts[0].split("/")[0], p -> new HashSet<>()).add(parts[1]);
    }
    assertEquals(2 * plans * 2, effects.size(), "every side effect ran");
    assertEquals(effects.size(), new HashSet<>(effects).size(), () -> "repeated: " + effects);
    pidsByPlan.forEach((plan, pids) -> assertEquals(1, pids.size(), plan + " had two owners"));
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      assertTrue(memory.events().verify().intact());
      assertEquals(2 * plans, memory.checkpoints().byState(Set.of(PlanState.DONE)).size());
    }
  }

  @Test
  void aKilledOwnersPlanIsTakenOverOnlyAfterItsLeaseLapses() throws Exception {
    Process owner = start("hold", dir.toString(), "worker-1", "4");
    awaitReached(owner);
    owner.destroyForcibly(); // SIGKILL: its lease stays until it lapses
    owner.waitFor(30, TimeUnit.SECONDS);

    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = recovering(memory)) {
      Lease held = memory.leases().holder("plan/held").orElseThrow();
      assertEquals("worker-1", held.owner());
      assertThrows(OwnedElsewhereException.class, () -> olympus.executor().resume("held"));
      PlanRun run = recoverWhenLapsed(olympus);
      assertFalse(Instant.now().isBefore(held.expiresAt()), "claimed before the lease lapsed");
      assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
      assertEquals(List.of("held/count", "held/count2"), effects());
    }
  }

  @Test
  void aStalledOwnerLosesItsPlanAndStopsWhenItWakesUp() throws Exception {
    Process owner = start("hold", dir.toString(), "default", "2");
    awaitReached(owner);
    signal("STOP", owner);
    try {
      try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
          Olympus olympus = recovering(memory)) {
        PlanRun run = recoverWhenLapsed(olympus);
        assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
      }
    } finally {
      signal("CONT", owner);
    }
    assertExit(4, owner);
    assertTrue(output(owner).contains("LOST"), () -> output(owner));
    assertEquals(List.of("held/count", "held/count2"), effects());
  }

  private Olympus recovering(MemoryStore memory) {
    return Olympus.builder()
        .memory(memory)
        .tools(OwnerChild.tools(dir, false))
        .consent(request -> ConsentDecision.allowOnce())
        .build();
  }

  // recoverAll() passes the plan by while its owner's lease is live, then takes it.
  private static PlanRun recoverWhenLapsed(Olympus olympus) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      List<PlanRun> runs = olympus.executor().recoverAll();
      if (!runs.isEmpty()) {
        return runs.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the plan was never taken over");
  }

  private List<String> effects() throws IOException {
    return Files.readAllLines(dir.resolve("count")).stream().map(l -> l.split(" ")[0]).toList();
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("olympus.child.classpath"));
    command.add(OwnerChild.class.getName());
    command.addAll(List.of(args));
    Path log = dir.resolve("child-" + args[0] + "-" + args[2] + ".log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private void awaitReached(Process child) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!OwnerChild.reached(dir)) {
      assertTrue(child.isAlive(), () -> "child died: " + output(child));
      assertTrue(System.nanoTime() < end, "child never reached its step");
      Thread.sleep(20);
    }
  }

  private void assertExit(int expected, Process child) throws InterruptedException {
    if (!child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new AssertionError("child did not end: " + output(child));
    }
    assertEquals(expected, child.exitValue(), () -> output(child));
  }

  private String output(Process child) {
    try (var logs = Files.list(dir)) {
      StringBuilder text = new StringBuilder();
      for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        text.append(log.getFileName()).append(":\n").append(Files.readString(log));
      }
      return text.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void signal(String signal, Process process)
      throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
    assertEquals(0, kill.waitFor(), "kill -" + signal);
  }
}
