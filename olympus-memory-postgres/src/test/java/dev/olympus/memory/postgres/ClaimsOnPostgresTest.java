package dev.olympus.memory.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.Lease;
import dev.olympus.memory.LeaseLostException;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.postgres.internal.TestPostgres;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lease claims on PostgreSQL lock rows ({@code SELECT ... FOR NO KEY UPDATE SKIP LOCKED} and one
 * conditional upsert) instead of the store-wide write lock: a claimer in the middle of its
 * transaction holds up neither another claimer nor is held up by a long write, and many claimers in
 * threads of several pools never claim one plan twice or hand out one token twice. Whether a call
 * waits is read from {@code pg_locks} (a lock not granted), not from timing.
 */
@ExtendWith(TestPostgres.Resolver.class)
class ClaimsOnPostgresTest {
  private static final Duration TTL = Duration.ofMinutes(10);
  private static final Set<PlanState> WAITING = EnumSet.of(PlanState.QUEUED, PlanState.RUNNING);

  private TestPostgres server;
  private String url;

  @BeforeEach
  void schema(TestPostgres server) {
    this.server = server;
    url = server.freshSchema();
  }

  private MemoryStore open() {
    return PostgresMemoryStore.builder()
        .url(url)
        .user(server.user())
        .password(server.password())
        .build();
  }

  private Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(url, server.user(), server.password());
    connection.setAutoCommit(false);
    return connection;
  }

  @Test
  void aClaimerInTheMiddleOfItsTransactionDoesNotHoldUpAnotherClaimer() throws Exception {
    try (MemoryStore store = open();
        Connection first = connect();
        Statement claimer = first.createStatement()) {
      Fixtures.queue(store, "p1", Fixtures.T0);
      Fixtures.queue(store, "p2", Fixtures.T0.plusSeconds(1));
      // The first claimer has chosen p1, locked its row and written its lease, not yet committed.
      claimer.executeQuery(
          "SELECT plan_id FROM checkpoints WHERE plan_id = 'p1' FOR NO KEY UPDATE SKIP LOCKED");
      claimer.executeUpdate(
          "INSERT INTO leases(resource, owner, token, expires_ms)"
              + " VALUES ('plan/p1', 'first', 1, 9000000000000)");

      Lease second = unblocked(() -> store.leases().claimNextPlan(WAITING, "second", TTL)).get();
      assertEquals("plan/p2", second.resource());
      assertEquals(
          Optional.empty(), unblocked(() -> store.leases().claimNextPlan(WAITING, "b", TTL)));

      first.rollback(); // the first claimer failed: p1 is free again
      assertEquals(
          "plan/p1", store.leases().claimNextPlan(WAITING, "third", TTL).orElseThrow().resource());
    }
  }

  @Test
  void claimsAreNotHeldUpByTheStoresSerializedWritesWhichAre() throws Exception {
    try (MemoryStore store = open();
        Connection writer = connect();
        Statement statement = writer.createStatement()) {
      Fixtures.queue(store, "p1", Fixtures.T0);
      // Another process is in the middle of a write (an event batch, a checkpoint update).
      statement.executeQuery(
          "SELECT pg_advisory_xact_lock(" + Long.toString(0x4f6c796d707573L) + ")");

      assertEquals(
          "plan/p1",
          unblocked(() -> store.leases().claimNextPlan(WAITING, "a", TTL))
              .orElseThrow()
              .resource());
      assertTrue(unblocked(() -> store.leases().claim("chat/c1", "a", TTL)).isPresent());
      // The same probe sees a serialized write wait, so it does detect waiting.
      CompletableFuture<?> append =
          CompletableFuture.runAsync(
              () ->
                  store
                      .events()
                      .append(
                          PlanEvent.planState(
                              "p1", PlanState.QUEUED, PlanState.RUNNING, Fixtures.T0)));
      assertTrue(waitsOnALock(append), "an append did not wait for the store-wide write lock");
      writer.rollback();
      append.get(1, TimeUnit.MINUTES);
    }
  }

  @Test
  void claimersInThreadsOfThreePoolsNeverClaimAPlanTwice() throws Exception {
    int plans = 150;
    int threads = 9;
    List<MemoryStore> stores = List.of(open(), open(), open());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int i = 0; i < plans; i++) {
        Fixtures.queue(stores.get(0), "q" + i, Fixtures.T0.plusMillis(i));
      }
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<List<Lease>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        MemoryStore store = stores.get(t % stores.size());
        String owner = "worker-" + t;
        boolean plain = t % 3 == 2; // some race the queue with plain claims of random plans
        results.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return plain ? claimAtRandom(store, owner, plans) : drain(store, owner);
                }));
      }
      Set<String> claimed = new HashSet<>();
      for (Future<List<Lease>> result : results) {
        for (Lease lease : result.get(2, TimeUnit.MINUTES)) {
          assertTrue(claimed.add(lease.resource()), "claimed twice: " + lease);
          assertEquals(1, lease.token(), lease.toString());
          assertEquals(Optional.of(lease), stores.get(1).leases().holder(lease.resource()));
        }
      }
      assertEquals(plans, claimed.size());
    } finally {
      pool.shutdownNow();
      stores.forEach(MemoryStore::close);
    }
  }

  @Test
  void tokensOfOneResourceClaimedAndReleasedByManyThreadsAreNeverHandedOutTwice() throws Exception {
    int threads = 6;
    int rounds = 40;
    List<MemoryStore> stores = List.of(open(), open(), open());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        MemoryStore store = stores.get(t % stores.size());
        String owner = "owner-" + t;
        results.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  List<Long> tokens = new ArrayList<>();
                  for (int r = 0; r < rounds; r++) {
                    Optional<Lease> lease = store.leases().claim("plan/hot", owner, TTL);
                    if (lease.isPresent()) {
                      tokens.add(lease.get().token());
                      assertTrue(store.leases().release(lease.get()), lease.get().toString());
                    }
                  }
                  return tokens;
                }));
      }
      Set<Long> tokens = new HashSet<>();
      for (Future<List<Long>> result : results) {
        List<Long> mine = result.get(2, TimeUnit.MINUTES);
        for (int i = 1; i < mine.size(); i++) {
          assertTrue(mine.get(i) > mine.get(i - 1), "tokens went back: " + mine);
        }
        for (long token : mine) {
          assertTrue(tokens.add(token), "token " + token + " handed out twice");
        }
      }
      assertFalse(tokens.isEmpty());
      assertEquals(tokens.size(), tokens.stream().mapToLong(Long::longValue).max().orElseThrow());
    } finally {
      pool.shutdownNow();
      stores.forEach(MemoryStore::close);
    }
  }

  @Test
  void fencedUpdatesRacingClaimsOfLapsingPlansNeitherDeadlockNorFail() throws Exception {
    int threads = 6;
    Duration lapsing = Duration.ofMillis(1); // every lease lapses at once: claims race updates
    List<MemoryStore> stores = List.of(open(), open());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int i = 0; i < 4; i++) {
        Fixtures.queue(stores.get(0), "p" + i, Fixtures.T0.plusMillis(i));
      }
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        MemoryStore store = stores.get(t % stores.size());
        String owner = "worker-" + t;
        results.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  int written = 0;
                  for (int round = 0; round < 60; round++) {
                    Optional<Lease> lease = store.leases().claimNextPlan(WAITING, owner, lapsing);
                    if (lease.isPresent() && fencedUpdate(store, lease.get())) {
                      written++;
                    }
                  }
                  return written;
                }));
      }
      int written = 0;
      for (Future<Integer> result : results) {
        written += result.get(2, TimeUnit.MINUTES); // a deadlock would fail a call with 40P01
      }
      assertTrue(written > 0, "no fenced update was written");
      assertTrue(stores.get(1).events().verify().intact());
      assertEquals(written, stores.get(1).events().lastSeq());
    } finally {
      pool.shutdownNow();
      stores.forEach(MemoryStore::close);
    }
  }

  private static boolean fencedUpdate(MemoryStore store, Lease lease) {
    String planId = lease.resource().substring("plan/".length());
    try {
      store
          .checkpoints()
          .update(
              lease,
              planId,
              PlanState.RUNNING,
              Map.of(),
              List.of(
                  PlanEvent.planState(planId, PlanState.QUEUED, PlanState.RUNNING, Fixtures.T0)),
              Instant.now());
      return true;
    } catch (LeaseLostException e) {
      return false; // claimed by another since: refused, nothing written
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

  // Each plan once, in a random order (a second claim by the same owner would renew its lease).
  private static List<Lease> claimAtRandom(MemoryStore store, String owner, int plans) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, plans).boxed().toList());
    Collections.shuffle(order);
    List<Lease> mine = new ArrayList<>();
    for (int plan : order) {
      store.leases().claim("plan/q" + plan, owner, TTL).ifPresent(mine::add);
    }
    return mine;
  }

  /** Runs {@code call} on another thread and returns its result, failing if it waits on a lock. */
  private <T> T unblocked(Supplier<T> call) throws Exception {
    CompletableFuture<T> result = CompletableFuture.supplyAsync(call);
    assertFalse(waitsOnALock(result), "the call waited on a lock");
    return result.get();
  }

  /**
   * Watches {@code call} until it either completes (false) or the server shows a lock it waits for
   * (true): no test here holds a lock anyone else waits for, so a lock not granted is the call's.
   */
  private boolean waitsOnALock(Future<?> call) throws SQLException, InterruptedException {
    try (Connection probe = DriverManager.getConnection(url, server.user(), server.password());
        Statement statement = probe.createStatement()) {
      while (!call.isDone()) {
        try (ResultSet rs =
            statement.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return true;
          }
        }
        Thread.sleep(1);
      }
      return false;
    }
  }
}
