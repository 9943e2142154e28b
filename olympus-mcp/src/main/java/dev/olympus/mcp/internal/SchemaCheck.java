package dev.olympus.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SDK's {@link JsonSchemaValidator} on networknt 1.5.x (the validator olympus-tools uses),
 * instead of the SDK's default, which needs networknt 2.x with the same package names. Thread-safe.
 */
public final class SchemaCheck implements JsonSchemaValidator {
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    JsonNode instance = Json.MAPPER.valueToTree(structuredContent);
    Set<ValidationMessage> problems =
        factory.getSchema(Json.MAPPER.valueToTree(schema)).validate(instance);
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
