package dev.olympus.memory.postgres;

import dev.olympus.executor.Olympus;
import dev.olympus.memory.MemoryStore;
import dev.olympus.tools.ConsentDecision;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A process of {@link WorkQueueOnPostgresTest}: {@code <url> <user> <password> <owner> <mode>
 * <plans> <countFile>}. Mode {@code enqueue}: enqueues plans {@code q-0..} (the plan and tools of
 * {@link WorkerChild}) and exits 0. Mode {@code work}: a worker of capacity 4 that also settles
 * plans paused on a side effect a dead worker had in flight (completed if the counter file shows it
 * ran, approved otherwise), until all {@code <plans>} plans are DONE; exits 0 then, 3 after six
 * minutes.
 */
public final class QueueChild {
  private QueueChild() {}

  public static void main(String[] args) throws Exception {
    boolean worker = args[4].equals("work");
    int plans = Integer.parseInt(args[5]);
    Path count = Path.of(args[6]);
    try (MemoryStore memory =
            PostgresMemoryStore.builder().url(args[0]).user(args[1]).password(args[2]).build();
        Olympus olympus = olympus(memory, args[3], worker, count)) {
      if (!worker) {
        for (int i = 0; i < plans; i++) {
          olympus.executor().enqueue(WorkerChild.plan("q-" + i));
        }
        return;
      }
      long end = System.nanoTime() + Duration.ofMinutes(6).toNanos();
      while (done(args) < plans) {
        if (System.nanoTime() > end) {
          System.exit(3);
        }
        WorkerChild.settle(olympus, count);
        Thread.sleep(200);
      }
    }
    System.exit(0);
  }

  // Counted in SQL: loading every finished plan's snapshot on each poll would load the database.
  private static int done(String[] args) throws SQLException {
    try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
        Statement statement = c.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT count(*) FROM checkpoints WHERE state = 'DONE'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Olympus olympus(MemoryStore memory, String owner, boolean worker, Path count) {
    Olympus.Builder builder =
        Olympus.builder()
            .memory(memory)
            .owner(owner)
            .leaseDuration(WorkerChild.LEASE)
            .tools(WorkerChild.tools(count))
            .consent(request -> ConsentDecision.allowOnce());
    return (worker ? builder.worker(4) : builder).build();
  }
}
