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
    SqliteMemoryStore.Builder builder =
        SqliteMemoryStore.builder()
            .path(dir.resolve("contract.db"))
            .clock(o.clock())
            .limits(o.limits())
            .retention(o.retention())
            .chunker(o.chunker());
    o.embedder().ifPresent(builder::embedder);
    o.hmacKey().ifPresent(builder::hmacKey);
    return builder.build();
  }
}
