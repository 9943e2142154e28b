package dev.olympus.executor.internal.wiring;

import static dev.olympus.executor.internal.wiring.SqliteSpendLedgerTest.DAY;
import static dev.olympus.executor.internal.wiring.SqliteSpendLedgerTest.ledger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Money;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spend ledger shared by two JVMs on one file. Its own class so that PIT, whose mutants live
 * only in its own JVM, can leave it out (see the parent pom's {@code pit} profile).
 */
class SpendLedgerMultiProcessTest {
  static final Money SHARED_CEILING = Money.usd("0.30");
  static final Money CALL = Money.usd("0.025");
  static final int THREADS = 25;

  @TempDir Path dir;

  /**
   * Issue 12 (c), at the ledger: two JVMs × 25 threads reserve $0.025 calls against $0.30 on one
   * file until refused. Exactly 12 reservations succeed between them (with a ceiling per process,
   * up to 24 did).
   */
  @Test
  void twoProcessesOnOneFileShareOneCeiling() throws Exception {
    Path store = dir.resolve("shared.db");
    SqliteMemoryStore.open(store).close();
    Path go = dir.resolve("go");
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(child(store, go));
    }
    awaitReady(children, go);
    Files.createFile(go);
    int reserved = 0;
    for (Process child : children) {
      assertTrue(child.waitFor(3, TimeUnit.MINUTES), "a child hung");
      String out = output(child).strip();
      assertEquals(0, child.exitValue(), out);
      reserved += Integer.parseInt(out.substring(out.lastIndexOf(' ') + 1));
    }
    assertEquals(12, reserved, "12 calls of $0.025 fit under $0.30");
    try (MemoryStore memory = SqliteMemoryStore.open(store)) {
      assertEquals(SHARED_CEILING, ledger(memory).spentOn(DAY));
      assertEquals(SHARED_CEILING, ledger(memory).committedOn(DAY));
    }
  }

  private Process child(Path store, Path go) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("olympus.child.classpath"),
            SpendLedgerMultiProcessTest.class.getName(),
            store.toString(),
            go.toString())
        .redirectErrorStream(true)
        .start();
  }

  private void awaitReady(List<Process> children, Path go) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (ready(go) < children.size()) {
      for (Process c : children) {
        assertTrue(c.isAlive(), () -> "a child died before it was ready: " + output(c));
      }
      assertTrue(System.nanoTime() < deadline, "the children never got ready");
      Thread.sleep(10);
    }
  }

  private long ready(Path go) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("go.")).count();
    }
  }

  private static String output(Process child) {
    try {
      return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The child: {@code main(storeFile, goFile)} reserves and settles until refused. */
  public static void main(String[] args) throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(Path.of(args[0]))) {
      SpendLedger ledger = ledger(memory);
      Files.createFile(Path.of(args[1] + "." + ProcessHandle.current().pid()));
      while (Files.notExists(Path.of(args[1]))) {
        Thread.sleep(5);
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> counts = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        counts.add(pool.submit(() -> untilRefused(ledger)));
      }
      int total = 0;
      for (Future<Integer> count : counts) {
        total += count.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      System.out.println("reserved " + total);
    }
  }

  private static int untilRefused(SpendLedger ledger) {
    int reserved = 0;
    while (ledger.tryReserve(DAY, CALL, SHARED_CEILING)) {
      ledger.settle(DAY, CALL, CALL);
      reserved++;
    }
    return reserved;
  }
}
