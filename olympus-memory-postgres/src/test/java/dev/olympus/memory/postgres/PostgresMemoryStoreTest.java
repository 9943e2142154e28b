package dev.olympus.memory.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SchemaTooNewException;
import dev.olympus.memory.StorageException;
import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.postgres.internal.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.postgresql.ds.PGSimpleDataSource;

/** Opening PostgreSQL stores: the builder's checks, failures, migrations, a host's data source. */
@ExtendWith(TestPostgres.Resolver.class)
class PostgresMemoryStoreTest {

  @Test
  void theBuilderRefusesBadArgumentsNamingThem() {
    var builder = PostgresMemoryStore.builder();
    var url = assertThrows(IllegalArgumentException.class, () -> builder.url("jdbc:sqlite:x.db"));
    assertTrue(url.getMessage().contains("url"), url.getMessage());
    var pool = assertThrows(IllegalArgumentException.class, () -> builder.poolSize(1));
    assertTrue(pool.getMessage().contains("poolSize"), pool.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.poolSize(257));
    assertSame(builder, builder.poolSize(256));
    Map<String, Executable> nulls =
        Map.of(
            "url", () -> builder.url(null),
            "user", () -> builder.user(null),
            "password", () -> builder.password(null),
            "dataSource", () -> builder.dataSource(null));
    nulls.forEach(
        (name, call) -> {
          var e = assertThrows(NullPointerException.class, call);
          assertEquals(name + " cannot be null", e.getMessage());
        });
    assertThrows(IllegalArgumentException.class, () -> builder.hmacKey(new byte[15]));
    var neither = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(neither.getMessage().contains("exactly one"), neither.getMessage());
    builder.url("jdbc:postgresql://localhost:1/x").dataSource(new PGSimpleDataSource());
    assertThrows(IllegalStateException.class, builder::build);
  }

  @Test
  void theSmallestPoolServesTheStore(TestPostgres server) {
    try (MemoryStore store = server.storeAt(server.freshSchema()).poolSize(2).build()) {
      assertEquals(3, store.counters().add("k", 3));
    }
  }

  @Test
  void aFailedOperationNamesTheDatabaseWithoutTheUrlsQuery(TestPostgres server)
      throws SQLException {
    String url = server.freshSchema();
    try (MemoryStore store = open(server, url)) {
      sql(server, url, "DROP TABLE counters");
      var e = assertThrows(StorageException.class, () -> store.counters().add("k", 1));
      String database = url.substring(0, url.indexOf('?'));
      assertEquals("PostgresMemoryStore[" + database + "]", store.toString());
      assertTrue(e.getMessage().contains(" on " + database + ": "), e.getMessage());
      assertFalse(e.getMessage().contains("currentSchema"), e.getMessage());
    }
  }

  @Test
  void aClosedStoreRefusesCallsFromEveryThread(TestPostgres server) {
    MemoryStore store = open(server, server.freshSchema());
    store.close();
    var e =
        assertThrows(
            CompletionException.class,
            () -> CompletableFuture.supplyAsync(() -> store.counters().add("k", 1)).join());
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  // Waits (without a time limit, as the probes of ClaimsOnPostgresTest) until the server shows no
  // connection of the application: a closed pool's connections end, a leaked pool's never do.
  @Test
  void aStoreThatClosesOrFailsToOpenLeavesNoConnectionBehind(TestPostgres server) throws Exception {
    String url = server.freshSchema();
    String app = "olympus-" + UUID.randomUUID();
    String named = url + "&ApplicationName=" + app;
    try (MemoryStore store = open(server, named)) {
      store.counters().add("k", 1);
      assertTrue(connections(server, url, app) > 0, "the probe does not see the store's pool");
    }
    awaitNoConnections(server, url, app);

    sql(server, url, "INSERT INTO schema_version VALUES (99, 'V99__future.sql', 0)");
    assertThrows(SchemaTooNewException.class, () -> open(server, named));
    awaitNoConnections(server, url, app);
  }

  private static void awaitNoConnections(TestPostgres server, String url, String app)
      throws SQLException, InterruptedException {
    while (connections(server, url, app) > 0) {
      Thread.sleep(1);
    }
  }

  private static long connections(TestPostgres server, String url, String app) throws SQLException {
    return count(
        server,
        url,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + app + "'");
  }

  @Test
  void anUnreachableServerIsAStorageErrorThatDoesNotRepeatTheUrlsQuery() {
    var e =
        assertThrows(
            StorageException.class,
            () ->
                PostgresMemoryStore.builder()
                    .url("jdbc:postgresql://localhost:1/olympus?password=hunter2")
                    .build());
    assertTrue(e.getMessage().contains("jdbc:postgresql://localhost:1/olympus"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void eightStoresOpeningANewDatabaseAtOnceAllSucceedWithOneSchema(TestPostgres server)
      throws Exception {
    String url = server.freshSchema();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CyclicBarrier start = new CyclicBarrier(8);
    List<Future<Long>> opened = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      opened.add(
          pool.submit(
              () -> {
                start.await();
                try (MemoryStore store = open(server, url)) {
                  return store.events().append(Fixtures.event("p", 1)).seq();
                }
              }));
    }
    List<Long> seqs = new ArrayList<>();
    for (Future<Long> f : opened) {
      seqs.add(f.get(2, TimeUnit.MINUTES));
    }
    pool.shutdown();
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), seqs.stream().sorted().toList());
    assertEquals(
        count(server, url, "SELECT max(version) FROM schema_version"),
        count(server, url, "SELECT count(*) FROM schema_version"));
  }

  @Test
  void aDatabaseANewerLibraryWroteIsRefused(TestPostgres server) throws SQLException {
    String url = server.freshSchema();
    open(server, url).close();
    sql(server, url, "INSERT INTO schema_version VALUES (99, 'V99__future.sql', 0)");
    var e = assertThrows(SchemaTooNewException.class, () -> open(server, url));
    assertTrue(e.getMessage().contains("99"), e.getMessage());
  }

  @Test
  void aHostsDataSourceIsUsedAndLeftOpen(TestPostgres server) throws SQLException {
    String url = server.freshSchema();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(server.user());
    config.setPassword(server.password());
    try (HikariDataSource source = new HikariDataSource(config)) {
      try (MemoryStore store = PostgresMemoryStore.builder().dataSource(source).build()) {
        store.counters().add("k", 5);
        assertEquals("PostgresMemoryStore[a PostgreSQL data source]", store.toString());
      }
      assertFalse(source.isClosed(), "the store closed the host's data source");
      assertEquals(5, count(server, url, "SELECT value FROM counters WHERE key = 'k'"));
    }
  }

  private static MemoryStore open(TestPostgres server, String url) {
    return server.storeAt(url).build();
  }

  private static long count(TestPostgres server, String url, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
        ResultSet rs = c.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(TestPostgres server, String url, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, server.user(), server.password())) {
      c.createStatement().execute(statement);
    }
  }
}
