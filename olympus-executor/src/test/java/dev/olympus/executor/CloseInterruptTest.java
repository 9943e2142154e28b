package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Olympus#close()} on a thread that is interrupted: it stops waiting, still signals the
 * running steps and gives their plans up, and leaves the interrupt for the caller to see.
 */
class CloseInterruptTest {
  @TempDir Path dir;

  @Test
  void anInterruptedCloseOfAWorkerKeepsTheInterrupt() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      Olympus worker = Olympus.builder().memory(memory).worker(1).build();

      Thread.currentThread().interrupt();
      worker.close();

      assertTrue(Thread.interrupted(), "the caller's interrupt was swallowed");
    }
  }

  @Test
  void anInterruptedCloseStillSignalsTheStepAndKeepsTheInterrupt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch signalled = new CountDownLatch(1);
    Tool waiting = TestTools.blocking("c.wait", started, new CountDownLatch(1), signalled);
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"))) {
      Olympus olympus =
          Olympus.builder()
              .memory(memory)
              .tools(ToolRegistry.builder().add(waiting).build())
              .consent(r -> ConsentDecision.allowOnce())
              .build();
      olympus
          .executor()
          .submit(Plan.builder("waits").id("p").step("w", s -> s.uses("c.wait")).build());
      assertTrue(started.await(30, TimeUnit.SECONDS), "the step never started");

      Thread.currentThread().interrupt();
      olympus.close();

      assertTrue(Thread.interrupted(), "the caller's interrupt was swallowed");
      // An interrupted close does not wait for the step to return, but still tells it to stop.
      assertTrue(signalled.await(30, TimeUnit.SECONDS), "the running step was not told to stop");
      assertEquals(PlanState.RUNNING, memory.checkpoints().load("p").orElseThrow().state());
      assertTrue(memory.leases().holder("plan/p").isEmpty(), "the plan was given up");
    }
  }
}
