package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A {@link ConsentProvider}'s answer: allow once, for the plan, always (optionally narrowed), allow
 * once with arguments the person edited, answer in the tool's place, or deny.
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

  /**
   * Allows this one call with {@code input} instead of the input asked about: the person edited the
   * arguments. The edited input is checked against the tool's schema and pre-check again (an edit
   * that would be refused denies the call), and the decision's event names the input that runs,
   * with the digest of the one asked about in its detail.
   *
   * @param input the arguments to run the tool with
   */
  record AllowEdited(JsonNode input) implements ConsentDecision {
    /**
     * Checks and copies the field.
     *
     * @throws NullPointerException if {@code input} is null
     */
    public AllowEdited {
      input = notNull(input, "input").deepCopy();
    }

    @Override
    public JsonNode input() {
      return input.deepCopy();
    }
  }

  /**
   * Does not run the tool: {@code result} is used as its result (a chat's model receives it; a plan
   * step becomes DONE with it, checked against the tool's output schema). The person answered in
   * the tool's place.
   *
   * @param result what the tool's result is taken to be
   */
  record AnswerInstead(JsonNode result) implements ConsentDecision {
    /**
     * Checks and copies the field.
     *
     * @throws NullPointerException if {@code result} is null
     */
    public AnswerInstead {
      result = notNull(result, "result").deepCopy();
    }

    @Override
    public JsonNode result() {
      return result.deepCopy();
    }
  }

  /**
   * Returns a decision allowing this one call with edited arguments.
   *
   * @throws NullPointerException if {@code input} is null
   */
  static ConsentDecision allowEdited(JsonNode input) {
    return new AllowEdited(input);
  }

  /**
   * Returns a decision answering in the tool's place with {@code result}.
   *
   * @throws NullPointerException if {@code result} is null
   */
  static ConsentDecision answerInstead(JsonNode result) {
    return new AnswerInstead(result);
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

  /** Returns whether the call may run (not denied, and not answered in the tool's place). */
  default boolean allowed() {
    return !(this instanceof Deny) && !(this instanceof AnswerInstead);
  }
}
