package dev.olympus.memory.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.memory.Embedder;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.internal.sql.SqlStore;
import dev.olympus.memory.internal.sql.StoreConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store's pgvector SQL run against a stand-in for the extension, since no pgvector package
 * reaches this machine: a {@code vector} domain over {@code real[]} and a cosine-distance {@code
 * <=>} operator written in SQL, in a schema of their own as the extension's would be. What runs for
 * real is ours: {@code floats.sql} and {@code pgvector.sql} (the generated column, with the schema
 * substituted) and {@code PgDialect.nearestSearch} (the quoted operator and cast, the metadata
 * filter, the order, the limit). Not tested: pgvector's own cast and operator, and {@code CREATE
 * EXTENSION}, which this test replaces by creating the stand-in.
 */
@ExtendWith(TestPostgres.Resolver.class)
class PgvectorStandInTest {
  private static final String STAND_IN =
      """
      CREATE SCHEMA %1$s;
      CREATE DOMAIN %1$s.vector AS REAL[];
      CREATE FUNCTION %1$s.cosine_distance(a %1$s.vector, b %1$s.vector) RETURNS FLOAT8
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT 1 - (SELECT sum(x * y) FROM unnest(a::REAL[], b::REAL[]) AS p(x, y))
          / sqrt((SELECT sum(x * x) FROM unnest(a::REAL[]) AS p(x))
                 * (SELECT sum(y * y) FROM unnest(b::REAL[]) AS p(y)))
      $$;
      CREATE OPERATOR %1$s.<=> (
        LEFTARG = %1$s.vector, RIGHTARG = %1$s.vector, FUNCTION = %1$s.cosine_distance);
      """;

  private final Embedder embedder = texts -> texts.stream().map(PgvectorStandInTest::axis).toList();
  private TestPostgres server;
  private String url;
  private String schema;

  private static float[] axis(String text) {
    return switch (text.split(" ")[0]) {
      case "alpha" -> new float[] {1, 0, 0};
      case "beta" -> new float[] {0, 1, 0};
      case "gamma" -> new float[] {1, 1, 0};
      default -> new float[] {0, 0, 1};
    };
  }

  @BeforeEach
  void standIn(TestPostgres server) {
    this.server = server;
    url = server.freshSchema();
    schema = "\"vector " + UUID.randomUUID() + "\"";
    server.storeAt(url).build().close(); // the migrations
    PgDatabase db = database();
    db.write(
        "setting up the stand-in and the vector column",
        s -> {
          s.exec(STAND_IN.formatted(schema));
          s.exec(PgMigrations.load("vector/floats.sql"));
          s.exec(PgMigrations.load("vector/pgvector.sql").replace("${vector}", schema));
          return null;
        });
    db.close();
  }

  private PgDatabase database() {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(url);
    source.setUser(server.user());
    source.setPassword(server.password());
    return new PgDatabase(source, Optional.empty(), "the stand-in database");
  }

  /**
   * A store whose database ranks vectors with the stand-in, as PgStores opens one with pgvector.
   */
  private MemoryStore open() {
    PgDatabase db = database();
    db.usePgvector(schema);
    return new Options().embedder(embedder).over(db);
  }

  private static final class Options extends MemoryStore.Builder<Options> {
    MemoryStore over(PgDatabase db) {
      return SqlStore.over(
          "PostgresMemoryStore",
          db,
          new StoreConfig(
              limits(), embedder(), hmacKey(), clock(), retention(), chunker(), vectorSearch()));
    }

    @Override
    public MemoryStore build() {
      throw new UnsupportedOperationException("open through over(db)");
    }
  }

  private static List<String> sources(List<SearchHit> hits) {
    return hits.stream().map(hit -> hit.citation().sourceId()).toList();
  }

  @Test
  void nearestRanksInTheDatabaseByCosineWithinTheFilter() {
    try (MemoryStore store = open()) {
      store.documents().ingest("a", "alpha words", Map.of("kind", "x"));
      store.documents().ingest("b", "beta words", Map.of("kind", "y"));
      store.documents().ingest("c", "gamma words", Map.of("kind", "x"));

      List<SearchHit> hits = store.documents().nearest(new float[] {0, 1, 0}, 2, Map.of());
      assertEquals(List.of("b", "c"), sources(hits));
      assertEquals(1.0, hits.get(0).score(), 1e-6);
      assertEquals(Math.sqrt(0.5), hits.get(1).score(), 1e-6);
      assertEquals(
          List.of("c", "a"),
          sources(store.documents().nearest(new float[] {0, 1, 0}, 5, Map.of("kind", "x"))));
    }
  }

  // Without pgvector a store ranks in its own index, which another process's writes do not reach.
  @Test
  void anotherStoresWritesAreRankedAtOnce() {
    try (MemoryStore reader = open();
        MemoryStore writer = open()) {
      reader.documents().ingest("a", "alpha words", Map.of());
      assertEquals(
          List.of("a"), sources(reader.documents().nearest(new float[] {0, 0, 1}, 1, Map.of())));
      writer.documents().ingest("d", "delta words", Map.of());
      assertEquals(
          List.of("d"), sources(reader.documents().nearest(new float[] {0, 0, 1}, 1, Map.of())));
    }
  }
}
