package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A registry's configuration hash: the same for the same configuration, different otherwise. */
class RegistryConfigHashTest {
  private static Tool echo(String description, SideEffect effect) {
    return Tool.builder("text.echo")
        .description(description)
        .sideEffect(effect)
        .handler((input, ctx) -> input);
  }

  private static final Tool UPPER =
      Tool.builder("text.upper").description("Upper-cases").handler((input, ctx) -> input);

  private static String hash(UnaryOperator<ToolRegistry.Builder> change) {
    return change
        .apply(ToolRegistry.builder().add(echo("Echoes", SideEffect.READ_ONLY)).add(UPPER))
        .build()
        .configHash();
  }

  @Test
  void theSameConfigurationHasTheSameHashWhateverTheClockOrInstance() {
    String plain = hash(b -> b);
    assertTrue(plain.matches("[0-9a-f]{16}"), plain);
    assertEquals(plain, hash(b -> b));
    assertEquals(
        plain,
        hash(b -> b.clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))));
  }

  @Test
  void changingAToolOrALimitChangesTheHash() {
    String plain = hash(b -> b);
    assertNotEquals(
        plain, hash(b -> b.add(Tool.builder("x.y").description("y").handler((i, c) -> i))));
    assertNotEquals(
        plain, hash(b -> b.rateLimit("text.upper", RateLimit.of(3, Duration.ofMinutes(1)))));
    assertNotEquals(plain, hash(b -> b.timeout("text.upper", Duration.ofSeconds(3))));
    assertNotEquals(plain, hash(b -> b.defaultTimeout(Duration.ofSeconds(3))));
    assertNotEquals(plain, hash(b -> b.maxConcurrentCalls(3)));
    String otherSpec =
        ToolRegistry.builder()
            .add(echo("Echoes", SideEffect.SIDE_EFFECT))
            .add(UPPER)
            .build()
            .configHash();
    assertNotEquals(plain, otherSpec);
    String reordered =
        ToolRegistry.builder()
            .add(UPPER)
            .add(echo("Echoes", SideEffect.READ_ONLY))
            .build()
            .configHash();
    assertNotEquals(plain, reordered, "the order is the order tools are offered in");
  }
}
