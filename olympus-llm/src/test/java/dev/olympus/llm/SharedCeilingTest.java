package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * Issue 12 (c): two processes × 25 threads on one store file, $0.30 a day, through a server that
 * bills real usage: what the server billed never passes the ceiling. Each call reserves and costs
 * $0.025, so the ceiling admits exactly 12 calls; with a ceiling per process it admitted up to 24.
 */
class SharedCeilingTest {
  static final int THREADS = 25;
  static final int ROUNDS = 3;

  @TempDir Path dir;

  @Test
  void twoChildJvmsOnOneFileStayUnderOneCeiling() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Path store = dir.resolve("round-" + round + ".db");
      try (BillingOpenAi server = new BillingOpenAi(true, 20, 5)) {
        // Opening a new file from two processes at once is issue 12 item 5 (memory's): create it.
        SqliteMemoryStore.open(store).close();
        List<Process> children = startChildren(store, server, round);
        List<String> outputs = new ArrayList<>();
        for (Process child : children) {
          assertTrue(child.waitFor(3, TimeUnit.MINUTES), "a child hung");
          String out = output(child);
          assertEquals(0, child.exitValue(), out);
          outputs.add(out);
        }
        try (MemoryStore memory = SqliteMemoryStore.open(store)) {
          assertOneCeiling(SpendLedger.persistentIn(memory), server, outputs.toString());
        }
      }
    }
  }

  @Test
  void twoStoresInOneProcessStayUnderOneCeiling() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Path store = dir.resolve("in-process-" + round + ".db");
      boolean stream = round % 2 == 1;
      try (BillingOpenAi server = new BillingOpenAi(true, 20, 5);
          MemoryStore a = SqliteMemoryStore.open(store);
          MemoryStore b = SqliteMemoryStore.open(store)) {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
          Future<Integer> first =
              both.submit(
                  () ->
                      SharedCeiling.hammer(SharedCeiling.router(a, server.uri()), THREADS, stream));
          Future<Integer> second =
              both.submit(
                  () ->
                      SharedCeiling.hammer(SharedCeiling.router(b, server.uri()), THREADS, stream));
          int answered = first.get(3, TimeUnit.MINUTES) + second.get(3, TimeUnit.MINUTES);
          assertEquals(server.requests(), answered, "every call sent was answered");
        } finally {
          both.shutdownNow();
        }
        assertOneCeiling(SpendLedger.persistentIn(a), server, "in-process round " + round);
      }
    }
  }

  private List<Process> startChildren(Path store, BillingOpenAi server, int round)
      throws IOException, InterruptedException {
    Path go = dir.resolve("go-" + round);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  SharedCeiling.class.getName(),
                  store.toString(),
                  server.uri().toString(),
                  String.valueOf(THREADS),
                  go.toString())
              .redirectErrorStream(true)
              .start());
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (ready(go) < 2) {
      for (Process c : children) {
        assertTrue(c.isAlive(), () -> "a child died before it was ready: " + output(c));
      }
      assertTrue(System.nanoTime() < deadline, "the children never got ready");
      Thread.sleep(10);
    }
    Files.createFile(go);
    return children;
  }

  private static String output(Process child) {
    try {
      return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private long ready(Path go) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(go.getFileName() + "."))
          .count();
    }
  }

  private static void assertOneCeiling(SpendLedger ledger, BillingOpenAi server, String outputs) {
    assertFalse(
        server.billed().exceeds(SharedCeiling.CEILING),
        () -> "billed " + server.billed() + " > " + SharedCeiling.CEILING + ": " + outputs);
    assertEquals(Money.usd("0.30"), server.billed(), "the ceiling was used up: 12 calls of $0.025");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertEquals(server.billed(), ledger.spentOn(today), "the ledger charged what was billed");
    assertEquals(server.billed(), ledger.committedOn(today), "no reservation was left open");
  }
}
