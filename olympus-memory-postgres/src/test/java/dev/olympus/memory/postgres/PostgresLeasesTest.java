package dev.olympus.memory.postgres;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.contract.LeasesContract;
import dev.olympus.memory.postgres.internal.TestPostgres;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lease contract on PostgreSQL. */
@ExtendWith(TestPostgres.Resolver.class)
class PostgresLeasesTest extends LeasesContract {
  private String url;
  private TestPostgres server;

  @BeforeEach
  void schema(TestPostgres server) {
    this.server = server;
    url = server.freshSchema();
  }

  @Override
  protected MemoryStore open(Clock clock) {
    return PostgresMemoryStore.builder()
        .url(url)
        .user(server.user())
        .password(server.password())
        .clock(clock)
        .build();
  }
}
