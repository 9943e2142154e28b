package dev.olympus.memory.contract;

import static dev.olympus.memory.contract.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.ChainBrokenException;
import dev.olympus.memory.ChainVerification;
import dev.olympus.memory.Layer;
import dev.olympus.memory.LimitExceededException;
import dev.olympus.memory.MemoryLimits;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Part of the MemoryStore contract (the event log and its chain); see {@link StoreContract}. */
public abstract class EventsContract extends StoreContract {

  @Test
  void appendsReadsByPlanAndSinceInOrder() {
    try (MemoryStore store = options().build()) {
      StoredEvent first = store.events().append(event("p1", 1));
      store.events().appendAll(List.of(event("p2", 2), event("p1", 3)));
      assertEquals(1, first.seq());
      assertEquals("0".repeat(64), first.prevHash());
      List<StoredEvent> p1 = store.events().byPlan("p1");
      assertEquals(List.of(1L, 3L), p1.stream().map(StoredEvent::seq).toList());
      assertEquals(event("p1", 3), p1.get(1).event());
      assertEquals(
          List.of(2L, 3L), store.events().since(1, 10).stream().map(StoredEvent::seq).toList());
      assertEquals(3, store.events().lastSeq());
      assertTrue(store.events().verify().intact());
    }
  }

  @Test
  void chainSurvivesReopen() {
    try (MemoryStore store = options().build()) {
      store.events().append(event("p", 1));
    }
    try (MemoryStore store = options().build()) {
      StoredEvent second = store.events().append(event("p", 2));
      assertEquals(2, second.seq());
      assertEquals(store.events().byPlan("p").get(0).hash(), second.prevHash());
      assertEquals(new ChainVerification.Intact(2, store.events().head()), store.events().verify());
    }
  }

  @Test
  void failedBatchWritesNothing() {
    try (MemoryStore store = options().limits(new MemoryLimits(512, 300, 1000, 100, 10)).build()) {
      PlanEvent huge = event("p", 2).withCorrelation("x".repeat(400));
      var e =
          assertThrows(
              LimitExceededException.class,
              () -> store.events().appendAll(List.of(event("p", 1), huge)));
      assertTrue(e.getMessage().contains("event JSON"), e.getMessage());
      assertEquals(0, store.events().lastSeq());
      List<PlanEvent> tooMany = IntStream.range(0, 101).mapToObj(i -> event("p", i)).toList();
      assertThrows(LimitExceededException.class, () -> store.events().appendAll(tooMany));
      assertEquals(0, store.events().lastSeq());
    }
  }

  @Test
  void eventsMentioningTheSubjectAsAValueAreRedacted() {
    try (MemoryStore store = options().build()) {
      var data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      data.put("file", "diary.txt");
      store.events().append(PlanEvent.of("p", "fs.read", Fixtures.T0).withData(data));
      store.events().append(event("p", 2)); // "note" key, no mention
      assertEquals(1, store.forget("diary.txt").removed().get(Layer.EVENTS));
      assertEquals(0, store.forget("note").removed().get(Layer.EVENTS)); // a key, not a value
      assertTrue(store.events().verify().intact());
    }
  }

  // A host's event of the tombstone's kind was never redacted by forget (tombstones are kept), and
  // the verifier took its redactedSeqs as the store's word; one of the redacted kind read as
  // redacted. Both kinds are the store's own.
  @Test
  void eventsOfTheKindsTheStoreReservesAreRefusedAndWriteNothing() {
    try (MemoryStore store = options().build()) {
      var data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      data.put("email", "alice@example.org").putArray("redactedSeqs").add(1);
      for (String kind : List.of(StoredEvent.FORGET, StoredEvent.REDACTED)) {
        PlanEvent reserved = PlanEvent.of("p", kind, Fixtures.T0).withData(data);
        var refused =
            assertThrows(
                IllegalArgumentException.class,
                () -> store.events().appendAll(List.of(event("p", 1), reserved)));
        assertTrue(refused.getMessage().contains(kind), refused.getMessage());
        Fixtures.queue(store, "p", Fixtures.T0);
        assertThrows(
            IllegalArgumentException.class,
            () ->
                store
                    .checkpoints()
                    .update(
                        "p",
                        dev.olympus.plan.PlanState.RUNNING,
                        java.util.Map.of(),
                        List.of(reserved),
                        Fixtures.T0));
      }
      assertEquals(0, store.events().lastSeq());
      store.events().append(PlanEvent.of("p", "chat.message", Fixtures.T0).withData(data));
      assertEquals(1, store.forget("alice@example.org").removed().get(Layer.EVENTS));
      assertTrue(store.events().verify().intact());
    }
  }

  @Test
  void rejectsNullAndBadLimits() {
    try (MemoryStore store = options().build()) {
      assertThrows(NullPointerException.class, () -> store.events().append(null));
      List<PlanEvent> withNull = new ArrayList<>();
      withNull.add(null);
      assertThrows(NullPointerException.class, () -> store.events().appendAll(withNull));
      assertThrows(IllegalArgumentException.class, () -> store.events().since(0, 0));
    }
  }

  @Test
  void aKeyedChainIsSignedAndAnotherKeyFindsTheSignatureWrong() {
    try (MemoryStore store = options().hmacKey(key("0123456789abcdef")).build()) {
      store.events().append(event("p", 1));
      assertTrue(store.events().head().signature().isPresent());
      assertTrue(store.events().verify().intact());
    }
    try (MemoryStore store = options().hmacKey(key("fedcba9876543210")).build()) {
      assertFalse(store.events().verify().intact());
      assertThrows(ChainBrokenException.class, () -> store.events().append(event("p", 2)));
      assertEquals(1, store.events().lastSeq());
    }
  }

  private static byte[] key(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void appendsFromTwoStoresAtOnceFormOneGapFreeChain() throws Exception {
    try (MemoryStore a = options().build();
        MemoryStore b = options().build()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        MemoryStore store = t % 2 == 0 ? a : b;
        String plan = "p" + t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25; i++) {
                    store.events().append(event(plan, i));
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      List<StoredEvent> all = a.events().since(0, 1000);
      assertEquals(
          LongStream.rangeClosed(1, 100).boxed().toList(),
          all.stream().map(StoredEvent::seq).toList());
      assertEquals(new ChainVerification.Intact(100, b.events().head()), b.events().verify());
    }
  }
}
