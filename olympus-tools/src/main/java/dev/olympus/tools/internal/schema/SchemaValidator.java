package dev.olympus.tools.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled JSON Schema (2020-12 unless it says otherwise). Thread-safe.
 *
 * <p>networknt 1.5.x skips property names starting with {@code #} when checking {@code
 * additionalProperties} (found by our property test), so such names are refused here unless the
 * schema declares them in some {@code properties}.
 */
public final class SchemaValidator {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private final JsonSchema schema;
  private final Set<String> declared = new HashSet<>();

  /** Compiles {@code schema}. */
  public SchemaValidator(JsonNode schema) {
    this.schema = FACTORY.getSchema(schema, CONFIG);
    collectDeclared(schema);
  }

  private void collectDeclared(JsonNode node) {
    if (node.isObject() && node.path("properties").isObject()) {
      node.path("properties").fieldNames().forEachRemaining(declared::add);
    }
    node.forEach(this::collectDeclared);
  }

  /** Returns every problem with {@code instance}, sorted; empty if it is valid. */
  public List<String> problems(JsonNode instance) {
    List<String> problems = new ArrayList<>();
    schema.validate(instance).stream().map(ValidationMessage::getMessage).forEach(problems::add);
    hashProperties(instance, "$", problems);
    problems.sort(null);
    return problems;
  }

  private void hashProperties(JsonNode node, String at, List<String> problems) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().startsWith("#") && !declared.contains(field.getKey())) {
          problems.add(at + ": property '" + field.getKey() + "' is not defined in the schema");
        }
        hashProperties(field.getValue(), at + "." + field.getKey(), problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        hashProperties(node.get(i), at + "[" + i + "]", problems);
      }
    }
  }
}
