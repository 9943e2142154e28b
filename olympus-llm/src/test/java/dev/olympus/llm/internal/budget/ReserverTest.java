package dev.olympus.llm.internal.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ceiling's contract where a caller meets it: what a reserver may be built with, that several
 * ceilings are reserved together or not at all (and nobody sees a part), and that two callers
 * reserving the same ceilings in opposite orders cannot deadlock. The orderings are forced by
 * holding a reserver's monitor, which its Javadoc documents as the lock every method takes. The
 * class timeout only turns a deadlock (the failure under test) into a failure instead of a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReserverTest {
  private static final BigDecimal ONE = BigDecimal.ONE;
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  @Test
  void aNegativeLimitOrSpendIsRefusedAndZeroOrNoLimitIsAccepted() {
    assertThrows(IllegalArgumentException.class, () -> new Reserver(ONE.negate(), ONE));
    assertThrows(IllegalArgumentException.class, () -> new Reserver(ONE, ONE.negate()));
    assertThrows(NullPointerException.class, () -> new Reserver(ONE, null));
    Reserver closed = new Reserver(BigDecimal.ZERO, BigDecimal.ZERO);
    assertTrue(closed.tryReserve(BigDecimal.ZERO).isPresent());
    assertTrue(closed.tryReserve(ONE).isEmpty());
    Reserver unlimited = new Reserver(null, BigDecimal.ZERO);
    assertNull(unlimited.remaining());
    assertTrue(unlimited.tryReserve(BigDecimal.valueOf(1_000_000)).isPresent());
  }

  @Test
  void aSettleOverTheReservationIsChargedAndLeavesNothingRemaining() {
    Reserver reserver = new Reserver(TWO, BigDecimal.ZERO);
    reserver.tryReserve(ONE).orElseThrow().settle(BigDecimal.valueOf(3));
    assertEquals(BigDecimal.valueOf(3), reserver.spent());
    assertEquals(BigDecimal.ZERO, reserver.remaining());
    assertTrue(reserver.tryReserve(BigDecimal.ZERO).isEmpty());
  }

  @Test
  void oneAmountPerReserverIsRequired() {
    Reserver reserver = new Reserver(TWO, BigDecimal.ZERO);
    assertThrows(
        IllegalArgumentException.class,
        () -> Reserver.reserveAll(List.of(reserver), List.of(ONE, ONE), ReserverTest::noRoom));
    assertEquals(BigDecimal.ZERO, reserver.reserved());
  }

  @Test
  void aRefusalReservesNothingOnAnyCeiling() {
    Reserver roomy = new Reserver(TWO, BigDecimal.ZERO);
    Reserver full = new Reserver(ONE, ONE);
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                Reserver.reserveAll(List.of(roomy, full), List.of(ONE, ONE), ReserverTest::noRoom));
    assertEquals("no room at 1", refused.getMessage());
    assertEquals(BigDecimal.ZERO, roomy.reserved());
  }

  @Test
  void nobodySeesAPartOfAReservationInProgress() {
    Reserver[] pair = byIdentity();
    // The other caller lists the second reserver first; it must still wait for the first.
    List<Reserver.Hold> holds =
        whileTheOtherWaits(pair, () -> assertEquals(BigDecimal.ZERO, pair[1].reserved()));
    assertEquals(2, holds.size());
    assertEquals(ONE, pair[1].reserved());
    assertEquals(ONE, pair[0].reserved());
  }

  @Test
  void twoCallersReservingTheSameCeilingsInOppositeOrdersDoNotDeadlock() {
    Reserver[] pair = byIdentity();
    // The other caller takes no lock before the first reserver is free, so this caller, holding
    // it, takes the second and finishes.
    List<Reserver.Hold> holds =
        whileTheOtherWaits(pair, () -> assertEquals(2, reserve(List.of(pair[0], pair[1])).size()));
    assertEquals(2, holds.size());
    assertEquals(TWO, pair[0].reserved());
    assertEquals(TWO, pair[1].reserved());
  }

  /**
   * Holds {@code pair[0]}'s monitor while another caller reserves {@code (pair[1], pair[0])} and
   * blocks, runs {@code whileBlocked}, then lets the other caller finish and returns its holds.
   */
  private static List<Reserver.Hold> whileTheOtherWaits(Reserver[] pair, Runnable whileBlocked) {
    Caller other = new Caller(() -> reserve(List.of(pair[1], pair[0])));
    synchronized (pair[0]) {
      other.start();
      other.awaitBlocked();
      whileBlocked.run();
    }
    return other.holds();
  }

  @Test
  void ceilingsWhoseIdentityHashesCollideAreStillReservedTogether() {
    Reserver[] twins = collidingPair();
    List<Reserver.Hold> holds =
        Reserver.reserveAll(List.of(twins[0], twins[1]), List.of(ONE, TWO), ReserverTest::noRoom);
    assertEquals(List.of(ONE, TWO), holds.stream().map(Reserver.Hold::amount).toList());
    assertEquals(ONE, twins[0].reserved());
    assertEquals(TWO, twins[1].reserved());
  }

  private static List<Reserver.Hold> reserve(List<Reserver> reservers) {
    List<BigDecimal> amounts = reservers.stream().map(r -> ONE).toList();
    return Reserver.reserveAll(reservers, amounts, ReserverTest::noRoom);
  }

  /** Two reservers, the one with the lower identity hash first. */
  private static Reserver[] byIdentity() {
    Reserver a = new Reserver(TWO, BigDecimal.ZERO);
    Reserver b = new Reserver(TWO, BigDecimal.ZERO);
    int order = Integer.compare(System.identityHashCode(a), System.identityHashCode(b));
    return order == 0 ? byIdentity() : order < 0 ? new Reserver[] {a, b} : new Reserver[] {b, a};
  }

  /** Makes reservers until two share an identity hash (a few tens of thousands, in practice). */
  private static Reserver[] collidingPair() {
    Map<Integer, Reserver> seen = new HashMap<>();
    while (true) {
      Reserver reserver = new Reserver(TWO, BigDecimal.ZERO);
      Reserver twin = seen.putIfAbsent(System.identityHashCode(reserver), reserver);
      if (twin != null) {
        return new Reserver[] {twin, reserver};
      }
    }
  }

  private static IllegalStateException noRoom(int index) {
    return new IllegalStateException("no room at " + index);
  }

  /** A caller in its own (daemon) thread; a deadlocked one does not keep the test JVM alive. */
  private static final class Caller extends Thread {
    private final CompletableFuture<List<Reserver.Hold>> result = new CompletableFuture<>();
    private final Supplier<List<Reserver.Hold>> call;

    Caller(Supplier<List<Reserver.Hold>> call) {
      this.call = call;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        result.complete(call.get());
      } catch (RuntimeException | AssertionError e) {
        result.completeExceptionally(e);
      }
    }

    /** Waits until this caller is blocked on a monitor; fails if it finishes instead. */
    void awaitBlocked() {
      while (getState() != Thread.State.BLOCKED) {
        if (result.isDone()) {
          fail("the caller finished instead of waiting for the held reserver");
        }
        Thread.onSpinWait();
      }
    }

    List<Reserver.Hold> holds() {
      try {
        return result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AssertionError failed) {
          throw failed;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
