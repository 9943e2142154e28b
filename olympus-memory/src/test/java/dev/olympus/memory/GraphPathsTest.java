package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EntityGraph#paths}: the same answer as enumerating every path, for any small graph; and an
 * answer (or a refusal) at once where enumerating every path would never end.
 */
class GraphPathsTest {
  // Ids whose JSON texts order differently than the ids themselves (a quote, a code point above
  // the surrogates, one below them written as a surrogate pair).
  private static final String[] IDS = {"a", "a!", "B", "é", "\uE000", "\uD835\uDD38", "q\"", "z"};
  private static final String[] TYPES = {"knows", "cites"};
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DENSE = 14;

  @TempDir Path dir;
  private MemoryStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void pathsAreTheHundredShortestSimplePathsInLengthThenJsonOrder() {
    try (MemoryStore small = SqliteMemoryStore.open(dir.resolve("graph.db"))) {
      EntityGraph graph = small.graph();
      qt().withExamples(150)
          .forAll(
              longs().all(),
              integers().between(0, 100),
              integers().between(0, IDS.length * IDS.length - 1),
              integers().between(1, 7))
          .checkAssert(
              (seed, density, ends, maxDepth) -> {
                List<Relation> relations = randomGraph(graph, new Random(seed), density);
                String from = IDS[ends / IDS.length];
                String to = IDS[ends % IDS.length];
                assertEquals(
                    everyPath(relations, from, to, maxDepth), graph.paths(from, to, maxDepth));
              });
    }
  }

  // A fresh graph on every id: each possible relation present with the given chance in percent.
  private static List<Relation> randomGraph(EntityGraph graph, Random random, int density) {
    List<Relation> relations = new ArrayList<>();
    for (String id : IDS) {
      graph.remove(id);
      graph.put(Entity.of(id, "node"));
    }
    for (String src : IDS) {
      for (String dst : IDS) {
        for (String type : TYPES) {
          if (random.nextInt(100) < density / 3) {
            Relation relation = Relation.of(src, type, dst);
            graph.relate(relation);
            relations.add(relation);
          }
        }
      }
    }
    return relations;
  }

  // Every path that visits no entity twice and does not pass through the end, sorted by length,
  // then by the UTF-8 bytes of its ids' and types' JSON; the first 100.
  private static List<GraphPath> everyPath(
      List<Relation> relations, String from, String to, int maxDepth) {
    List<GraphPath> found = new ArrayList<>();
    if (!from.equals(to)) {
      walk(relations, new ArrayList<>(List.of(from)), new ArrayList<>(), to, maxDepth, found);
    }
    found.sort(
        Comparator.comparingInt(GraphPath::length)
            .thenComparing(
                (a, b) -> Arrays.compareUnsigned(utf8(a.entityIds()), utf8(b.entityIds())))
            .thenComparing(
                (a, b) ->
                    Arrays.compareUnsigned(utf8(a.relationTypes()), utf8(b.relationTypes()))));
    return found.subList(0, Math.min(100, found.size()));
  }

  private static void walk(
      List<Relation> relations,
      List<String> ids,
      List<String> types,
      String to,
      int maxDepth,
      List<GraphPath> found) {
    String last = ids.get(ids.size() - 1);
    for (Relation r : relations) {
      if (!r.src().equals(last) || ids.contains(r.dst())) {
        continue;
      }
      ids.add(r.dst());
      types.add(r.type());
      if (r.dst().equals(to)) {
        found.add(new GraphPath(ids, types));
      } else if (types.size() < maxDepth) {
        walk(relations, ids, types, to, maxDepth, found);
      }
      ids.remove(ids.size() - 1);
      types.remove(types.size() - 1);
    }
  }

  private static byte[] utf8(List<String> values) {
    try {
      return JSON.writeValueAsString(values).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // Fourteen entities that all know one another: about 10^10 paths of up to 16 relations start at
  // any of them. The hang guard fails the test where every one of them would be enumerated.
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anUnreachableEntityBehindADenseGroupHasNoPathsAtOnce() {
    EntityGraph graph = denseGroup();
    graph.put(Entity.of("island", "node"));

    assertTrue(graph.paths("n0", "island", 16).isEmpty());
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theShortestPathsThroughADenseGroupComeAtOnce() {
    EntityGraph graph = denseGroup();
    graph.put(Entity.of("exit", "node"));
    for (int i = 1; i < DENSE; i++) {
      graph.relate(Relation.of("n" + i, "leads-to", "exit"));
    }

    List<GraphPath> paths = graph.paths("n0", "exit", 16);

    assertEquals(100, paths.size());
    assertEquals(List.of("n0", "n1", "exit"), paths.get(0).entityIds());
    assertEquals(3, paths.get(99).length());
  }

  // The end is reachable only through the entity the paths start at, so every walk through the
  // group seems to lead to it and none does: refused, not enumerated.
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aSearchThatWouldFollowTooManyPartialPathsIsRefused() {
    EntityGraph graph = denseGroup();
    graph.put(Entity.of("start", "node"));
    graph.put(Entity.of("gate", "node"));
    graph.put(Entity.of("end", "node"));
    graph.relate(Relation.of("start", "knows", "n0"));
    graph.relate(Relation.of("n0", "opens", "gate"));
    graph.relate(Relation.of("gate", "leads-to", "end"));

    assertEquals(
        List.of(List.of("start", "n0", "gate", "end")),
        graph.paths("start", "end", 5).stream().map(GraphPath::entityIds).toList());
    var refused = assertThrows(LimitExceededException.class, () -> graph.paths("start", "end", 16));
    assertTrue(refused.getMessage().contains("partial paths"), refused.getMessage());
  }

  // Entities n0 to n13, each related to every other one; the store closes after the test.
  private EntityGraph denseGroup() {
    store = SqliteMemoryStore.open(dir.resolve("dense.db"));
    EntityGraph graph = store.graph();
    for (int i = 0; i < DENSE; i++) {
      graph.put(Entity.of("n" + i, "node"));
    }
    for (int i = 0; i < DENSE; i++) {
      for (int j = 0; j < DENSE; j++) {
        if (i != j) {
          graph.relate(Relation.of("n" + i, "knows", "n" + j));
        }
      }
    }
    return graph;
  }
}
