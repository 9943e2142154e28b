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
 * Three executor processes ({@link WorkerChild}) on one PostgreSQL database run plans with side
 * effects; one is killed with SIGKILL midway. The survivors take over its plans once its lease
 * lapses: every plan ends DONE, every side effect ran exactly once, and the chain verifies.
 */
@ExtendWith(TestPostgres.Resolver.class)
class ExecutorsOnOnePostgresTest {
  private static final int PER_PROCESS = 25;
  private static final int PROCESSES = 3;

  @TempDir Path dir;

  @Test
  void aKilledExecutorsPlansAreFinishedByTheOthersWithEveryEffectOnce(TestPostgres server)
      throws Exception {
    String url = server.freshSchema();
    Path count = dir.resolve("count");
    Files.createFile(count);
    List<Process> workers = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      workers.add(start(server, url, "w" + p, count));
    }
    awaitSubmitted(workers.get(0), "w0");
    workers.get(0).destroyForcibly(); // SIGKILL: no lease released, maybe an effect in flight
    assertTrue(
        Files.readAllLines(count).size() < PROCESSES * PER_PROCESS * 2, "killed after the end");
    for (Process survivor : workers.subList(1, PROCESSES)) {
      assertTrue(survivor.waitFor(4, TimeUnit.MINUTES), () -> "a survivor hung: " + logs());
      assertEquals(0, survivor.exitValue(), this::logs);
    }

    List<String> lines = Files.readAllLines(count);
    String killed = " " + workers.get(0).pid();
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("w0-") && !l.endsWith(killed)),
        "no plan of the killed worker was finished by another");
    Children.assertAllDoneOnce(server, url, lines, PROCESSES * PER_PROCESS);
  }

  private Process start(TestPostgres server, String url, String owner, Path count)
      throws IOException {
    return Children.start(
        dir,
        owner,
        WorkerChild.class,
        url,
        server.user(),
        server.password(),
        owner,
        String.valueOf(PER_PROCESS),
        String.valueOf(PROCESSES * PER_PROCESS),
        count.toString());
  }

  // The worker's plans are all saved (the survivors count on them) and running.
  private void awaitSubmitted(Process worker, String owner) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.exists(WorkerChild.submitted(dir, owner))) {
      assertTrue(worker.isAlive(), () -> "worker died early: " + logs());
      assertTrue(System.nanoTime() < end, () -> "no progress: " + logs());
      Thread.sleep(5);
    }
  }

  private String logs() {
    return Children.logs(dir);
  }
}
