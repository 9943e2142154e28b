package dev.olympus.executor.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Owner ids name the process, so a lease of a process that died here can be recognised. */
class OwnerIdsTest {
  private static final String OURS = OwnerIds.forThisProcess();
  private static final String WHERE_AND_RANDOM = OURS.substring(OURS.indexOf('@'));

  @Test
  void anOwnerOfThisMachineGivesItsProcessId() {
    assertEquals(Optional.of(ProcessHandle.current().pid()), OwnerIds.localPid(OURS));
    assertEquals(Optional.of(12L), OwnerIds.localPid("pid-12" + WHERE_AND_RANDOM));
    assertNotEquals(OURS, OwnerIds.forThisProcess(), "each executor has its own id");
  }

  @Test
  void anyOtherOwnerGivesNone() {
    assertEquals(Optional.empty(), OwnerIds.localPid("pid-12@elsewhere-x"));
    assertEquals(Optional.empty(), OwnerIds.localPid("worker-1"));
    assertEquals(Optional.empty(), OwnerIds.localPid("host-12" + WHERE_AND_RANDOM));
    assertEquals(Optional.empty(), OwnerIds.localPid("pid-twelve" + WHERE_AND_RANDOM));
    assertEquals(Optional.empty(), OwnerIds.localPid("pid-12"));
  }
}
