package dev.olympus.memory.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.olympus.memory.DocumentStore;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.internal.sql.Session;
import dev.olympus.memory.postgres.internal.PgVector;
import dev.olympus.memory.postgres.internal.TestPostgres;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * pgvector detection at start-up, on the real server: without the extension (Debian bookworm does
 * not package it, so the servers here never have it) the store adds no vector column and ranks
 * vectors in the application; the detection query recognizes an extension the server does ship
 * ({@code pg_trgm}, from the same package). The server-side conversion the pgvector column is built
 * on ({@code db/vector/floats.sql}: float32 bytes to {@code real[]}) is checked bit for bit here,
 * since it needs no extension.
 */
@ExtendWith(TestPostgres.Resolver.class)
class PgvectorDetectionTest {
  private TestPostgres server;
  private String url;

  @BeforeEach
  void schema(TestPostgres server) {
    this.server = server;
    url = server.freshSchema();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, server.user(), server.password());
  }

  // The store's own detection query.
  private boolean listed(Connection c, String extension) throws SQLException {
    return PgVector.available(new Session(c, null), extension);
  }

  @Test
  void withoutTheExtensionVectorsAreRankedInTheApplication() throws Exception {
    try (Connection c = connect()) {
      assertTrue(listed(c, "pg_trgm"), "the detection query finds an extension the server has");
      assertFalse(listed(c, "olympus_no_such_extension"), "an extension no server has is listed");
      assumeFalse(listed(c, "vector"), "this server has pgvector; the fallback is not reached");
    }
    Embedder embedder = texts -> texts.stream().map(this::axis).toList();
    try (MemoryStore store =
        PostgresMemoryStore.builder()
            .url(url)
            .user(server.user())
            .password(server.password())
            .embedder(embedder)
            .build()) {
      DocumentStore documents = store.documents();
      documents.ingest("a", "alpha words", Map.of());
      documents.ingest("b", "beta words", Map.of());
      List<SearchHit> hits = documents.nearest(new float[] {0, 1, 0}, 1, Map.of());
      assertEquals("b", hits.get(0).citation().sourceId());
    }
    try (Connection c = connect();
        ResultSet columns =
            c.getMetaData().getColumns(null, c.getSchema(), "chunks", "embedding_vector")) {
      assertFalse(columns.next(), "a pgvector column without pgvector");
    }
  }

  private float[] axis(String text) {
    return text.startsWith("alpha") ? new float[] {1, 0, 0} : new float[] {0, 1, 0};
  }

  @Test
  void theServerSideConversionOfStoredVectorsIsExactForEveryFiniteFloat() throws Exception {
    List<Float> floats =
        new ArrayList<>(
            List.of(
                0f,
                -0f,
                1f,
                -1f,
                0.1f,
                Float.MIN_VALUE,
                -Float.MIN_VALUE,
                Float.MIN_NORMAL,
                Float.MAX_VALUE,
                -Float.MAX_VALUE,
                Math.nextDown(Float.MIN_NORMAL),
                3.4028235e38f,
                1.17549435e-38f));
    Random random = new Random(18);
    while (floats.size() < 4_000) {
      float f = Float.intBitsToFloat(random.nextInt());
      if (Float.isFinite(f)) {
        floats.add(f);
      }
    }
    ByteBuffer bytes = ByteBuffer.allocate(floats.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    floats.forEach(bytes::putFloat);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(readScript());
      try (PreparedStatement q = c.prepareStatement("SELECT olympus_floats(?)")) {
        q.setBytes(1, bytes.array());
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          Array array = rs.getArray(1);
          Float[] back = (Float[]) array.getArray();
          assertEquals(floats.size(), back.length);
          for (int i = 0; i < back.length; i++) {
            assertEquals(
                Float.floatToRawIntBits(floats.get(i)),
                Float.floatToRawIntBits(back[i]),
                "float " + i + ": " + floats.get(i) + " came back as " + back[i]);
          }
        }
      }
    }
  }

  private static String readScript() throws Exception {
    try (var in =
        PostgresMemoryStore.class
            .getModule()
            .getResourceAsStream("dev/olympus/memory/postgres/internal/db/vector/floats.sql")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
