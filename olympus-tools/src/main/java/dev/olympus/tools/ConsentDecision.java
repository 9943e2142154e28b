package dev.olympus.tools;

import static dev.olympus.plan.internal.Checks.notBlank;
import static dev.olympus.plan.internal.Checks.notNull;

import java.util.Optional;

/**
 * A {@link ConsentProvider}'s answer: allow once, for the plan, always (optionally narrowed), or
 * deny.
 */
public sealed interface ConsentDecision {
  /** Allows this one call. */
  record AllowOnce() implements ConsentDecision {}

  /** Allows calls needing these scopes for the rest of this plan run. */
  record AllowForPlan() implements ConsentDecision {}

  /**
   * Allows this call and records a standing grant for each of its scopes, limited to {@code within}
   * (a path prefix or a host) when present.
   *
   * @param within the path prefix or host the standing grants are limited to, if any
   */
  record AllowAlways(Optional<Resource> within) implements ConsentDecision {
    /**
     * Checks the field.
     *
     * @throws NullPointerException if {@code within} is null
     */
    public AllowAlways {
      notNull(within, "within");
    }
  }

  /**
   * Refuses the call.
   *
   * @param reason why, shown in the audit log and the step's BLOCKED state
   */
  record Deny(String reason) implements ConsentDecision {
    /**
     * Checks the field.
     *
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public Deny {
      notBlank(reason, "reason");
    }
  }

  /** Returns a decision allowing this one call. */
  static ConsentDecision allowOnce() {
    return new AllowOnce();
  }

  /** Returns a decision allowing these scopes for the rest of the plan run. */
  static ConsentDecision allowForPlan() {
    return new AllowForPlan();
  }

  /** Returns a decision granting these scopes for good, everywhere. */
  static ConsentDecision allowAlways() {
    return new AllowAlways(Optional.empty());
  }

  /**
   * Returns a decision granting these scopes for good, only under a path prefix or for a host.
   *
   * @throws NullPointerException if {@code within} is null
   */
  static ConsentDecision allowAlwaysWithin(Resource within) {
    return new AllowAlways(Optional.of(notNull(within, "within")));
  }

  /**
   * Returns a denial.
   *
   * @throws NullPointerException if {@code reason} is null
   * @throws IllegalArgumentException if {@code reason} is blank
   */
  static ConsentDecision deny(String reason) {
    return new Deny(reason);
  }

  /** Returns whether the call may run. */
  default boolean allowed() {
    return !(this instanceof Deny);
  }
}
