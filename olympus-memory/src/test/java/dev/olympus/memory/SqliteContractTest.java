package dev.olympus.memory;

import dev.olympus.memory.contract.MemoryStoreContract;
import dev.olympus.memory.contract.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The MemoryStore contract on a SQLite file of each test's own. */
class SqliteContractTest extends MemoryStoreContract {
  @TempDir Path dir;

  @Override
  protected MemoryStore store(StoreContract.Options o) {
    return o.applyTo(SqliteMemoryStore.builder().path(dir.resolve("contract.db"))).build();
  }
}
