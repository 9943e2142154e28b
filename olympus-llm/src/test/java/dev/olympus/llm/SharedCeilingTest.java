package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 (c): two routers × 25 threads on one ledger, $0.30 a day, through a server that bills
 * real usage: what the server billed never passes the ceiling. Each call reserves and costs $0.025,
 * so the ceiling admits exactly 12 calls; with a ceiling per router it admitted up to 24. The same
 * across processes on one SQLite file is checked in olympus-executor.
 */
class SharedCeilingTest {
  static final int THREADS = 25;
  static final int ROUNDS = 3;

  @Test
  void twoRoutersOnOneLedgerStayUnderOneCeiling() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      boolean stream = round % 2 == 1;
      SpendLedger ledger = SpendLedger.inMemory();
      try (BillingOpenAi server = new BillingOpenAi(true, 20, 5)) {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
          Future<Integer> first =
              both.submit(
                  () ->
                      SharedCeiling.hammer(
                          SharedCeiling.router(ledger, server.uri()), THREADS, stream));
          Future<Integer> second =
              both.submit(
                  () ->
                      SharedCeiling.hammer(
                          SharedCeiling.router(ledger, server.uri()), THREADS, stream));
          int answered = first.get(3, TimeUnit.MINUTES) + second.get(3, TimeUnit.MINUTES);
          assertEquals(server.requests(), answered, "every call sent was answered");
        } finally {
          both.shutdownNow();
        }
        assertOneCeiling(ledger, server, "round " + round);
      }
    }
  }

  private static void assertOneCeiling(SpendLedger ledger, BillingOpenAi server, String round) {
    assertFalse(
        server.billed().exceeds(SharedCeiling.CEILING),
        () -> "billed " + server.billed() + " > " + SharedCeiling.CEILING + " in " + round);
    assertEquals(Money.usd("0.30"), server.billed(), "the ceiling was used up: 12 calls of $0.025");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertEquals(server.billed(), ledger.spentOn(today), "the ledger charged what was billed");
    assertEquals(server.billed(), ledger.committedOn(today), "no reservation was left open");
  }
}
