package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.noNulls;
import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.consent.ResourceMatch;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a tool declares about itself: a description for the LLM, JSON Schemas for its input and
 * output, the consent scopes it needs, its side-effect class and what a call does. Immutable and
 * thread-safe; the schema nodes are copied in and out.
 *
 * <pre>{@code
 * ToolSpec spec = ToolSpec.builder()
 *     .description("Reads a ledger entry")
 *     .inputSchema(schema)
 *     .scopes(List.of("ledger.read"))
 *     .sideEffect(SideEffect.READ_ONLY)
 *     .build();
 * }</pre>
 */
public final class ToolSpec {
  private final String description;
  private final JsonNode inputSchema;
  private final JsonNode outputSchema;
  private final List<String> scopes;
  private final SideEffect sideEffect;
  private final Risk risk;

  private ToolSpec(Builder b) {
    this.description = b.description;
    this.inputSchema = b.inputSchema.deepCopy();
    this.outputSchema = b.outputSchema.deepCopy();
    this.scopes = b.scopes;
    this.sideEffect = b.sideEffect;
    this.risk = b.risk == null ? Risk.describing(b.sideEffect) : b.risk;
  }

  /**
   * Returns a new builder: no description yet (required), an input schema accepting an object with
   * no properties, an output schema ({@code {}}) allowing any result, no scopes, {@link
   * SideEffect#SIDE_EFFECT}, and a risk {@link Risk#describing} the side effect.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this spec's values. */
  public Builder toBuilder() {
    return new Builder()
        .description(description)
        .inputSchema(inputSchema)
        .outputSchema(outputSchema)
        .scopes(scopes)
        .sideEffect(sideEffect)
        .risk(risk);
  }

  /** Returns what the tool does, written for the LLM. */
  public String description() {
    return description;
  }

  /** Returns a copy of the JSON Schema (2020-12) every input must satisfy; an object schema. */
  public JsonNode inputSchema() {
    return inputSchema.deepCopy();
  }

  /** Returns a copy of the JSON Schema of the result ({@code {}} when unspecified). */
  public JsonNode outputSchema() {
    return outputSchema.deepCopy();
  }

  /** Returns the consent scopes a call needs, e.g. {@code fs.write}; may be empty. */
  public List<String> scopes() {
    return scopes;
  }

  /** Returns whether running the tool again is safe (for retries and crash recovery). */
  public SideEffect sideEffect() {
    return sideEffect;
  }

  /** Returns what a call does, shown when consent is asked. */
  public Risk risk() {
    return risk;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolSpec that
        && description.equals(that.description)
        && inputSchema.equals(that.inputSchema)
        && outputSchema.equals(that.outputSchema)
        && scopes.equals(that.scopes)
        && sideEffect == that.sideEffect
        && risk.equals(that.risk);
  }

  @Override
  public int hashCode() {
    return Objects.hash(description, inputSchema, outputSchema, scopes, sideEffect, risk);
  }

  @Override
  public String toString() {
    return "ToolSpec[description="
        + description
        + ", scopes="
        + scopes
        + ", sideEffect="
        + sideEffect
        + ", risk="
        + risk
        + "]";
  }

  /**
   * Builds a {@link ToolSpec}. Settings may be called again: the last call wins. Not thread-safe;
   * can build more than once.
   */
  public static final class Builder {
    private String description;
    private JsonNode inputSchema = Json.emptyObjectSchema();
    private JsonNode outputSchema = Json.object();
    private List<String> scopes = List.of();
    private SideEffect sideEffect = SideEffect.SIDE_EFFECT;
    private Risk risk;

    private Builder() {}

    /**
     * Sets what the tool does, written for the LLM (required).
     *
     * @throws NullPointerException if {@code description} is null
     * @throws IllegalArgumentException if {@code description} is blank
     */
    public Builder description(String description) {
      this.description = notBlank(description, "description");
      return this;
    }

    /**
     * Sets the JSON Schema every input must satisfy; default: an object with no properties.
     *
     * @throws NullPointerException if {@code schema} is null
     * @throws IllegalArgumentException if {@code schema} is not a JSON object
     */
    public Builder inputSchema(JsonNode schema) {
      this.inputSchema = schema(schema, "inputSchema");
      return this;
    }

    /**
     * Sets the JSON Schema of the result; default {@code {}}, any result.
     *
     * @throws NullPointerException if {@code schema} is null
     * @throws IllegalArgumentException if {@code schema} is not a JSON object
     */
    public Builder outputSchema(JsonNode schema) {
      this.outputSchema = schema(schema, "outputSchema");
      return this;
    }

    /**
     * Sets the consent scopes a call needs; default none.
     *
     * @throws NullPointerException if {@code scopes} or a scope is null
     * @throws IllegalArgumentException if a scope is malformed or repeated
     */
    public Builder scopes(List<String> scopes) {
      List<String> copy = List.copyOf(noNulls(scopes, "scopes"));
      copy.forEach(ResourceMatch::checkScope);
      argument(new HashSet<>(copy).size() == copy.size(), "scopes repeat: " + copy);
      this.scopes = copy;
      return this;
    }

    /**
     * Sets the side-effect class; default the cautious {@link SideEffect#SIDE_EFFECT}.
     *
     * @throws NullPointerException if {@code sideEffect} is null
     */
    public Builder sideEffect(SideEffect sideEffect) {
      this.sideEffect = notNull(sideEffect, "sideEffect");
      return this;
    }

    /**
     * Sets what a call does, shown when consent is asked; default {@link Risk#describing} the
     * side-effect class.
     *
     * @throws NullPointerException if {@code risk} is null
     */
    public Builder risk(Risk risk) {
      this.risk = notNull(risk, "risk");
      return this;
    }

    /**
     * Builds the spec.
     *
     * @throws IllegalStateException if no description was set
     */
    public ToolSpec build() {
      state(description != null, "description must be set");
      return new ToolSpec(this);
    }

    private static JsonNode schema(JsonNode schema, String name) {
      notNull(schema, name);
      argument(schema.isObject(), name + " must be a JSON object but was " + schema.getNodeType());
      return schema.deepCopy();
    }
  }
}
