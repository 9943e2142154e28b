package dev.olympus.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SDK's {@link JsonSchemaValidator} on networknt 1.5.x (the validator olympus-tools uses),
 * instead of the SDK's default, which needs networknt 2.x with the same package names. Thread-safe.
 *
 * <p>Schemas come from the peer and are untrusted; networknt by default loads whatever a {@code
 * $ref} or {@code $schema} names (any URL, local files), a request from inside the host past the
 * HTTP tools' SSRF guard. Only the meta-schemas bundled with networknt are loaded here.
 */
public final class SchemaCheck implements JsonSchemaValidator {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          factory ->
              factory.schemaLoaders(
                  loaders -> loaders.add(new AllowSchemaLoader(SchemaCheck::bundled))));

  // json-schema.org addresses map to networknt's bundled meta-schemas; nothing else is loaded.
  private static boolean bundled(AbsoluteIri iri) {
    return iri.toString().startsWith("classpath:");
  }

  /**
   * Compiles {@code schema} with every reference resolved.
   *
   * @throws IllegalArgumentException if it refers to a schema outside itself, or is unusable
   */
  static JsonSchema compile(JsonNode schema) {
    try {
      JsonSchema compiled = FACTORY.getSchema(schema);
      compiled.initializeValidators();
      return compiled;
    } catch (JsonSchemaException e) {
      throw new IllegalArgumentException("its schema cannot be used: " + e.getMessage(), e);
    }
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    JsonNode instance = Json.MAPPER.valueToTree(structuredContent);
    Set<ValidationMessage> problems;
    try {
      problems = compile(Json.MAPPER.valueToTree(schema)).validate(instance);
    } catch (IllegalArgumentException e) {
      return ValidationResponse.asInvalid("Validation failed: " + e.getMessage());
    }
    if (problems.isEmpty()) {
      return ValidationResponse.asValid(Json.write(instance));
    }
    return ValidationResponse.asInvalid(
        "Validation failed: "
            + problems.stream()
                .map(ValidationMessage::getMessage)
                .collect(Collectors.joining("; ")));
  }
}
