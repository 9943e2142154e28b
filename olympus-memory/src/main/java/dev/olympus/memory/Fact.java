package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * A long-term fact: {@code subject predicate value}, where it came from and how sure we are.
 * Immutable.
 *
 * @param subject what the fact is about, such as {@code user}
 * @param predicate the relation, such as {@code prefers-language}
 * @param value the value, such as {@code French}
 * @param source where it was learned (a document id, a plan id, {@code user})
 * @param confidence from 0 to 1
 * @param createdAt when it was recorded
 * @param validUntil when it stops being true, if known
 */
public record Fact(
    String subject,
    String predicate,
    String value,
    String source,
    double confidence,
    Instant createdAt,
    Optional<Instant> validUntil) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code confidence} is not within [0, 1]
   */
  public Fact {
    Checks.notNull(subject, "subject");
    Checks.notNull(predicate, "predicate");
    Checks.notNull(value, "value");
    Checks.notNull(source, "source");
    Checks.argument(
        confidence >= 0 && confidence <= 1,
        "confidence must be within [0, 1] but was " + confidence);
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(validUntil, "validUntil");
  }

  /** A fact with full confidence, created at {@code at}, valid indefinitely. */
  public static Fact of(String subject, String predicate, String value, String source, Instant at) {
    return new Fact(subject, predicate, value, source, 1.0, at, Optional.empty());
  }

  /** Returns true if the fact still holds at {@code now}. */
  public boolean validAt(Instant now) {
    return validUntil.map(now::isBefore).orElse(true);
  }
}
