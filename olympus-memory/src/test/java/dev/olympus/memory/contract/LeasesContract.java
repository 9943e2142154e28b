package dev.olympus.memory.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.memory.ChainHead;
import dev.olympus.memory.Lease;
import dev.olympus.memory.LeaseLostException;
import dev.olympus.memory.Leases;
import dev.olympus.memory.LimitExceededException;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepStatus;
import dev.olympus.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
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

  protected final SettableClock clock = SettableClock.at(Fixtures.T0);

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

  private static final String CHAT = "chat/talk";

  @Test
  void aFencedAppendByTheCurrentHolderIsWritten() {
    try (MemoryStore store = open(clock)) {
      Lease a = store.leases().claim(CHAT, "a", TTL).orElseThrow();
      clock.advance(TTL.plusSeconds(1)); // lapsed, but no one claimed it: still current
      StoredEvent first = store.events().append(a, Fixtures.event("talk", 1));
      List<StoredEvent> more =
          store
              .events()
              .appendAll(a, List.of(Fixtures.event("talk", 2), Fixtures.event("talk", 3)));
      assertEquals(List.of(1L, 2L, 3L), seqs(List.of(first, more.get(0), more.get(1))));
      assertEquals(List.of(1, 2, 3), numbers(store));
      assertTrue(store.events().verify().intact());
    }
  }

  @Test
  void aFencedAppendByAFormerHolderIsRefusedAndAppendsNothing() {
    try (MemoryStore store = open(clock)) {
      Lease a = store.leases().claim(CHAT, "a", TTL).orElseThrow();
      store.events().append(a, Fixtures.event("talk", 1));
      ChainHead head = store.events().head();
      clock.advance(TTL);
      Lease b = store.leases().claim(CHAT, "b", TTL).orElseThrow();
      var e =
          assertThrows(
              LeaseLostException.class,
              () ->
                  store
                      .events()
                      .appendAll(a, List.of(Fixtures.event("talk", 2), Fixtures.event("talk", 3))));
      assertTrue(e.getMessage().contains(CHAT), e.getMessage());
      assertThrows(
          LeaseLostException.class, () -> store.events().append(a, Fixtures.event("talk", 2)));
      assertEquals(head, store.events().head());
      store.events().append(b, Fixtures.event("talk", 4));
      assertEquals(List.of(1, 4), numbers(store));
    }
  }

  @Test
  void aFencedAppendUnderAReleasedOrForeignLeaseIsRefused() {
    try (MemoryStore store = open(clock)) {
      Lease a = store.leases().claim(CHAT, "a", TTL).orElseThrow();
      Lease forged = new Lease(CHAT, "b", a.token(), a.expiresAt());
      Lease unknown = new Lease("chat/never-claimed", "a", 1, a.expiresAt());
      for (Lease refused : List.of(forged, unknown)) {
        assertThrows(
            LeaseLostException.class, () -> store.events().append(refused, Fixtures.event("t", 1)));
      }
      assertTrue(store.leases().release(a));
      assertThrows(
          LeaseLostException.class,
          () -> store.events().appendAll(a, List.of(Fixtures.event("talk", 1))));
      assertEquals(0, store.events().lastSeq());
    }
  }

  // Leases of a millisecond lapse at once, so claims race the appends of the owners they take the
  // resource from: a fenced append either commits before the claim (and the new owner reads it) or
  // is refused.
  @Test
  void aNewOwnerReadsEveryEventAppendedUnderAnOlderLease() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (MemoryStore first = open(Clock.systemUTC());
        MemoryStore second = open(Clock.systemUTC())) {
      List<List<long[]>> claims =
          together(pool, threads, t -> claimReadAppend(t % 2 == 0 ? first : second, "o" + t));
      List<Long> logged = tokens(first);
      assertFalse(logged.isEmpty(), "no fenced append was written");
      assertEquals(logged.stream().sorted().toList(), logged, "a token went back in the log");
      for (List<long[]> mine : claims) {
        for (long[] claim : mine) {
          long older = logged.stream().filter(token -> token < claim[0]).count();
          assertEquals(older, claim[1], "events of older leases read by token " + claim[0]);
        }
      }
      assertTrue(first.events().verify().intact());
    } finally {
      pool.shutdownNow();
    }
  }

  // Each round claims, reads the log and appends an event under the lease; returns for each claim
  // its token and how many events of older leases it read.
  private static List<long[]> claimReadAppend(MemoryStore store, String owner) {
    List<long[]> claims = new ArrayList<>();
    for (int round = 0; round < 40; round++) {
      Optional<Lease> lease = store.leases().claim(CHAT, owner, Duration.ofMillis(1));
      if (lease.isPresent()) {
        long token = lease.get().token();
        claims.add(new long[] {token, tokens(store).stream().filter(t -> t < token).count()});
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("token", token);
        try {
          store
              .events()
              .append(lease.get(), PlanEvent.of("talk", "test.event", Fixtures.T0).withData(data));
        } catch (LeaseLostException e) {
          // claimed by another since: refused, nothing appended
        }
      }
    }
    return claims;
  }

  private static List<Long> tokens(MemoryStore store) {
    return store.events().byPlan("talk").stream()
        .map(e -> e.event().data().path("token").asLong())
        .toList();
  }

  private static List<Long> seqs(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::seq).toList();
  }

  private static List<Integer> numbers(MemoryStore store) {
    return store.events().byPlan("talk").stream()
        .map(e -> e.event().data().path("n").asInt())
        .toList();
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
        List<Lease> won = new ArrayList<>();
        for (Optional<Lease> claim :
            together(
                pool,
                threads,
                t -> (t % 2 == 0 ? first : second).leases().claim(resource, "owner-" + t, TTL))) {
          claim.ifPresent(won::add);
        }
        assertEquals(1, won.size(), won.toString());
        assertEquals(Optional.of(won.get(0)), first.leases().holder(resource));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static final Set<PlanState> WAITING = EnumSet.of(PlanState.QUEUED, PlanState.RUNNING);

  @Test
  void claimNextPlanTakesTheOldestFreePlanThenLapsedAndReleasedOnes() {
    try (MemoryStore store = open(clock)) {
      Leases leases = store.leases();
      assertEquals(Optional.empty(), leases.claimNextPlan(WAITING, "a", TTL));
      Fixtures.queue(store, "p2", Fixtures.T0.plusSeconds(2));
      Fixtures.queue(store, "p1", Fixtures.T0.plusSeconds(1));
      Fixtures.queue(store, "p3", Fixtures.T0.plusSeconds(3));
      store.checkpoints().save(PlanSnapshot.initial(Fixtures.plan("draft"), Fixtures.T0));
      Lease held = leases.claim("plan/p1", "x", TTL).orElseThrow();
      Lease p2 = leases.claimNextPlan(WAITING, "a", TTL).orElseThrow();
      assertEquals(new Lease("plan/p2", "a", 1, Fixtures.T0.plus(TTL)), p2);
      Lease p3 = leases.claimNextPlan(WAITING, "a", TTL).orElseThrow();
      assertEquals("plan/p3", p3.resource());
      assertEquals(Optional.empty(), leases.claimNextPlan(WAITING, "b", TTL));
      assertEquals(Optional.empty(), leases.claimNextPlan(EnumSet.of(PlanState.PAUSED), "b", TTL));
      assertTrue(leases.release(p3));
      assertEquals(
          new Lease("plan/p3", "b", 2, Fixtures.T0.plus(TTL)),
          leases.claimNextPlan(WAITING, "b", TTL).orElseThrow());
      clock.advance(TTL);
      leases.renew("a", TTL); // lapsed but unclaimed: renewing keeps p2 a's and p3 b's
      leases.renew("b", TTL);
      Lease lapsed = leases.claimNextPlan(WAITING, "c", TTL).orElseThrow();
      assertEquals(new Lease("plan/p1", "c", held.token() + 1, clock.instant().plus(TTL)), lapsed);
      assertEquals(Optional.empty(), leases.claimNextPlan(WAITING, "c", TTL));
      assertEquals(
          "plan/draft",
          leases.claimNextPlan(EnumSet.of(PlanState.DRAFT), "c", TTL).orElseThrow().resource());
      assertThrows(NullPointerException.class, () -> leases.claimNextPlan(null, "a", TTL));
      assertThrows(IllegalArgumentException.class, () -> leases.claimNextPlan(WAITING, " ", TTL));
      assertThrows(
          IllegalArgumentException.class, () -> leases.claimNextPlan(WAITING, "a", Duration.ZERO));
    }
  }

  @Test
  void manyThreadsOnTwoStoresClaimingNextPlansNeverClaimOneTwice() throws Exception {
    int threads = 8;
    int plans = 60;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (MemoryStore first = open(clock);
        MemoryStore second = open(clock)) {
      for (int i = 0; i < plans; i++) {
        Fixtures.queue(first, "q" + i, Fixtures.T0.plusMillis(i));
      }
      List<List<Lease>> drained =
          together(pool, threads, t -> drain(t % 2 == 0 ? first : second, "worker-" + t));
      Set<String> claimed = new HashSet<>();
      for (List<Lease> mine : drained) {
        for (Lease lease : mine) {
          assertTrue(claimed.add(lease.resource()), "claimed twice: " + lease);
          assertEquals(1, lease.token(), lease.toString());
          assertEquals(Optional.of(lease), first.leases().holder(lease.resource()));
        }
      }
      assertEquals(plans, claimed.size());
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Lease> drain(MemoryStore store, String owner) {
    List<Lease> mine = new ArrayList<>();
    for (Optional<Lease> next = store.leases().claimNextPlan(WAITING, owner, TTL);
        next.isPresent();
        next = store.leases().claimNextPlan(WAITING, owner, TTL)) {
      mine.add(next.get());
    }
    return mine;
  }

  /** Runs {@code task} for threads 0 to {@code threads - 1}, all released at once. */
  private static <T> List<T> together(ExecutorService pool, int threads, IntFunction<T> task)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<T>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                start.await(30, TimeUnit.SECONDS);
                return task.apply(thread);
              }));
    }
    List<T> all = new ArrayList<>();
    for (Future<T> result : results) {
      all.add(result.get(120, TimeUnit.SECONDS));
    }
    return all;
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
      Lease lease = leases.claim(CHAT, "a", TTL).orElseThrow();
      assertThrows(
          NullPointerException.class, () -> store.events().append(null, Fixtures.event("t", 1)));
      assertThrows(NullPointerException.class, () -> store.events().append(lease, null));
      assertThrows(NullPointerException.class, () -> store.events().appendAll(lease, null));
      assertEquals(Optional.empty(), leases.holder(PLAN));
      assertEquals(0, store.events().lastSeq());
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
