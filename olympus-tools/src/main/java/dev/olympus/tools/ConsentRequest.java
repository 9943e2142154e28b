package dev.olympus.tools;

import static dev.olympus.plan.internal.Checks.noNulls;
import static dev.olympus.plan.internal.Checks.notBlank;
import static dev.olympus.plan.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a {@link ConsentProvider} is asked about: one tool call, described for a human. Immutable.
 *
 * @param toolId the tool to run
 * @param scopes the consent scopes it needs
 * @param sideEffect what running it does to the world
 * @param input the call's input with secrets redacted and long strings shortened
 * @param planId the plan the call belongs to
 * @param stepId the step the call belongs to
 * @param summary one line a human can judge, e.g. "write 120 bytes to notes.md"
 * @param resources the paths or hosts the call touches
 */
public record ConsentRequest(
    String toolId,
    List<String> scopes,
    SideEffect sideEffect,
    JsonNode input,
    String planId,
    String stepId,
    String summary,
    List<Resource> resources) {
  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument or an element is null
   * @throws IllegalArgumentException if an id or the summary is blank
   */
  public ConsentRequest {
    notBlank(toolId, "toolId");
    scopes = List.copyOf(noNulls(scopes, "scopes"));
    notNull(sideEffect, "sideEffect");
    input = notNull(input, "input").deepCopy();
    notBlank(planId, "planId");
    notBlank(stepId, "stepId");
    notBlank(summary, "summary");
    resources = List.copyOf(noNulls(resources, "resources"));
  }

  /** Returns a copy of the redacted input. */
  @Override
  public JsonNode input() {
    return input.deepCopy();
  }
}
