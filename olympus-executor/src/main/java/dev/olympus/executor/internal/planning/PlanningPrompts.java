package dev.olympus.executor.internal.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.CritiqueIssue;
import dev.olympus.executor.PlanningContext;
import dev.olympus.executor.internal.tools.LlmTools;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import dev.olympus.tools.ToolSpec;
import java.util.List;

/**
 * The planner's and the critic's prompts and the JSON Schemas of their answers. The tool list comes
 * from the registry and is the only set of capabilities a plan may use. Stateless.
 */
final class PlanningPrompts {
  private static final String PLANNER =
      """
      You are the planner of Olympus, an assistant that acts on the user's machine with tools.
      Turn the user's goal into a plan. Answer with one JSON object and nothing else:
      {
        "title": "short title of the plan",
        "budget": {"tokens": 20000, "usd": "0.05"},      (optional: the most the plan may spend)
        "deadline": "PT10M",                              (optional: ISO-8601 time limit)
        "steps": [
          {
            "name": "read",                               (unique; letters, digits, _ and -, starts with a letter)
            "uses": "fs.read",                            (one of the tools listed below, nothing else)
            "with": {"path": "docs/report.txt"},          (the tool's input; must match its input schema)
            "after": ["other-step"],                      (optional: steps that must finish first)
            "guard": {"retries": 2, "deadline": "PT60S", "optional": false},   (optional)
            "description": "what this step is for"        (optional)
          }
        ]
      }
      Rules:
      - Use only the tools listed below; a step's "with" must satisfy that tool's input schema.
      - A string input may contain ${step.field} to use a field of the output of an earlier step
        (a dotted path into its JSON output; numbers index arrays). That step must be an
        ancestor: list it in "after", directly or through other steps. A string that is exactly
        one reference takes the referenced value with its type.
      - Steps form a graph without cycles.
      - Prefer read-only tools; change files or send data only when the goal asks for it, and
        never touch more than the goal needs.
      - Do not repeat an approach listed as having failed before.

      Tools:
      """;
  private static final String CRITIC =
      """
      You review plans written for an assistant that acts on the user's machine with tools.
      Compare the plan with the goal and report its issues:
      - missing-step: the goal needs a step the plan lacks;
      - unnecessary-side-effect: a step changes or sends something the goal does not need;
      - avoidable-consent: a step needs the user's consent although another way would not;
      - risky-input: an input is dangerous (a path outside the task, a destructive option,
        an unchecked URL, data sent where it should not go);
      - other: anything else that makes the plan wrong.
      Severity is "blocking" when the plan must change before it runs, "minor" otherwise.
      Name the step concerned in "step" ("" for the whole plan). Answer with one JSON object:
      {"issues": [{"severity": "blocking", "kind": "risky-input", "step": "write", "message": "..."}]}
      and an empty list when the plan is fine.

      Tools:
      """;

  private PlanningPrompts() {}

  static String plannerSystem(ToolRegistry tools) {
    return PLANNER + toolList(tools);
  }

  static String criticSystem(ToolRegistry tools) {
    return CRITIC + toolList(tools);
  }

  /** The first user message: the goal, the host's notes and the approaches that failed before. */
  static String goal(String goal, PlanningContext context, List<FailedApproach> failed) {
    StringBuilder text = new StringBuilder("Goal: ").append(goal).append('\n');
    context
        .budget()
        .ifPresent(
            b -> text.append("\nThe plan may spend at most: ").append(budget(b)).append('\n'));
    if (!context.notes().isEmpty()) {
      text.append("\nWhat you should know:\n");
      context.notes().forEach(n -> text.append("- ").append(n).append('\n'));
    }
    if (!failed.isEmpty()) {
      text.append("\nApproaches that failed before (do not repeat them):\n");
      failed.forEach(a -> text.append("- ").append(a.describe()).append('\n'));
    }
    return text.append("\nAnswer with the plan as one JSON object.").toString();
  }

  /** The message that sends an invalid draft's problems back. */
  static String fix(List<String> problems) {
    StringBuilder text = new StringBuilder("Your plan is invalid. Problems:\n");
    problems.forEach(p -> text.append("- ").append(p).append('\n'));
    return text.append("Fix every problem and answer with the whole corrected plan as JSON.")
        .toString();
  }

  /** The message that sends a critique's issues back. */
  static String revise(List<CritiqueIssue> issues) {
    StringBuilder text = new StringBuilder("A reviewer found issues in your plan:\n");
    issues.forEach(i -> text.append("- ").append(i).append('\n'));
    return text.append(
            "Revise the plan so that no blocking issue remains and answer with the whole plan as"
                + " JSON.")
        .toString();
  }

  /** The critic's user message. */
  static String critique(String goal, String draft) {
    return "Goal: " + goal + "\n\nPlan:\n" + draft + "\n\nList the plan's issues as JSON.";
  }

  /** The JSON Schema of a draft: the plan format with {@code uses} limited to {@code toolIds}. */
  static JsonNode planSchema(List<String> toolIds) {
    ObjectNode schema = LlmTools.parse(PLAN_SCHEMA).deepCopy();
    ArrayNode uses =
        ((ObjectNode) schema.at("/properties/steps/items/properties/uses")).putArray("enum");
    toolIds.forEach(uses::add);
    return schema;
  }

  /** The JSON Schema of a critique. */
  static JsonNode critiqueSchema() {
    ObjectNode schema = LlmTools.parse(CRITIQUE_SCHEMA).deepCopy();
    ArrayNode severity =
        ((ObjectNode) schema.at("/properties/issues/items/properties/severity")).putArray("enum");
    for (CritiqueIssue.Severity s : CritiqueIssue.Severity.values()) {
      severity.add(s.jsonName());
    }
    ArrayNode kind =
        ((ObjectNode) schema.at("/properties/issues/items/properties/kind")).putArray("enum");
    for (CritiqueIssue.Kind k : CritiqueIssue.Kind.values()) {
      kind.add(k.jsonName());
    }
    return schema;
  }

  private static String toolList(ToolRegistry tools) {
    StringBuilder text = new StringBuilder();
    for (String id : tools.ids()) {
      Tool tool = tools.get(id);
      ToolSpec spec = tool.spec();
      text.append("- ").append(id).append(" (").append(sideEffect(spec));
      if (!spec.scopes().isEmpty()) {
        text.append("; needs consent for ").append(String.join(", ", spec.scopes()));
      }
      text.append("): ").append(spec.description()).append('\n');
      text.append("  input schema: ").append(spec.inputSchema()).append('\n');
      if (!spec.outputSchema().isEmpty()) {
        text.append("  output schema: ").append(spec.outputSchema()).append('\n');
      }
    }
    return text.toString();
  }

  private static String sideEffect(ToolSpec spec) {
    return switch (spec.sideEffect()) {
      case READ_ONLY -> "read-only";
      case IDEMPOTENT -> "changes things, safe to repeat";
      case SIDE_EFFECT -> "changes things";
    };
  }

  private static String budget(dev.olympus.plan.Budget budget) {
    StringBuilder text = new StringBuilder();
    budget.maxTokens().ifPresent(t -> text.append(t).append(" tokens"));
    budget.maxUsd().ifPresent(u -> text.append(text.length() > 0 ? " and " : "").append(u));
    return text.toString();
  }

  private static final String PLAN_SCHEMA =
      """
      {"type":"object","required":["title","steps"],"additionalProperties":false,"properties":{
        "title":{"type":"string","minLength":1},
        "budget":{"type":"object","additionalProperties":false,"properties":{
          "tokens":{"type":"integer","minimum":1},"usd":{"type":"string"}}},
        "deadline":{"type":"string"},
        "steps":{"type":"array","minItems":1,"items":{
          "type":"object","required":["name","uses"],"additionalProperties":false,"properties":{
            "name":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_-]{0,63}$"},
            "uses":{"type":"string"},
            "with":{"type":"object"},
            "after":{"type":"array","items":{"type":"string"}},
            "guard":{"type":"object","properties":{
              "retries":{"type":"integer","minimum":0},"deadline":{"type":"string"},
              "optional":{"type":"boolean"},"consentRequired":{"type":"boolean"}}},
            "description":{"type":"string"}}}}}}
      """;
  private static final String CRITIQUE_SCHEMA =
      """
      {"type":"object","required":["issues"],"additionalProperties":false,"properties":{
        "issues":{"type":"array","items":{
          "type":"object","required":["severity","kind","step","message"],
          "additionalProperties":false,"properties":{
            "severity":{"type":"string"},"kind":{"type":"string"},
            "step":{"type":"string"},"message":{"type":"string"}}}}}}
      """;
}
