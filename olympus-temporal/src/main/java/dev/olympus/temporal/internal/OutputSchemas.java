package dev.olympus.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.olympus.tools.Tool;
import java.util.List;

/**
 * Checks an output given in a tool's place (a person's answer, or the host settling a step) against
 * the tool's output schema, as the tool's own result would have had to look. Thread-safe.
 */
final class OutputSchemas {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private OutputSchemas() {}

  /**
   * @throws IllegalArgumentException naming every problem, if {@code output} does not match
   */
  static void check(Tool tool, JsonNode output) {
    List<String> problems =
        FACTORY.getSchema(tool.spec().outputSchema(), CONFIG).validate(output).stream()
            .map(ValidationMessage::getMessage)
            .sorted()
            .toList();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the output does not match the output schema of "
              + tool.id()
              + ": "
              + String.join("; ", problems));
    }
  }
}
