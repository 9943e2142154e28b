package dev.olympus.memory.postgres;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.contract.MemoryStoreContract;
import dev.olympus.memory.contract.StoreContract;
import dev.olympus.memory.postgres.internal.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MemoryStore contract on PostgreSQL, each test in a schema of its own. */
@ExtendWith(TestPostgres.Resolver.class)
class PostgresContractTest extends MemoryStoreContract {
  private TestPostgres server;
  private String url;

  @BeforeEach
  void schema(TestPostgres server) {
    this.server = server;
    this.url = server.freshSchema();
  }

  @Override
  protected MemoryStore store(StoreContract.Options o) {
    return o.applyTo(
            PostgresMemoryStore.builder().url(url).user(server.user()).password(server.password()))
        .build();
  }
}
