package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;

/**
 * How documents are split: chunks of about {@code targetChars} characters, cut preferably at a
 * paragraph break, then at a sentence end, then between words, never inside a word; consecutive
 * chunks share at most {@code overlapChars} characters (starting on a word). A single word longer
 * than the target becomes a chunk of its own. Immutable.
 *
 * @param targetChars the preferred chunk length, at least 16
 * @param overlapChars the most characters two consecutive chunks share, less than half the target
 */
public record ChunkerOptions(int targetChars, int overlapChars) {

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the target is below 16 or the overlap negative or not below
   *     half the target
   */
  public ChunkerOptions {
    Checks.argument(targetChars >= 16, "targetChars must be >= 16 but was " + targetChars);
    Checks.notNegative(overlapChars, "overlapChars");
    Checks.argument(
        overlapChars < targetChars / 2,
        "overlapChars must be < targetChars / 2 but was " + overlapChars);
  }

  /** About 1000 characters with 150 of overlap. */
  public static ChunkerOptions defaults() {
    return new ChunkerOptions(1000, 150);
  }
}
