package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.noNulls;
import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.internal.consent.ResourceMatch;
import java.util.HashSet;
import java.util.List;

/**
 * What a tool declares about itself: a description for the LLM, JSON Schemas for its input and
 * output, the consent scopes it needs and its side-effect class. Immutable; the schema nodes are
 * copied in and out.
 *
 * @param description what the tool does, written for the LLM
 * @param inputSchema the JSON Schema (2020-12) every input must satisfy; an object schema
 * @param outputSchema the JSON Schema of the result ({@code {}} when unspecified)
 * @param scopes the consent scopes a call needs, e.g. {@code fs.write}; may be empty
 * @param sideEffect whether running the tool again is safe (for retries and crash recovery)
 * @param risk what a call does, shown when consent is asked
 */
public record ToolSpec(
    String description,
    JsonNode inputSchema,
    JsonNode outputSchema,
    List<String> scopes,
    SideEffect sideEffect,
    Risk risk) {
  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument or a scope is null
   * @throws IllegalArgumentException if {@code description} is blank, a schema is not a JSON
   *     object, or a scope is malformed or repeated
   */
  public ToolSpec {
    notBlank(description, "description");
    inputSchema = schema(inputSchema, "inputSchema");
    outputSchema = schema(outputSchema, "outputSchema");
    scopes = List.copyOf(noNulls(scopes, "scopes"));
    scopes.forEach(ResourceMatch::checkScope);
    argument(new HashSet<>(scopes).size() == scopes.size(), "scopes repeat: " + scopes);
    notNull(sideEffect, "sideEffect");
    notNull(risk, "risk");
  }

  /**
   * Creates a spec whose risk is {@link Risk#describing} its side effect.
   *
   * @throws NullPointerException if an argument or a scope is null
   * @throws IllegalArgumentException if {@code description} is blank, a schema is not a JSON
   *     object, or a scope is malformed or repeated
   */
  public ToolSpec(
      String description,
      JsonNode inputSchema,
      JsonNode outputSchema,
      List<String> scopes,
      SideEffect sideEffect) {
    this(
        description,
        inputSchema,
        outputSchema,
        scopes,
        sideEffect,
        Risk.describing(notNull(sideEffect, "sideEffect")));
  }

  private static JsonNode schema(JsonNode schema, String name) {
    notNull(schema, name);
    argument(schema.isObject(), name + " must be a JSON object but was " + schema.getNodeType());
    return schema.deepCopy();
  }

  /** Returns a copy of the input schema. */
  @Override
  public JsonNode inputSchema() {
    return inputSchema.deepCopy();
  }

  /** Returns a copy of the output schema. */
  @Override
  public JsonNode outputSchema() {
    return outputSchema.deepCopy();
  }
}
