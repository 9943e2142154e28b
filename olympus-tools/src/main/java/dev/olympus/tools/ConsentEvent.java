package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One step of a consent decision, reported to the {@link ConsentGate.Listener} for the audit log.
 * Immutable.
 *
 * @param kind asked, granted or denied
 * @param source what decided: no scope needed, a standing grant, a plan grant, or the provider
 * @param request the request concerned; its {@link ConsentRequest#inputDigest()} identifies the
 *     exact input decided on
 * @param detail the decision or denial reason in words
 * @param at when it happened
 * @param answer for {@link Kind#ANSWERED}, the result the person gave in the tool's place
 */
public record ConsentEvent(
    Kind kind,
    Source source,
    ConsentRequest request,
    String detail,
    Instant at,
    Optional<JsonNode> answer) {
  /** What happened. */
  public enum Kind {
    /** The provider is being asked. */
    ASKED,
    /** The call may run. */
    GRANTED,
    /** The call may not run. */
    DENIED,
    /** The call does not run: the person gave its result instead ({@link #answer()}). */
    ANSWERED
  }

  /** What decided. */
  public enum Source {
    /** The tool needs no scopes. */
    NO_SCOPES,
    /** A standing grant in the {@link ConsentGrants}. */
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
   * @throws IllegalArgumentException if {@code answer} is present for a kind other than ANSWERED,
   *     or absent for ANSWERED
   */
  public ConsentEvent {
    notNull(kind, "kind");
    notNull(source, "source");
    notNull(request, "request");
    notNull(detail, "detail");
    notNull(at, "at");
    answer = notNull(answer, "answer").map(JsonNode::deepCopy);
    argument(
        answer.isPresent() == (kind == Kind.ANSWERED), "an answer goes with kind ANSWERED only");
  }

  /** Returns the result the person gave in the tool's place, for {@link Kind#ANSWERED}. */
  @Override
  public Optional<JsonNode> answer() {
    return answer.map(JsonNode::deepCopy);
  }

  /** Returns the SHA-256 of the input this decision is about ({@link ConsentRequest#digestOf}). */
  public String inputDigest() {
    return request.inputDigest();
  }
}
