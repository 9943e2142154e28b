package dev.olympus.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.internal.Checks;
import java.util.Optional;

/**
 * The shape the answer must take: free text, any JSON object, or JSON matching a schema.
 *
 * <pre>{@code
 * ResponseFormat format = ResponseFormat.jsonSchema("person", schemaNode);
 * }</pre>
 *
 * <p>Immutable and thread-safe as long as nobody mutates the schema; the constructor keeps its own
 * copy.
 *
 * @param kind which of the three shapes
 * @param name the schema's name (OpenAI requires one); empty unless {@code kind} is {@link
 *     Kind#JSON_SCHEMA}
 * @param schema the JSON Schema; present exactly when {@code kind} is {@link Kind#JSON_SCHEMA}
 */
public record ResponseFormat(Kind kind, String name, Optional<JsonNode> schema) {
  private static final ResponseFormat TEXT = new ResponseFormat(Kind.TEXT, "", Optional.empty());
  private static final ResponseFormat JSON = new ResponseFormat(Kind.JSON, "", Optional.empty());

  /** The three shapes. */
  public enum Kind {
    /** Free text. */
    TEXT,
    /** A JSON object of any shape ("JSON mode"). */
    JSON,
    /** A JSON value matching a schema ("structured output"). */
    JSON_SCHEMA
  }

  /**
   * Checks that a schema is given exactly for {@link Kind#JSON_SCHEMA} and copies it.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if the schema does not match the kind
   */
  public ResponseFormat {
    Checks.notNull(kind, "kind");
    Checks.notNull(name, "name");
    Checks.notNull(schema, "schema");
    Checks.argument(
        schema.isPresent() == (kind == Kind.JSON_SCHEMA),
        "a schema is required for JSON_SCHEMA and only for it, kind was " + kind);
    Checks.argument(kind != Kind.JSON_SCHEMA || !name.isBlank(), "name cannot be blank");
    schema = schema.map(JsonNode::deepCopy);
  }

  /** Free text, the default. */
  public static ResponseFormat text() {
    return TEXT;
  }

  /** Any JSON object. */
  public static ResponseFormat json() {
    return JSON;
  }

  /**
   * JSON that matches {@code schema}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static ResponseFormat jsonSchema(String name, JsonNode schema) {
    return new ResponseFormat(
        Kind.JSON_SCHEMA, name, Optional.of(Checks.notNull(schema, "schema")));
  }
}
