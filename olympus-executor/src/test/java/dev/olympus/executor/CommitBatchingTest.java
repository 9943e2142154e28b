package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.PlanState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps that are safe to repeat share commits. How many they share depends on how fast the steps
 * run against the commits, so PIT (whose coverage agent slows the steps) leaves this class out (see
 * the parent pom's {@code pit} profile); {@link CommitOrderTest} checks the rest of such a run.
 */
class CommitBatchingTest {
  @Test
  void twoHundredStepsThatAreSafeToRepeatTakeFewerThanFiftyCommits(@TempDir Path dir)
      throws Exception {
    int steps = 200;
    try (HookedStore counting =
            HookedStore.slowed(SqliteMemoryStore.open(dir.resolve("olympus.db")), 1);
        Olympus olympus = CommitOrderTest.readOnlyOlympus(counting, 2)) {
      PlanResult result =
          olympus
              .executor()
              .submit(CommitOrderTest.fanOut("batched", steps))
              .await(Duration.ofSeconds(30))
              .orElseThrow();

      assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
      // 200 steps make 400 step transitions; slowed commits leave room to batch them.
      assertTrue(
          counting.updates() < steps / 4, () -> counting.updates() + " commits for " + steps);
    }
  }
}
