package dev.olympus.memory.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.Counters;
import dev.olympus.memory.Entity;
import dev.olympus.memory.EntityGraph;
import dev.olympus.memory.Fact;
import dev.olympus.memory.GraphPath;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.Relation;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints, facts, the entity graph and counters. Part of the MemoryStore contract; see {@link
 * StoreContract}.
 */
public abstract class LayersContract extends StoreContract {

  @Test
  void checkpointsRoundTripAndListByState() {
    Instant t = Fixtures.T0;
    PlanSnapshot running =
        PlanSnapshot.initial(Fixtures.plan("p1"), t)
            .withState(PlanState.QUEUED, t)
            .withState(PlanState.RUNNING, t);
    running =
        running.withStep(
            "read",
            running
                .step("read")
                .running(t.plusSeconds(1))
                .done(JsonNodeFactory.instance.objectNode().put("content", "hi"), t.plusSeconds(2)),
            t.plusSeconds(2));
    try (MemoryStore store = options().build()) {
      store.checkpoints().save(PlanSnapshot.initial(Fixtures.plan("p0"), t));
      store.checkpoints().save(running);
    }
    try (MemoryStore store = options().build()) {
      PlanSnapshot loaded = store.checkpoints().load("p1").orElseThrow();
      assertEquals(running, loaded);
      assertEquals(StepState.DONE, loaded.step("read").state());
      assertEquals(1, loaded.step("read").attempts());
      assertEquals(
          List.of("p1"),
          store.checkpoints().byState(Set.of(PlanState.RUNNING, PlanState.PAUSED)).stream()
              .map(PlanSnapshot::planId)
              .toList());
      assertEquals(1, store.checkpoints().byState(Set.of(PlanState.DRAFT)).size());
      assertTrue(store.checkpoints().delete("p0"));
      assertEquals(Optional.empty(), store.checkpoints().load("p0"));
    }
  }

  @Test
  void factsByPredicateAndSubjectHonourValidity() {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    try (MemoryStore store = options().clock(clock).build()) {
      Fact tea = Fact.of("user", "likes", "tea", "chat-1", Fixtures.T0);
      Fact temp =
          new Fact(
              "user",
              "located-in",
              "Paris",
              "chat-2",
              0.8,
              Fixtures.T0,
              Optional.of(Fixtures.T0.plusSeconds(60)));
      store
          .facts()
          .putAll(List.of(tea, temp, Fact.of("bob", "likes", "tea", "chat-3", Fixtures.T0)));
      assertEquals(2, store.facts().bySubject("user").size());
      assertEquals(2, store.facts().byPredicate("likes").size());
      clock.advance(Duration.ofMinutes(2));
      assertEquals(List.of(tea), store.facts().bySubject("user"));
      store.facts().put(tea); // same triple: replaced, not duplicated
      assertEquals(1, store.facts().bySubject("user").size());
      assertEquals(2, store.facts().removeSubject("user"));
      assertThrows(
          IllegalArgumentException.class,
          () -> store.facts().put(Fact.of("", "p", "v", "s", Fixtures.T0)));
    }
  }

  @Test
  void graphNeighboursPathsAndCascade() {
    try (MemoryStore store = options().build()) {
      EntityGraph g = store.graph();
      for (String id : List.of("a", "b", "c", "d")) {
        g.put(new Entity(id, id.equals("d") ? "doc" : "person", Map.of("name", id.toUpperCase())));
      }
      g.relate(Relation.of("a", "knows", "b"));
      g.relate(Relation.of("b", "knows", "c"));
      g.relate(Relation.of("a", "wrote", "d"));
      g.relate(Relation.of("d", "mentions", "c"));
      g.relate(Relation.of("c", "knows", "a")); // a cycle
      assertEquals(Map.of("name", "A"), g.entity("a").orElseThrow().properties());
      assertEquals(3, g.byType("person").size());
      assertEquals(3, g.neighbours("a", Optional.empty()).size());
      assertEquals(2, g.neighbours("a", Optional.of("knows")).size());
      List<GraphPath> paths = g.paths("a", "c", 3);
      assertEquals(2, paths.size());
      assertEquals(List.of("a", "b", "c"), paths.get(0).entityIds());
      assertEquals(List.of("knows", "knows"), paths.get(0).relationTypes());
      assertEquals(List.of("a", "d", "c"), paths.get(1).entityIds());
      assertTrue(g.paths("a", "c", 1).isEmpty());
      assertThrows(IllegalArgumentException.class, () -> g.relate(Relation.of("a", "knows", "zz")));
      assertTrue(g.remove("b"));
      assertEquals(
          List.of(List.of("a", "d", "c")),
          g.paths("a", "c", 3).stream().map(GraphPath::entityIds).toList());
    }
  }

  @Test
  void countersAreAtomicUnderContention() throws Exception {
    try (MemoryStore store = options().build()) {
      Counters counters = store.counters();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Integer>> granted =
          java.util.stream.IntStream.range(0, 4)
              .mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            int ok = 0;
                            for (int j = 0; j < 50; j++) {
                              ok += counters.addIfWithin("spend.day", 3, 100).isPresent() ? 1 : 0;
                            }
                            return ok;
                          }))
              .toList();
      int total = 0;
      for (Future<Integer> f : granted) {
        total += f.get();
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      assertEquals(33, total); // 33 * 3 = 99 <= 100 < 102
      assertEquals(99, counters.get("spend.day"));
      assertEquals(OptionalLong.empty(), counters.addIfWithin("spend.day", 2, 100));
      assertEquals(104, counters.add("spend.day", 5));
      counters.add("spend.week", 1);
      assertEquals(Map.of("spend.day", 104L, "spend.week", 1L), counters.withPrefix("spend."));
      assertTrue(counters.remove("spend.week"));
      assertFalse(counters.remove("spend.week"));
      assertThrows(IllegalArgumentException.class, () -> counters.add("spend.day", Long.MAX_VALUE));
    }
  }

  // SQL's substr counts characters, Java's length UTF-16 units: a prefix with a character beyond
  // the Basic Multilingual Plane (an emoji) used to match keys one character too long, or none.
  @Test
  void countersWithAPrefixAreTheKeysThatStartWithIt() {
    String[] pieces = {"a", "b", "é", "\uD83D\uDE00", "\uD835\uDD38", "."};
    try (MemoryStore store = options().build()) {
      Counters counters = store.counters();
      qt().withExamples(60)
          .forAll(
              lists()
                  .of(lists().of(integers().between(0, 5)).ofSizeBetween(1, 4))
                  .ofSizeBetween(1, 6),
              lists().of(integers().between(0, 5)).ofSizeBetween(1, 3))
          .checkAssert(
              (keys, prefixPieces) -> {
                counters.withPrefix("").keySet().forEach(counters::remove);
                keys.forEach(key -> counters.add(join(pieces, key), 1));
                String prefix = join(pieces, prefixPieces);
                assertEquals(
                    counters.withPrefix("").keySet().stream()
                        .filter(key -> key.startsWith(prefix))
                        .toList(),
                    List.copyOf(counters.withPrefix(prefix).keySet()),
                    prefix);
              });
    }
  }

  private static String join(String[] pieces, List<Integer> indexes) {
    StringBuilder joined = new StringBuilder();
    indexes.forEach(i -> joined.append(pieces[i]));
    return joined.toString();
  }
}
