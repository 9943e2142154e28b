package dev.olympus.executor.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/**
 * Checks an output the host declares for a step against its tool's output schema, as the tool's own
 * result would have had to look. Thread-safe.
 */
final class OutputCheck {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private OutputCheck() {}

  /**
   * @throws IllegalArgumentException naming every problem, if {@code output} does not match
   */
  static void check(String stepId, String toolId, JsonNode schema, JsonNode output) {
    List<String> problems =
        FACTORY.getSchema(schema, CONFIG).validate(output).stream()
            .map(ValidationMessage::getMessage)
            .sorted()
            .toList();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the output given for step '"
              + stepId
              + "' does not match the output schema of "
              + toolId
              + ": "
              + String.join("; ", problems));
    }
  }
}
