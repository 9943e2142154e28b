package dev.olympus.executor.internal.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Money;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router's spend ledger in a memory store's counters (SQLite). */
class SqliteSpendLedgerTest {
  static final LocalDate DAY = LocalDate.of(2026, 1, 2);
  static final Money CEILING = Money.usd("0.10");

  @TempDir Path dir;

  static SpendLedger ledger(MemoryStore memory) {
    return new SqliteSpendLedger(memory.counters());
  }

  @Test
  void reservationsCountAgainstTheCeilingUntilSettledWithTheActualCost() {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("ledger.db"))) {
      SpendLedger ledger = ledger(memory);
      assertTrue(ledger.tryReserve(DAY, Money.usd("0.06"), CEILING));
      assertFalse(ledger.tryReserve(DAY, Money.usd("0.05"), CEILING), "0.11 > 0.10");
      assertEquals(Money.usd("0.06"), ledger.committedOn(DAY));
      assertEquals(Money.ZERO, ledger.spentOn(DAY));

      ledger.settle(DAY, Money.usd("0.06"), Money.usd("0.00000075"));
      assertEquals(Money.usd("0.00000075"), ledger.spentOn(DAY));
      assertEquals(Money.usd("0.00000075"), ledger.committedOn(DAY));
      ledger.settle(DAY, Money.ZERO, Money.usd("0.12"));
      assertFalse(ledger.tryReserve(DAY, Money.usd("0.000001"), CEILING), "over after an overrun");
      assertEquals(Money.ZERO, ledger.committedOn(DAY.plusDays(1)));
    }
  }

  @Test
  void aReservationNeverSettledStaysCountedAfterARestart() {
    Path file = dir.resolve("crash.db");
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      assertTrue(ledger(memory).tryReserve(DAY, Money.usd("0.07"), CEILING));
    } // the process "died" during the call: nothing settled
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      SpendLedger ledger = ledger(memory);
      assertEquals(Money.usd("0.07"), ledger.committedOn(DAY));
      assertEquals(Money.ZERO, ledger.spentOn(DAY));
      assertFalse(ledger.tryReserve(DAY, Money.usd("0.04"), CEILING));
    }
  }

  @Test
  void aCeilingBeyondWhatPicoDollarsHoldIsNoCeiling() {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("huge.db"))) {
      assertTrue(ledger(memory).tryReserve(DAY, Money.usd("5"), Money.usd("100000000")));
    }
  }
}
