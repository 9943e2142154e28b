package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory and the persistent ledger keep the same accounts. */
class SpendLedgerTest {
  static final LocalDate DAY = LocalDate.of(2026, 1, 2);
  static final Money CEILING = Money.usd("0.10");

  @TempDir Path dir;

  void withEachLedger(Consumer<SpendLedger> check) {
    check.accept(SpendLedger.inMemory());
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("ledger.db"))) {
      check.accept(SpendLedger.persistentIn(memory));
    }
  }

  @Test
  void reservationsCountAgainstTheCeilingUntilSettledWithTheActualCost() {
    withEachLedger(
        ledger -> {
          assertTrue(ledger.tryReserve(DAY, Money.usd("0.06"), CEILING));
          assertFalse(ledger.tryReserve(DAY, Money.usd("0.05"), CEILING), "0.11 > 0.10");
          assertEquals(Money.usd("0.06"), ledger.committedOn(DAY));
          assertEquals(Money.ZERO, ledger.spentOn(DAY));

          ledger.settle(DAY, Money.usd("0.06"), Money.usd("0.00000075"));
          assertEquals(Money.usd("0.00000075"), ledger.spentOn(DAY));
          assertEquals(Money.usd("0.00000075"), ledger.committedOn(DAY));
          assertTrue(ledger.tryReserve(DAY, Money.usd("0.05"), CEILING));
          ledger.settle(DAY, Money.usd("0.05"), Money.ZERO);
          assertEquals(Money.usd("0.00000075"), ledger.committedOn(DAY));
          assertEquals(Money.ZERO, ledger.committedOn(DAY.plusDays(1)));
        });
  }

  @Test
  void anOverrunIsChargedInFullAndRefusesEveryReservationWhileOverTheCeiling() {
    withEachLedger(
        ledger -> {
          assertTrue(ledger.tryReserve(DAY, Money.usd("0.02"), CEILING));
          ledger.settle(DAY, Money.usd("0.02"), Money.usd("0.12"));
          assertEquals(Money.usd("0.12"), ledger.spentOn(DAY));
          assertFalse(ledger.tryReserve(DAY, Money.usd("0.000001"), CEILING));
          assertTrue(ledger.tryReserve(DAY, Money.ZERO, Money.usd("0.12")));
        });
  }

  @Test
  void aReservationNeverSettledStaysCountedAfterARestart() {
    Path file = dir.resolve("crash.db");
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      assertTrue(SpendLedger.persistentIn(memory).tryReserve(DAY, Money.usd("0.07"), CEILING));
    } // the process "died" during the call: nothing settled
    try (MemoryStore memory = SqliteMemoryStore.open(file)) {
      SpendLedger ledger = SpendLedger.persistentIn(memory);
      assertEquals(Money.usd("0.07"), ledger.committedOn(DAY));
      assertEquals(Money.ZERO, ledger.spentOn(DAY));
      assertFalse(ledger.tryReserve(DAY, Money.usd("0.04"), CEILING));
    }
  }

  @Test
  void aCeilingBeyondWhatPicoDollarsHoldIsNoCeiling() {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("huge.db"))) {
      SpendLedger ledger = SpendLedger.persistentIn(memory);
      assertTrue(ledger.tryReserve(DAY, Money.usd("5"), Money.usd("100000000")));
    }
  }
}
