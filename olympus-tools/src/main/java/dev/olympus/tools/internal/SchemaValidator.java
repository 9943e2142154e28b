package dev.olympus.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/** A compiled JSON Schema (2020-12 unless it says otherwise). Thread-safe. */
public final class SchemaValidator {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private final JsonSchema schema;

  /** Compiles {@code schema}. */
  public SchemaValidator(JsonNode schema) {
    this.schema = FACTORY.getSchema(schema, CONFIG);
  }

  /** Returns every problem with {@code instance}, sorted; empty if it is valid. */
  public List<String> problems(JsonNode instance) {
    return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
