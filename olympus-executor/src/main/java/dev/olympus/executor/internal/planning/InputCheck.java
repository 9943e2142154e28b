package dev.olympus.executor.internal.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.References;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import dev.olympus.tools.ToolValidationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a draft step's inputs against its tool's input schema before the referenced outputs exist.
 *
 * <p>A value that holds a {@code ${step.field}} reference cannot be checked literally: its real
 * value (and even its type) is known only at run time. Such fields are <b>skipped</b>: the check
 * runs against a copy of the schema in which the subschema of each field holding a reference is
 * replaced by {@code {}} (anything), descending through nested {@code properties} so that the
 * literal fields beside a reference are still checked. The field must still be present where the
 * schema requires it, and unknown fields are still refused. Constraints that span several fields
 * ({@code allOf}, {@code if}/{@code then} at the object's level) are checked against the literal
 * reference text, so they may report a problem the resolved value would not have; the executor
 * checks the resolved input again before the step runs. Thread-safe.
 */
public final class InputCheck {
  private static final int MAX_CACHED = 256;

  private final ToolRegistry tools;
  private final Map<String, ToolRegistry> relaxed = new ConcurrentHashMap<>();

  /** Checks inputs against the tools of {@code tools}. */
  public InputCheck(ToolRegistry tools) {
    this.tools = tools;
  }

  /**
   * The problems of {@code inputs} for tool {@code toolId}, each prefixed with {@code at} (the JSON
   * path of the inputs in the draft).
   */
  public List<String> problems(String toolId, JsonNode inputs, String at) {
    ToolRegistry registry = holdsReference(inputs) ? relaxedFor(toolId, inputs) : tools;
    try {
      registry.validate(ToolCall.of(toolId, inputs));
      return List.of();
    } catch (ToolValidationException e) {
      return e.problems().stream().map(p -> located(p, at)).toList();
    }
  }

  // The validator names locations as "$.a.b: ..." or as a JSON pointer "/a/0: ..."; both become
  // paths below "at".
  static String located(String problem, String at) {
    if (problem.startsWith("$")) {
      return at + problem.substring(1);
    }
    int end = problem.indexOf(": ");
    if (!problem.startsWith("/") || end < 0) {
      return at + ": " + problem;
    }
    StringBuilder path = new StringBuilder(at);
    for (String segment : problem.substring(1, end).split("/", -1)) {
      boolean index = !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
      path.append(
          index ? "[" + segment + "]" : "." + segment.replace("~1", "/").replace("~0", "~"));
    }
    return path + problem.substring(end);
  }

  private ToolRegistry relaxedFor(String toolId, JsonNode inputs) {
    JsonNode schema = relax(tools.get(toolId).spec().inputSchema(), inputs);
    String key = toolId + "\u0000" + schema;
    if (relaxed.size() > MAX_CACHED) {
      relaxed.clear();
    }
    return relaxed.computeIfAbsent(key, k -> registryOf(toolId, schema));
  }

  private static ToolRegistry registryOf(String toolId, JsonNode schema) {
    Tool check =
        Tool.builder(toolId)
            .description("checks draft inputs")
            .inputSchema(schema)
            .handler((input, context) -> input);
    return ToolRegistry.builder().add(check).build();
  }

  /**
   * {@code schema} with the subschema of every field of {@code value} holding a reference relaxed.
   */
  static JsonNode relax(JsonNode schema, JsonNode value) {
    if (!holdsReference(value)) {
      return schema;
    }
    if (!value.isObject() || !schema.path("properties").isObject()) {
      return JsonNodeFactory.instance.objectNode();
    }
    ObjectNode copy = schema.deepCopy();
    ObjectNode properties = (ObjectNode) copy.get("properties");
    value
        .properties()
        .forEach(
            e -> {
              JsonNode sub = properties.get(e.getKey());
              if (sub != null) {
                properties.set(e.getKey(), relax(sub, e.getValue()));
              }
            });
    return copy;
  }

  static boolean holdsReference(JsonNode value) {
    try {
      return !References.find(value).isEmpty();
    } catch (IllegalArgumentException e) {
      return false; // a malformed reference is reported by the plan's own validation
    }
  }
}
