package dev.olympus.memory.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.postgres.internal.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keyword search on PostgreSQL reads a query as the SQLite store does: its words, each one quoted
 * (so {@code -} and {@code or} are no operators), the first 64 of them.
 */
@ExtendWith(TestPostgres.Resolver.class)
class KeywordSearchOnPostgresTest {

  private static List<String> found(MemoryStore store, String query) {
    return store.documents().search(query, 5).stream()
        .map(hit -> hit.citation().sourceId())
        .toList();
  }

  private static String fillers(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
  }

  @Test
  void aQueryIsItsFirst64WordsEachQuoted(TestPostgres server) {
    try (MemoryStore store = server.storeAt(server.freshSchema()).build()) {
      store.documents().ingest("zebras", "zebra stripes", Map.of());
      store.documents().ingest("lions", "lion manes", Map.of());

      assertEquals(List.of("zebras"), found(store, fillers(63) + " zebra"));
      assertEquals(List.of(), found(store, fillers(64) + " zebra"));
      assertEquals(List.of("zebras"), found(store, "-zebra"));
      assertEquals(List.of("lions", "zebras"), found(store, "zebra or lion manes"));
      assertEquals(List.of(), found(store, "-- !! ??"));
    }
  }
}
