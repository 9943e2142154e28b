package dev.olympus.tools;

import static dev.olympus.plan.internal.Checks.notNull;

import java.time.Instant;

/**
 * One step of a consent decision, reported to the {@link ConsentListener} for the audit log.
 * Immutable.
 *
 * @param kind asked, granted or denied
 * @param source what decided: no scope needed, a standing grant, a plan grant, or the provider
 * @param request the request concerned; its {@link ConsentRequest#inputDigest()} identifies the
 *     exact input decided on
 * @param detail the decision or denial reason in words
 * @param at when it happened
 */
public record ConsentEvent(
    Kind kind, Source source, ConsentRequest request, String detail, Instant at) {
  /** What happened. */
  public enum Kind {
    /** The provider is being asked. */
    ASKED,
    /** The call may run. */
    GRANTED,
    /** The call may not run. */
    DENIED
  }

  /** What decided. */
  public enum Source {
    /** The tool needs no scopes. */
    NO_SCOPES,
    /** A standing grant in the {@link ConsentPolicy}. */
    STANDING_GRANT,
    /** An earlier {@link ConsentDecision.AllowForPlan} in the same plan. */
    PLAN_GRANT,
    /** The {@link ConsentProvider}. */
    PROVIDER
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if an argument is null
   */
  public ConsentEvent {
    notNull(kind, "kind");
    notNull(source, "source");
    notNull(request, "request");
    notNull(detail, "detail");
    notNull(at, "at");
  }

  /** Returns the SHA-256 of the input this decision is about ({@link ConsentRequest#digestOf}). */
  public String inputDigest() {
    return request.inputDigest();
  }
}
