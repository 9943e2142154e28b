package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;

/**
 * What a tool's call does, in words a person deciding on consent can judge, e.g. "deletes a file",
 * and whether it destroys something that cannot be got back. Distinct from {@link SideEffect},
 * which says whether a retry is safe ({@code fs.delete} is idempotent and destructive). Immutable.
 *
 * @param effect what a call does, e.g. "deletes a file or an empty directory"
 * @param destructive whether a call can destroy or overwrite data that cannot be got back
 */
public record Risk(String effect, boolean destructive) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if {@code effect} is null
   * @throws IllegalArgumentException if {@code effect} is blank
   */
  public Risk {
    notBlank(effect, "effect");
  }

  /**
   * Returns a non-destructive risk with {@code effect}.
   *
   * @throws NullPointerException if {@code effect} is null
   * @throws IllegalArgumentException if {@code effect} is blank
   */
  public static Risk of(String effect) {
    return new Risk(effect, false);
  }

  /**
   * Returns a destructive risk with {@code effect}.
   *
   * @throws NullPointerException if {@code effect} is null
   * @throws IllegalArgumentException if {@code effect} is blank
   */
  public static Risk destructive(String effect) {
    return new Risk(effect, true);
  }

  /**
   * Returns the cautious description of a tool that declares only {@code sideEffect}: reads only,
   * changes state, or changes state in a way a repeat would duplicate; never called destructive, so
   * a tool that destroys data must say so itself.
   *
   * @throws NullPointerException if {@code sideEffect} is null
   */
  public static Risk describing(SideEffect sideEffect) {
    return switch (notNull(sideEffect, "sideEffect")) {
      case READ_ONLY -> of("reads only");
      case IDEMPOTENT -> of("changes state");
      case SIDE_EFFECT -> of("changes state; running it again would do it again");
    };
  }

  @Override
  public String toString() {
    return destructive ? effect + " (destructive)" : effect;
  }
}
