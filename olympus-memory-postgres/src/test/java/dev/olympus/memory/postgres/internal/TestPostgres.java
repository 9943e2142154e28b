package dev.olympus.memory.postgres.internal;

import dev.olympus.memory.postgres.PostgresMemoryStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The PostgreSQL server the tests use: the one {@code OLYMPUS_TEST_PG_URL} (or the system property
 * {@code olympus.test.pg.url}, with {@code ..._USER}/{@code ..._PASSWORD}) names, as {@code
 * .ci/run} starts it; otherwise a private server started from Debian's {@code initdb} and {@code
 * pg_ctl} for the whole test run; otherwise the test is skipped with a message saying so. Each test
 * gets a schema of its own. Public (in a package the module does not export) for the tests of both
 * packages.
 */
public final class TestPostgres implements AutoCloseable {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestPostgres.class);

  private final String url;
  private final String user;
  private final String password;
  private final Optional<Path> ownData;

  private TestPostgres(String url, String user, String password, Optional<Path> ownData) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.ownData = ownData;
  }

  /** Gives a test (or a before-each method) the server as a parameter. */
  public static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == TestPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return in(context);
    }
  }

  /** The server of this test run (started on first use, stopped when the run ends). */
  static TestPostgres in(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", k -> find(), TestPostgres.class);
  }

  private static TestPostgres find() {
    Optional<String> url = setting("url");
    if (url.isPresent()) {
      return new TestPostgres(
          url.get(),
          setting("user").orElse("postgres"),
          setting("password").orElse(""),
          Optional.empty());
    }
    Optional<Path> bin = binaries();
    Assumptions.assumeTrue(
        bin.isPresent(),
        "no PostgreSQL for the tests: set OLYMPUS_TEST_PG_URL (and _USER, _PASSWORD) or install"
            + " Debian's postgresql package (initdb, pg_ctl under /usr/lib/postgresql)");
    return start(bin.get());
  }

  private static Optional<String> setting(String name) {
    String property = System.getProperty("olympus.test.pg." + name);
    String env = System.getenv("OLYMPUS_TEST_PG_" + name.toUpperCase(java.util.Locale.ROOT));
    return Optional.ofNullable(property != null ? property : env).filter(s -> !s.isBlank());
  }

  private static Optional<Path> binaries() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .sorted()
          .reduce((a, b) -> b);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static TestPostgres start(Path bin) {
    try {
      Path data = Files.createTempDirectory("olympus-pg-");
      int port = freePort();
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        run(List.of("chown", "postgres", data.toString()));
      }
      run(
          asServerUser(
              root,
              bin.resolve("initdb"),
              "-D",
              data + "/db",
              "-U",
              "postgres",
              "-A",
              "trust",
              "--no-sync"));
      run(
          asServerUser(
              root,
              bin.resolve("pg_ctl"),
              "-D",
              data + "/db",
              "-w",
              "-l",
              data + "/log",
              "-o",
              "-p " + port + " -k " + data + " -c listen_addresses=localhost",
              "start"));
      TestPostgres server =
          new TestPostgres(
              "jdbc:postgresql://localhost:" + port + "/postgres",
              "postgres",
              "",
              Optional.of(data));
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a PostgreSQL server for the tests: " + e, e);
    }
  }

  private static List<String> asServerUser(boolean root, Path program, String... args) {
    List<String> command = new ArrayList<>();
    if (root) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(program.toString());
    command.addAll(List.of(args));
    return command;
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(command + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A new, empty schema: a JDBC URL whose connections use it. */
  public String freshSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema + ": " + e, e);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A store builder for {@code url} (a {@link #freshSchema()}) with this server's credentials. */
  public PostgresMemoryStore.Builder storeAt(String url) {
    return PostgresMemoryStore.builder().url(url).user(user).password(password);
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  @Override
  public void close() throws IOException {
    if (ownData.isEmpty()) {
      return;
    }
    Path data = ownData.get();
    boolean root = "root".equals(System.getProperty("user.name"));
    run(
        asServerUser(
            root,
            binaries().orElseThrow().resolve("pg_ctl"),
            "-D",
            data + "/db",
            "-m",
            "immediate",
            "-w",
            "stop"));
    deleteTree(data);
  }

  // The server's files, left in the temporary folder otherwise (about 40 MB a run).
  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
