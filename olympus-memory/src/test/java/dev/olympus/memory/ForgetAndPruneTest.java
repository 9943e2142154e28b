package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.contract.Fixtures;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What forget and prune report, leave behind and record, layer by layer. */
class ForgetAndPruneTest {
  private static final String REPORT =
      "Quarterly revenue grew by twelve percent. The budget overrun came from cloud costs.\n\n"
          + "The team shipped the memory module. Retrieval now cites its sources.";

  @TempDir Path dir;
  private final SettableClock clock = SettableClock.at(Fixtures.T0);

  private MemoryStore open(RetentionPolicy retention) {
    return SqliteMemoryStore.builder()
        .path(dir.resolve("store.db"))
        .clock(clock)
        .retention(retention)
        .chunker(new ChunkerOptions(64, 16))
        .embedder(ForgetAndPruneTest::embed)
        .build();
  }

  // One dimension per letter a..h: how often it occurs.
  private static List<float[]> embed(List<String> texts) {
    List<float[]> vectors = new ArrayList<>();
    for (String text : texts) {
      float[] v = new float[8];
      text.chars().filter(c -> c >= 'a' && c <= 'h').forEach(c -> v[c - 'a']++);
      v[0] += 1; // never the zero vector
      vectors.add(v);
    }
    return vectors;
  }

  @Test
  void forgetCountsEachLayerAndItsTombstoneRecordsTheSameWithoutTheSubject() throws Exception {
    String s = "report.txt";
    try (MemoryStore store = open(RetentionPolicy.keepAll())) {
      store.events().append(withPath(Fixtures.event("p", 1), s));
      store.events().append(Fixtures.event("p", 2));
      store.events().append(withPath(Fixtures.event("p", 3), s));
      assertTrue(store.documents().ingest(s, REPORT, Map.of()).chunks() > 1);
      store.documents().ingest("other.txt", "unrelated words", Map.of());
      store
          .facts()
          .putAll(
              List.of(
                  Fact.of(s, "mentions", "revenue", "chat", Fixtures.T0),
                  Fact.of("revenue", "grew-by", "12%", s, Fixtures.T0),
                  Fact.of("user", "likes", "tea", "chat", Fixtures.T0)));
      store.graph().put(Entity.of(s, "document"));
      store.graph().put(Entity.of("alice", "person"));
      store.graph().relate(Relation.of("alice", "wrote", s));
      store.cache().put("answer-1", "12%", Duration.ofHours(1), Set.of(s), Map.of());
      store.cache().put(s, "cached", Duration.ofHours(1));
      store.cache().put("answer-2", "kept", Duration.ofHours(1));
      Fixtures.queue(store, s, Fixtures.T0);
      Fixtures.queue(store, "other-plan", Fixtures.T0);
      assertTrue(store.cache().get("answer-1").isPresent()); // now in the in-process level too
      float[] query = embed(List.of(REPORT)).get(0);
      assertEquals(s, store.documents().nearest(query, 1, Map.of()).get(0).citation().sourceId());
      clock.advance(Duration.ofMinutes(5));

      ForgetReport report = store.forget(s);

      Map<Layer, Integer> expected = new EnumMap<>(Layer.class);
      expected.put(Layer.EVENTS, 2);
      expected.put(Layer.CHECKPOINTS, 1);
      expected.put(Layer.CACHE, 2);
      expected.put(Layer.FACTS, 2);
      expected.put(Layer.GRAPH, 2); // the entity and the relation that touched it
      expected.put(Layer.DOCUMENTS, 1); // one document, however many chunks it had
      assertEquals(expected, report.removed());
      List<StoredEvent> events = store.events().since(0, 10);
      assertEquals(4, events.size());
      StoredEvent tombstone = events.get(3);
      assertEquals(report.tombstoneSeq(), tombstone.seq());
      assertEquals(StoredEvent.FORGET, tombstone.event().kind());
      assertEquals(clock.instant(), tombstone.event().timestamp());
      JsonNode data = tombstone.event().data();
      assertEquals(sha256(s), data.get("subjectSha256").asText());
      assertFalse(data.toString().contains(s), data.toString());
      assertEquals(
          List.of(events.get(0).seq(), events.get(2).seq()), longs(data.get("redactedSeqs")));
      expected.forEach(
          (layer, n) ->
              assertEquals(
                  n,
                  data.get("removed").get(layer.name().toLowerCase(Locale.ROOT)).asInt(),
                  layer::name));
      assertTrue(store.events().verify().intact());

      assertFalse(store.cache().get("answer-1").isPresent());
      assertEquals(
          "other.txt", store.documents().nearest(query, 1, Map.of()).get(0).citation().sourceId());
      assertEquals(1, store.documents().chunks("other.txt").size());
      assertEquals(1, store.facts().bySubject("user").size());
      assertTrue(store.graph().entity("alice").isPresent());
      assertTrue(store.cache().get("answer-2").isPresent());
      assertTrue(store.checkpoints().load("other-plan").isPresent());
      assertFalse(store.checkpoints().load(s).isPresent());
    }
  }

  @Test
  void pruneRemovesWhatIsOlderThanEachLayersAgeAndKeepsTheRest() {
    Duration day = Duration.ofDays(1);
    RetentionPolicy policy = RetentionPolicy.keepAll();
    for (Layer layer : Layer.values()) {
      policy = policy.withMaxAge(layer, day);
    }
    try (MemoryStore store = open(policy)) {
      addOneOfEach(store, "old", Fixtures.T0);
      clock.advance(Duration.ofDays(2));
      Instant now = clock.instant();
      addOneOfEach(store, "new", now);
      float[] oldVector = embed(List.of("old cached text")).get(0);
      assertEquals(
          "old", store.documents().nearest(oldVector, 1, Map.of()).get(0).citation().sourceId());
      assertTrue(store.cache().get("old").isPresent()); // now in the in-process level too

      PruneReport report = store.prune(now);

      for (Layer layer : Layer.values()) {
        assertEquals(1, report.removed(layer), layer::name);
      }
      assertEquals(1, store.events().since(0, 10).size());
      assertTrue(store.events().verify().intact());
      assertFalse(store.checkpoints().load("old").isPresent());
      assertTrue(store.checkpoints().load("new").isPresent());
      assertFalse(store.cache().get("old").isPresent());
      assertTrue(store.cache().get("new").isPresent());
      assertTrue(store.facts().bySubject("old").isEmpty());
      assertEquals(1, store.facts().bySubject("new").size());
      assertFalse(store.graph().entity("old").isPresent());
      assertTrue(store.graph().entity("new").isPresent());
      assertTrue(store.documents().chunks("old").isEmpty());
      assertEquals(
          List.of("new"),
          store.documents().nearest(oldVector, 1, Map.of()).stream()
              .map(h -> h.citation().sourceId())
              .toList());
    }
  }

  @Test
  void pruneCountsTheRelationsThatGoWithAnExpiredEntityAsForgetDoes() {
    RetentionPolicy policy = RetentionPolicy.keepAll().withMaxAge(Layer.GRAPH, Duration.ofDays(1));
    try (MemoryStore store = open(policy)) {
      store.graph().put(Entity.of("old", "thing"));
      clock.advance(Duration.ofDays(2));
      store.graph().put(Entity.of("new", "thing"));
      store.graph().relate(Relation.of("new", "cites", "old"));

      PruneReport report = store.prune(clock.instant());

      assertEquals(2, report.removed(Layer.GRAPH), "the entity and the relation that touched it");
      assertTrue(store.graph().entity("new").isPresent());
      assertFalse(store.graph().entity("old").isPresent());
    }
  }

  @Test
  void aLayerWithoutAnAgeOrWithAnAgeTooLongToSubtractKeepsEvenAncientRows() {
    Instant ancient = Instant.parse("1950-01-01T00:00:00Z");
    RetentionPolicy policy =
        RetentionPolicy.keepAll()
            .withMaxAge(Layer.GRAPH, Duration.ofSeconds(Long.MAX_VALUE))
            .withMaxAge(Layer.DOCUMENTS, Duration.ofSeconds(Long.MAX_VALUE / 1000 - 1));
    clock.set(ancient);
    try (MemoryStore store = open(policy)) {
      addOneOfEach(store, "old", ancient);
      clock.set(Fixtures.T0);

      PruneReport report = store.prune(Instant.parse("1900-01-01T00:00:00Z"));

      for (Layer layer : Layer.values()) {
        assertEquals(0, report.removed(layer), layer::name);
      }
      assertEquals(1, store.events().since(0, 10).size());
      assertTrue(store.checkpoints().load("old").isPresent());
      assertEquals(1, store.facts().bySubject("old").size());
      assertTrue(store.graph().entity("old").isPresent());
      assertEquals(1, store.documents().chunks("old").size());
    }
  }

  // An event, a cancelled plan, a cache entry, a fact, an entity and a document, all named
  // {@code name} and created at {@code at} (the clock must show {@code at} too).
  private void addOneOfEach(MemoryStore store, String name, Instant at) {
    store
        .events()
        .append(
            new PlanEvent(
                name,
                Optional.empty(),
                "c",
                at,
                "test.event",
                JsonNodeFactory.instance.objectNode()));
    PlanSnapshot initial = PlanSnapshot.initial(Fixtures.plan(name), at);
    store
        .checkpoints()
        .save(new PlanSnapshot(initial.plan(), PlanState.CANCELLED, initial.steps(), at));
    store.cache().put(name, "value", Duration.ofDays(30));
    store.facts().put(Fact.of(name, "is", "kept", "chat", at));
    store.graph().put(Entity.of(name, "thing"));
    store.documents().ingest(name, name + " cached text", Map.of());
  }

  private static PlanEvent withPath(PlanEvent event, String path) {
    return event.withData(JsonNodeFactory.instance.objectNode().put("path", path));
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asLong()));
    return values;
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
