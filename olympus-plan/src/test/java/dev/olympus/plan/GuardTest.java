package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardTest {
  @Test
  void theLastCallOfASetterWins() {
    Guard guard = Guard.builder().retries(5).retries(2).deadline(Duration.ofSeconds(9)).build();

    assertEquals(2, guard.retries());
    assertEquals(Optional.of(Duration.ofSeconds(9)), guard.deadline());
  }

  @Test
  void toBuilderKeepsEverySettingAndEqualityFollowsTheSettings() {
    Guard guard =
        Guard.builder()
            .retries(3)
            .backoff(Duration.ofSeconds(1))
            .jitter(0.5)
            .deadline(Duration.ofSeconds(30))
            .budget(Budget.ofTokens(100))
            .consentRequired(true)
            .optional(true)
            .build();

    assertEquals(guard, guard.toBuilder().build());
    assertEquals(guard.hashCode(), guard.toBuilder().build().hashCode());
    assertNotEquals(guard, guard.toBuilder().optional(false).build());
    assertEquals(Guard.DEFAULT, Guard.builder().build());
    assertTrue(guard.toString().contains("retries=3"), guard.toString());
  }

  @Test
  void buildRefusesAValueOutOfRangeByName() {
    Guard.Builder builder = Guard.builder().retries(Guard.MAX_RETRIES + 1);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertTrue(e.getMessage().startsWith("retries must be"), e.getMessage());
    assertEquals(1, builder.retries(1).build().retries(), "the builder can build again");
  }
}
