package dev.olympus.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.temporal.internal.Checks;
import java.util.List;

/**
 * A consent question that a plan's workflow holds open until the host answers it with {@link
 * TemporalPlanExecutor#answer} (see {@link TemporalPlanExecutor.Builder#consentInWorkflow}): the
 * exact input the tool will run with, already checked against its schema and pre-check.
 *
 * <p>Immutable and thread-safe: {@link #input()} returns a fresh copy each time.
 *
 * @param planId the plan
 * @param stepId the step asking
 * @param toolId the tool it would run
 * @param summary what the call does, in a line
 * @param scopes the consent scopes it needs
 * @param input the resolved input
 * @param inputDigest the SHA-256 of the input, as in the {@code consent.decision} events
 */
public record ConsentQuestion(
    String planId,
    String stepId,
    String toolId,
    String summary,
    List<String> scopes,
    JsonNode input,
    String inputDigest) {
  /**
   * Checks and copies every field.
   *
   * @throws NullPointerException if an argument is null
   */
  public ConsentQuestion {
    Checks.notNull(planId, "planId");
    Checks.notNull(stepId, "stepId");
    Checks.notNull(toolId, "toolId");
    Checks.notNull(summary, "summary");
    scopes = List.copyOf(Checks.noNulls(scopes, "scopes"));
    input = Checks.notNull(input, "input").deepCopy();
    Checks.notNull(inputDigest, "inputDigest");
  }

  /** Returns a copy of the input. */
  @Override
  public JsonNode input() {
    return input.deepCopy();
  }
}
