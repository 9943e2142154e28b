package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import java.util.Locale;

/**
 * One issue a critic found in a draft plan: how serious it is, what kind it is, the step it
 * concerns (empty when it is about the plan as a whole) and a sentence saying what is wrong.
 *
 * <p>Immutable and thread-safe.
 *
 * @param severity {@link Severity#BLOCKING} if the plan must change before it runs
 * @param kind what sort of issue
 * @param step the step concerned, or empty
 * @param message what is wrong, written by the critic
 */
public record CritiqueIssue(Severity severity, Kind kind, String step, String message) {

  /** How serious an issue is. */
  public enum Severity {
    /** The plan must change before it runs. */
    BLOCKING,
    /** Worth knowing; the plan may run as it is. */
    MINOR;

    /** The name in the critic's JSON answer: {@code blocking} or {@code minor}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What sort of issue the critic found. */
  public enum Kind {
    /** The goal needs a step the plan lacks. */
    MISSING_STEP,
    /** A step changes something the goal does not need changed. */
    UNNECESSARY_SIDE_EFFECT,
    /** A step needs the user's consent although another way would not. */
    AVOIDABLE_CONSENT,
    /** An input is dangerous: a path outside the task, a destructive flag, an unchecked URL. */
    RISKY_INPUT,
    /** Anything else. */
    OTHER;

    /** The name in the critic's JSON answer, such as {@code missing-step}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public CritiqueIssue {
    Checks.notNull(severity, "severity");
    Checks.notNull(kind, "kind");
    Checks.notNull(step, "step");
    Checks.notNull(message, "message");
  }

  /** True if the issue is {@link Severity#BLOCKING}. */
  public boolean blocking() {
    return severity == Severity.BLOCKING;
  }

  /** One line: {@code [blocking risky-input] step 'x': message}. */
  @Override
  public String toString() {
    String where = step.isEmpty() ? "plan" : "step '" + step + "'";
    return "[" + severity.jsonName() + " " + kind.jsonName() + "] " + where + ": " + message;
  }
}
