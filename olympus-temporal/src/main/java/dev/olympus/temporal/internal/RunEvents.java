package dev.olympus.temporal.internal;

/**
 * The kinds of the events the workflow logs besides plan and step states: the same kinds, with the
 * same data, as the in-process executor logs, so {@link dev.olympus.executor.RunEvent#of} types
 * them alike.
 */
final class RunEvents {
  static final String ATTEMPT = "step.attempt";
  static final String CONSENT = "consent.decision";
  static final String BUDGET_CHARGE = "budget.charge";

  private RunEvents() {}
}
