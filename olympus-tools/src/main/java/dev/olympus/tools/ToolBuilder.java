package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.LambdaTool;
import dev.olympus.tools.internal.RecordSchemas;
import java.util.List;

/**
 * Builds a {@link Tool} from a lambda ({@link #handler}) or from a record-typed lambda ({@link
 * #typed}) whose input schema is generated from the record. Not thread-safe; the tools it builds
 * are immutable, and the builder can build more than once.
 *
 * <pre>{@code
 * Tool clock = Tool.builder("time.now")
 *     .description("Returns the current time")
 *     .handler((input, ctx) -> TextNode.valueOf(Instant.now().toString()));
 * }</pre>
 */
public final class ToolBuilder {
  private final String id;
  private String description;
  private JsonNode inputSchema = Json.emptyObjectSchema();
  private JsonNode outputSchema = Json.MAPPER.createObjectNode();
  private List<String> scopes = List.of();
  private SideEffect sideEffect = SideEffect.SIDE_EFFECT;
  private Risk risk;

  ToolBuilder(String id) {
    this.id = checkId(id);
  }

  static String checkId(String id) {
    notNull(id, "id");
    argument(
        id.matches("[a-zA-Z0-9_.-]{1,64}"),
        "tool id must match [a-zA-Z0-9_.-]{1,64} but was '" + id + "'");
    return id;
  }

  /**
   * Sets the description shown to the LLM (required).
   *
   * @throws NullPointerException if {@code description} is null
   * @throws IllegalArgumentException if {@code description} is blank
   */
  public ToolBuilder description(String description) {
    this.description = notBlank(description, "description");
    return this;
  }

  /**
   * Sets the input schema for {@link #handler}; the default accepts an object with no properties.
   *
   * @throws NullPointerException if {@code schema} is null
   */
  public ToolBuilder inputSchema(JsonNode schema) {
    this.inputSchema = notNull(schema, "schema").deepCopy();
    return this;
  }

  /**
   * Sets the output schema; the default ({@code {}}) allows any result.
   *
   * @throws NullPointerException if {@code schema} is null
   */
  public ToolBuilder outputSchema(JsonNode schema) {
    this.outputSchema = notNull(schema, "schema").deepCopy();
    return this;
  }

  /**
   * Sets the consent scopes a call needs; the default is none.
   *
   * @throws NullPointerException if {@code scopes} or one of them is null
   */
  public ToolBuilder scopes(String... scopes) {
    this.scopes = List.of(notNull(scopes, "scopes"));
    return this;
  }

  /**
   * Sets the side-effect class; the default is the cautious {@link SideEffect#SIDE_EFFECT}.
   *
   * @throws NullPointerException if {@code sideEffect} is null
   */
  public ToolBuilder sideEffect(SideEffect sideEffect) {
    this.sideEffect = notNull(sideEffect, "sideEffect");
    return this;
  }

  /**
   * Sets what a call does, shown when consent is asked; the default is {@link Risk#describing} the
   * side-effect class.
   *
   * @throws NullPointerException if {@code risk} is null
   */
  public ToolBuilder risk(Risk risk) {
    this.risk = notNull(risk, "risk");
    return this;
  }

  /**
   * Builds a tool that runs {@code handler} on the validated JSON input.
   *
   * @throws NullPointerException if {@code handler} is null
   * @throws IllegalStateException if no description was set
   * @throws IllegalArgumentException if a schema is not a JSON object or a scope is malformed
   */
  public Tool handler(ToolHandler handler) {
    notNull(handler, "handler");
    return new LambdaTool(id, spec(inputSchema), handler);
  }

  /**
   * Builds a tool whose input is the record {@code inputType}: the input schema is generated from
   * the record's components (all required except those annotated {@code @Nullable};
   * {@code @JsonPropertyDescription} becomes the description; unknown properties are refused), and
   * each validated input is converted to the record before {@code handler} runs. The record must be
   * readable by Jackson (on the module path, open its package to {@code
   * com.fasterxml.jackson.databind}).
   *
   * @param <I> the input record type
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if no description was set
   * @throws IllegalArgumentException if {@code inputType} is not a record
   */
  public <I extends Record> Tool typed(Class<I> inputType, TypedToolHandler<I> handler) {
    notNull(inputType, "inputType");
    notNull(handler, "handler");
    ToolSpec spec = spec(RecordSchemas.schemaOf(inputType));
    return new LambdaTool(
        id,
        spec,
        (input, ctx) -> Json.toTree(id, handler.handle(Json.convert(id, input, inputType), ctx)));
  }

  private ToolSpec spec(JsonNode input) {
    state(description != null, "description must be set before building tool '" + id + "'");
    return new ToolSpec(
        description,
        input,
        outputSchema,
        scopes,
        sideEffect,
        risk == null ? Risk.describing(sideEffect) : risk);
  }
}
