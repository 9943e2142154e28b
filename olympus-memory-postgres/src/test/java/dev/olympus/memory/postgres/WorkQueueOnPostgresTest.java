package dev.olympus.memory.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.postgres.internal.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work queue across processes on one PostgreSQL database: one process ({@link QueueChild}
 * {@code enqueue}) only enqueues plans with side effects, three worker processes run them, and one
 * worker is killed with SIGKILL midway. Every plan ends DONE, every side effect ran once, none in
 * the enqueuing process, and the chain verifies.
 */
@ExtendWith(TestPostgres.Resolver.class)
class WorkQueueOnPostgresTest {
  private static final int PLANS = 300;
  private static final int WORKERS = 3;

  @TempDir Path dir;

  @Test
  void plansEnqueuedByOneProcessRunOnTheWorkersDespiteAKilledOne(TestPostgres server)
      throws Exception {
    String url = server.freshSchema();
    Path count = dir.resolve("count");
    Files.createFile(count);
    Process enqueuer = start(server, url, "enqueuer", "enqueue", count);
    List<Process> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      workers.add(start(server, url, "w" + w, "work", count));
    }
    Process victim = workers.get(0);
    awaitEffectsOf(victim, count);
    victim.destroyForcibly(); // SIGKILL: leases not released, maybe a side effect in flight
    assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
    assertTrue(Files.readAllLines(count).size() < PLANS * 2, "killed after the end");

    assertTrue(enqueuer.waitFor(5, TimeUnit.MINUTES), this::logs);
    assertEquals(0, enqueuer.exitValue(), this::logs);
    for (Process survivor : workers.subList(1, WORKERS)) {
      assertTrue(survivor.waitFor(7, TimeUnit.MINUTES), () -> "a survivor hung: " + logs());
      assertEquals(0, survivor.exitValue(), this::logs);
    }

    List<String> lines = Files.readAllLines(count);
    assertTrue(
        lines.stream().noneMatch(l -> l.endsWith(" " + enqueuer.pid())),
        "the enqueuing process ran a step");
    Children.assertAllDoneOnce(server, url, lines, PLANS);
  }

  private Process start(TestPostgres server, String url, String owner, String mode, Path count)
      throws IOException {
    return Children.start(
        dir,
        owner,
        QueueChild.class,
        url,
        server.user(),
        server.password(),
        owner,
        mode,
        String.valueOf(PLANS),
        count.toString());
  }

  // Midway: half of all side effects ran, a few of them in this worker.
  private void awaitEffectsOf(Process worker, Path count) throws Exception {
    String pid = " " + worker.pid();
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    for (List<String> lines = Files.readAllLines(count);
        lines.size() < PLANS || lines.stream().filter(l -> l.endsWith(pid)).count() < 6;
        lines = Files.readAllLines(count)) {
      assertTrue(worker.isAlive(), () -> "worker died early: " + logs());
      assertTrue(System.nanoTime() < end, () -> "no progress: " + logs());
      Thread.sleep(5);
    }
  }

  private String logs() {
    return Children.logs(dir);
  }
}
