package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import java.util.List;

/**
 * One entry of a {@link PlanningTranscript}: a draft the model wrote, the problems validation found
 * in a draft, or a critic's review of a valid draft. Every entry carries the round it belongs to
 * (the first draft is round 1; each refinement starts the next round).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface PlanningEntry {

  /** The round this entry belongs to, from 1. */
  int round();

  /**
   * A draft, exactly as the model wrote it.
   *
   * @param round the round, from 1
   * @param text the model's answer
   */
  record Draft(int round, String text) implements PlanningEntry {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code round} is not positive
     */
    public Draft {
      Checks.positive(round, "round");
      Checks.notNull(text, "text");
    }
  }

  /**
   * Why the draft of {@code round} was refused: every problem validation found, each naming where.
   *
   * @param round the round, from 1
   * @param problems the problems, at least one
   */
  record Problems(int round, List<String> problems) implements PlanningEntry {
    /**
     * Checks and copies the fields.
     *
     * @throws NullPointerException if {@code problems} is null or holds a null
     * @throws IllegalArgumentException if {@code round} is not positive or there are no problems
     */
    public Problems {
      Checks.positive(round, "round");
      problems = List.copyOf(Checks.noNulls(problems, "problems"));
      Checks.argument(!problems.isEmpty(), "problems cannot be empty");
    }
  }

  /**
   * The critic's review of the valid draft of {@code round}.
   *
   * @param round the round, from 1
   * @param issues what the critic found; empty when it found nothing
   */
  record Critique(int round, List<CritiqueIssue> issues) implements PlanningEntry {
    /**
     * Checks and copies the fields.
     *
     * @throws NullPointerException if {@code issues} is null or holds a null
     * @throws IllegalArgumentException if {@code round} is not positive
     */
    public Critique {
      Checks.positive(round, "round");
      issues = List.copyOf(Checks.noNulls(issues, "issues"));
    }

    /** True if some issue is blocking. */
    public boolean blocking() {
      return issues.stream().anyMatch(CritiqueIssue::blocking);
    }
  }
}
