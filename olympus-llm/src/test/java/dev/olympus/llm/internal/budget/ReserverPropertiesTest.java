package dev.olympus.llm.internal.budget;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReserverPropertiesTest {
  /**
   * Each operation is a number: its value / 4 is an amount in micro-units, its value % 4 says what
   * to do: reserve and keep open, reserve and settle for at most the amount, reserve and release,
   * or close the oldest open reservation.
   */
  @Test
  void reservingAndSettlingNeverGoesNegativeNorPastTheCeiling() {
    qt().forAll(
            integers().between(0, 5_000),
            lists().of(integers().between(0, 40_000)).ofSizeBetween(1, 60))
        .checkAssert(ReserverPropertiesTest::run);
  }

  private static void run(int ceiling, List<Integer> operations) {
    Reserver reserver = new Reserver(micros(ceiling), BigDecimal.ZERO);
    Deque<Reserver.Hold> open = new ArrayDeque<>();
    for (int op : operations) {
      BigDecimal amount = micros(op / 4);
      switch (op % 4) {
        case 0 -> reserver.tryReserve(amount).ifPresent(open::add);
        case 1 -> reserver.tryReserve(amount).ifPresent(h -> h.settle(micros(op / 8)));
        case 2 -> reserver.tryReserve(amount).ifPresent(Reserver.Hold::release);
        default -> {
          if (!open.isEmpty()) {
            Reserver.Hold hold = open.poll();
            hold.settle(hold.amount());
          }
        }
      }
      check(reserver, micros(ceiling));
    }
  }

  private static void check(Reserver reserver, BigDecimal ceiling) {
    if (reserver.spent().signum() < 0 || reserver.reserved().signum() < 0) {
      throw new AssertionError("negative: " + reserver.spent() + " / " + reserver.reserved());
    }
    if (reserver.spent().add(reserver.reserved()).compareTo(ceiling) > 0) {
      throw new AssertionError("past the ceiling " + ceiling + ": " + reserver.spent());
    }
    if (reserver.remaining().signum() < 0) {
      throw new AssertionError("negative remaining");
    }
  }

  private static BigDecimal micros(int amount) {
    return BigDecimal.valueOf(amount, 6);
  }
}
