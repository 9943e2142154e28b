package dev.olympus.plan.internal;

/** Wording shared by the builder and the JSON reader when a plan passes a size limit. */
public final class Limits {
  private Limits() {}

  /** The problem reported for a plan of {@code count} steps when {@code max} are allowed. */
  public static String tooManySteps(int count, int max) {
    return "the plan has " + count + " steps; at most " + max + " are allowed (see maxSteps)";
  }
}
