package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The in-memory ledger's accounts (the SQLite ledger's are checked in olympus-executor). */
class SpendLedgerTest {
  static final LocalDate DAY = LocalDate.of(2026, 1, 2);
  static final Money CEILING = Money.usd("0.10");

  @Test
  void reservationsCountAgainstTheCeilingUntilSettledWithTheActualCost() {
    SpendLedger ledger = SpendLedger.inMemory();
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
  }

  @Test
  void anOverrunIsChargedInFullAndRefusesEveryReservationWhileOverTheCeiling() {
    SpendLedger ledger = SpendLedger.inMemory();
    assertTrue(ledger.tryReserve(DAY, Money.usd("0.02"), CEILING));
    ledger.settle(DAY, Money.usd("0.02"), Money.usd("0.12"));
    assertEquals(Money.usd("0.12"), ledger.spentOn(DAY));
    assertFalse(ledger.tryReserve(DAY, Money.usd("0.000001"), CEILING));
    assertTrue(ledger.tryReserve(DAY, Money.ZERO, Money.usd("0.12")));
  }
}
