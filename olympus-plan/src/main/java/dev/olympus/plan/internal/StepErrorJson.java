package dev.olympus.plan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.PlanFormatException;
import dev.olympus.plan.StepError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The JSON form of a {@link StepError}: {@code {"kind": "...", "message": "...", "retryable":
 * ...}}, plus {@code "schema"} for a validation error. Also reads the plain message that
 * checkpoints held before errors were typed, by the prefixes the executor wrote then.
 */
public final class StepErrorJson {
  private static final Set<String> FIELDS = Set.of("kind", "message", "retryable", "schema");
  private static final List<String> KIND_NAMES =
      Arrays.stream(StepError.Kind.values()).map(StepError.Kind::jsonName).toList();

  // What the executor wrote before errors were typed, by how the message starts. Order matters:
  // the first matching prefix wins.
  private static final List<Map.Entry<String, Function<String, StepError>>> LEGACY_PREFIXES =
      List.of(
          Map.entry("BudgetExceeded", StepError.BudgetExceeded::new),
          Map.entry("Timeout: ", StepError.Timeout::new),
          Map.entry("ToolTimeoutException", StepError.Timeout::new),
          Map.entry("consent denied", StepError.ConsentDenied::new),
          Map.entry("ToolConsentDeniedException", StepError.ConsentDenied::new),
          Map.entry("interrupted while running", StepError.Interrupted::new),
          Map.entry("rejected by host", StepError.Rejected::new),
          Map.entry("ancestor '", StepError.AncestorFailed::new),
          Map.entry("cancelled", StepError.Cancelled::new),
          Map.entry("ToolCancelledException", StepError.Cancelled::new),
          Map.entry("CancelledException", StepError.Cancelled::new),
          Map.entry("plan failed", StepError.NotRun::new),
          Map.entry("unreachable", StepError.NotRun::new),
          Map.entry("ToolValidationException", m -> validation(StepError.Schema.INPUT, m)),
          Map.entry(
              "IllegalArgumentException: the output given",
              m -> validation(StepError.Schema.OUTPUT, m)),
          Map.entry("circuit breaker of tool", m -> new StepError.ToolFailed(m, true)),
          Map.entry("executor rejected the step", m -> new StepError.ToolFailed(m, true)),
          Map.entry("ToolRateLimitedException", m -> new StepError.ToolFailed(m, true)),
          Map.entry("RateLimitedException", m -> new StepError.ToolFailed(m, true)),
          Map.entry("TransientException", m -> new StepError.ToolFailed(m, true)),
          Map.entry("StreamBrokenException", m -> new StepError.ToolFailed(m, true)),
          Map.entry("UnavailableException", m -> new StepError.ToolFailed(m, true)));

  private StepErrorJson() {}

  /** {@code error} as a JSON object. */
  public static ObjectNode write(StepError error) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", error.kind().jsonName()).put("message", error.message());
    node.put("retryable", error.retryable());
    if (error instanceof StepError.Validation validation) {
      node.put("schema", validation.schema().name());
    }
    return node;
  }

  /**
   * Reads an error written by {@link #write}, or the plain message of an old checkpoint.
   *
   * @throws PlanFormatException if the JSON is neither
   */
  public static StepError read(JsonNode json, String path) {
    if (json.isTextual()) {
      return legacy(json.asText());
    }
    JsonField error = JsonField.of(json, path).only(FIELDS);
    StepError.Kind kind =
        JsonField.parse(
            error.text("kind"), error.at("kind"), StepErrorJson::kind, "one of " + KIND_NAMES);
    String message = error.text("message");
    return switch (kind) {
      case TOOL_FAILED ->
          new StepError.ToolFailed(message, error.optionalBoolean("retryable").orElse(false));
      case VALIDATION -> new StepError.Validation(schema(error), message);
      case CONSENT_DENIED -> new StepError.ConsentDenied(message);
      case BUDGET_EXCEEDED -> new StepError.BudgetExceeded(message);
      case TIMEOUT -> new StepError.Timeout(message);
      case CANCELLED -> new StepError.Cancelled(message);
      case INTERRUPTED -> new StepError.Interrupted(message);
      case REJECTED -> new StepError.Rejected(message);
      case ANCESTOR_FAILED -> new StepError.AncestorFailed(message);
      case NOT_RUN -> new StepError.NotRun(message);
      case UNRECOGNIZED -> new StepError.Unrecognized(message);
    };
  }

  /**
   * The kind an old checkpoint's plain {@code message} names, or {@link StepError.Unrecognized}.
   */
  public static StepError legacy(String message) {
    for (var prefix : LEGACY_PREFIXES) {
      if (message.startsWith(prefix.getKey())) {
        return prefix.getValue().apply(message);
      }
    }
    int colon = message.indexOf(": ");
    String type = colon < 0 ? message : message.substring(0, colon);
    if (type.endsWith("Exception") && type.chars().allMatch(Character::isJavaIdentifierPart)) {
      return new StepError.ToolFailed(message, false);
    }
    return new StepError.Unrecognized(message);
  }

  private static StepError validation(StepError.Schema schema, String message) {
    return new StepError.Validation(schema, message);
  }

  private static StepError.Kind kind(String name) {
    for (StepError.Kind kind : StepError.Kind.values()) {
      if (kind.jsonName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown step error kind '" + name + "'");
  }

  private static StepError.Schema schema(JsonField error) {
    return JsonField.parse(
        error.text("schema"),
        error.at("schema"),
        StepError.Schema::valueOf,
        "one of " + List.of(StepError.Schema.values()));
  }
}
