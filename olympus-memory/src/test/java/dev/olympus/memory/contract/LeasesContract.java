package dev.olympus.memory.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.olympus.memory.ChainHead;
import dev.olympus.memory.Lease;
import dev.olympus.memory.LeaseLostException;
import dev.olympus.memory.Leases;
import dev.olympus.memory.LimitExceededException;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.contract.Fixtures.TestClock;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Leases} implementation must do, with its store's checkpoints fenced by them. A
 * store implementation subclasses this and says how to open a store on the test's database.
 */
public abstract class LeasesContract {
  protected static final Duration TTL = Duration.ofSeconds(30);
  private static final String PLAN = "plan/p1";

  /**
   * Opens a store with {@code clock} on this test's database: every call within one test reaches
   * the same database, as a second process would.
   */
  protected abstract MemoryStore open(Clock clock);

  protected final TestClock clock = new TestClock(Fixtures.T0);

  /** For subclasses. */
  protected LeasesContract() {}

  @Test
  void aLeaseIsExclusiveUntilItExpiresThenAnotherOwnerGetsALargerToken() {
    try (MemoryStore store = open(clock)) {
      Lease a = store.leases().claim(PLAN, "a", TTL).orElseThrow();
      assertEquals(new Lease(PLAN, "a", 1, Fixtures.T0.plus(TTL)), a);
      assertEquals(Optional.empty(), store.leases().claim(PLAN, "b", TTL));
      assertEquals(Optional.of(a), store.leases().holder(PLAN));
      clock.advance(TTL.minusMillis(1));
      assertEquals(Optional.empty(), store.leases().claim(PLAN, "b", TTL));
      clock.advance(Duration.ofMillis(1));
      assertEquals(Optional.empty(), store.leases().holder(PLAN));
      Lease b = store.leases().claim(PLAN, "b", TTL).orElseThrow();
      assertEquals(2, b.token());
      assertEquals(clock.instant().plus(TTL), b.expiresAt());
      assertEquals(Optional.of(b), store.leases().holder(PLAN));
      assertEquals(Optional.empty(), store.leases().holder("plan/other"));
    }
  }

  @Test
  void theHolderMayClaimAgainAndEveryClaimGetsALargerToken() {
    try (MemoryStore store = open(clock)) {
      long previous = 0;
      for (int i = 0; i < 5; i++) {
        Lease lease = store.leases().claim(PLAN, "a", TTL).orElseThrow();
        assertTrue(lease.token() > previous, lease + " after token " + previous);
        previous = lease.token();
        clock.advance(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void aReleasedLeaseCanBeClaimedAtOnceAndKeepsItsTokenCount() {
    try (MemoryStore store = open(clock)) {
      Lease a = store.leases().claim(PLAN, "a", TTL).orElseThrow();
      assertTrue(store.leases().release(a));
      assertFalse(store.leases().release(a));
      assertEquals(Optional.empty(), store.leases().holder(PLAN));
      Lease b = store.leases().claim(PLAN, "b", TTL).orElseThrow();
      assertEquals(2, b.token());
      assertFalse(store.leases().release(a));
      assertEquals(Optional.of(b), store.leases().holder(PLAN));
    }
  }

  @Test
  void renewalExtendsWhatTheOwnerStillHoldsAndOmitsWhatAnotherClaimed() {
    try (MemoryStore store = open(clock)) {
      Lease kept = store.leases().claim("plan/kept", "a", TTL).orElseThrow();
      store.leases().claim("plan/lost", "a", TTL).orElseThrow();
      clock.advance(TTL.plusSeconds(5));
      Lease taken = store.leases().claim("plan/lost", "b", TTL).orElseThrow();
      Instant later = clock.instant().plus(Duration.ofMinutes(1));
      Map<String, Lease> renewed = store.leases().renew("a", Duration.ofMinutes(1));
      assertEquals(Map.of("plan/kept", new Lease("plan/kept", "a", kept.token(), later)), renewed);
      assertEquals(Optional.of(taken), store.leases().holder("plan/lost"));
      assertEquals(Map.of(), store.leases().renew("nobody", TTL));
      assertEquals(
          later, store.leases().renew("a", Duration.ofSeconds(1)).get("plan/kept").expiresAt());
    }
  }

  @Test
  void aFencedUpdateByTheCurrentHolderIsWritten() {
    try (MemoryStore store = open(clock)) {
      store.checkpoints().save(PlanSnapshot.initial(Fixtures.plan("p1"), Fixtures.T0));
      Lease a = store.leases().claim(PLAN, "a", TTL).orElseThrow();
      clock.advance(TTL.plusSeconds(1)); // lapsed, but no one claimed it: still current
      fencedUpdate(store, a, PlanState.RUNNING);
      assertEquals(PlanState.RUNNING, store.checkpoints().load("p1").orElseThrow().state());
      assertEquals(1, store.events().lastSeq());
    }
  }

  @Test
  void aFencedUpdateByAFormerHolderIsRefusedAndWritesNothing() {
    try (MemoryStore store = open(clock)) {
      store.checkpoints().save(PlanSnapshot.initial(Fixtures.plan("p1"), Fixtures.T0));
      Lease a = store.leases().claim(PLAN, "a", TTL).orElseThrow();
      fencedUpdate(store, a, PlanState.RUNNING);
      PlanSnapshot before = store.checkpoints().load("p1").orElseThrow();
      ChainHead head = store.events().head();
      clock.advance(TTL);
      Lease b = store.leases().claim(PLAN, "b", TTL).orElseThrow();
      var e =
          assertThrows(LeaseLostException.class, () -> fencedUpdate(store, a, PlanState.FAILED));
      assertTrue(e.getMessage().contains(PLAN), e.getMessage());
      assertEquals(before, store.checkpoints().load("p1").orElseThrow());
      assertEquals(head, store.events().head());
      fencedUpdate(store, b, PlanState.PAUSED);
      assertEquals(PlanState.PAUSED, store.checkpoints().load("p1").orElseThrow().state());
    }
  }

  @Test
  void aFencedUpdateUnderAReleasedOrForeignLeaseIsRefused() {
    try (MemoryStore store = open(clock)) {
      store.checkpoints().save(PlanSnapshot.initial(Fixtures.plan("p1"), Fixtures.T0));
      Lease a = store.leases().claim(PLAN, "a", TTL).orElseThrow();
      Lease forged = new Lease(PLAN, "b", a.token(), a.expiresAt());
      assertThrows(LeaseLostException.class, () -> fencedUpdate(store, forged, null));
      Lease unknown = new Lease("plan/never-claimed", "a", 1, a.expiresAt());
      assertThrows(LeaseLostException.class, () -> fencedUpdate(store, unknown, null));
      assertTrue(store.leases().release(a));
      assertThrows(LeaseLostException.class, () -> fencedUpdate(store, a, null));
      assertEquals(PlanState.DRAFT, store.checkpoints().load("p1").orElseThrow().state());
      assertEquals(0, store.events().lastSeq());
    }
  }

  private static void fencedUpdate(MemoryStore store, Lease fence, PlanState to) {
    PlanState state = to == null ? PlanState.RUNNING : to;
    store
        .checkpoints()
        .update(
            fence,
            "p1",
            state,
            Map.of("read", StepStatus.pending()),
            List.of(PlanEvent.planState("p1", PlanState.DRAFT, state, Fixtures.T0)),
            Fixtures.T0.plusSeconds(1));
  }

  @Test
  void twoStoresOnOneDatabaseSeeEachOthersLeases() {
    try (MemoryStore first = open(clock);
        MemoryStore second = open(clock)) {
      Lease a = first.leases().claim(PLAN, "a", TTL).orElseThrow();
      assertEquals(Optional.of(a), second.leases().holder(PLAN));
      assertEquals(Optional.empty(), second.leases().claim(PLAN, "b", TTL));
      assertTrue(first.leases().release(a));
      assertEquals(2, second.leases().claim(PLAN, "b", TTL).orElseThrow().token());
      assertEquals(Map.of(), first.leases().renew("a", TTL));
    }
  }

  @Test
  void ofManyThreadsOnTwoStoresRacingToClaimExactlyOneWins() throws Exception {
    int threads = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (MemoryStore first = open(clock);
        MemoryStore second = open(clock)) {
      for (int round = 0; round < 5; round++) {
        String resource = "plan/race-" + round;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Optional<Lease>>> claims = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          MemoryStore store = t % 2 == 0 ? first : second;
          String owner = "owner-" + t;
          claims.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.leases().claim(resource, owner, TTL);
                  }));
        }
        List<Lease> won = new ArrayList<>();
        for (Future<Optional<Lease>> claim : claims) {
          claim.get(60, TimeUnit.SECONDS).ifPresent(won::add);
        }
        assertEquals(1, won.size(), won.toString());
        assertEquals(Optional.of(won.get(0)), first.leases().holder(resource));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    try (MemoryStore store = open(clock)) {
      Leases leases = store.leases();
      assertThrows(NullPointerException.class, () -> leases.claim(null, "a", TTL));
      var blank = assertThrows(IllegalArgumentException.class, () -> leases.claim(" ", "a", TTL));
      assertTrue(blank.getMessage().contains("resource"), blank.getMessage());
      assertThrows(IllegalArgumentException.class, () -> leases.claim(PLAN, "", TTL));
      var zero =
          assertThrows(
              IllegalArgumentException.class, () -> leases.claim(PLAN, "a", Duration.ZERO));
      assertTrue(zero.getMessage().contains("ttl"), zero.getMessage());
      assertThrows(IllegalArgumentException.class, () -> leases.renew("a", TTL.negated()));
      var tooLong =
          assertThrows(
              LimitExceededException.class, () -> leases.claim("r".repeat(10_000), "a", TTL));
      assertTrue(tooLong.getMessage().contains("resource"), tooLong.getMessage());
      assertThrows(NullPointerException.class, () -> leases.release(null));
      assertThrows(NullPointerException.class, () -> leases.holder(null));
      assertThrows(
          NullPointerException.class,
          () ->
              store
                  .checkpoints()
                  .update(null, "p1", PlanState.RUNNING, Map.of(), List.of(), Fixtures.T0));
      assertEquals(Optional.empty(), leases.holder(PLAN));
    }
  }

  @Test
  void randomClaimsReleasesRenewalsAndWaitsKeepOneLiveHolderAndGrowingTokens() {
    try (MemoryStore store = open(clock)) {
      AtomicInteger run = new AtomicInteger();
      qt().withExamples(80)
          .forAll(lists().of(integers().between(0, LeaseSequence.KINDS - 1)).ofSizeBetween(1, 40))
          .checkAssert(
              ops -> new LeaseSequence(store.leases(), clock, run.incrementAndGet()).apply(ops));
    }
  }
}
