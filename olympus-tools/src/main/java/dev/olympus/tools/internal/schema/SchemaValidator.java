package dev.olympus.tools.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 *
 * <p>A schema may come from an untrusted MCP server, and networknt by default loads whatever a
 * {@code $ref} or {@code $schema} names (any URL, local files): a request from inside the host,
 * past the HTTP tools' SSRF guard. Only the meta-schemas bundled with networknt are loaded; a
 * schema that refers to anything outside itself is refused when it is compiled.
 */
public final class SchemaValidator {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          factory ->
              factory.schemaLoaders(
                  loaders -> loaders.add(new AllowSchemaLoader(SchemaValidator::bundled))));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder()
          .formatAssertionsEnabled(true)
          .regularExpressionFactory(BoundedPatterns.INSTANCE)
          .build();

  static final int MAX_DEPTH = 128;

  private final JsonSchema schema;
  private final Set<String> declared = new HashSet<>();

  /**
   * Compiles {@code schema}.
   *
   * @throws IllegalArgumentException if the schema refers to a schema outside itself or does not
   *     compile (a malformed pattern, say)
   */
  public SchemaValidator(JsonNode schema) {
    try {
      this.schema = FACTORY.getSchema(schema, CONFIG);
      this.schema.initializeValidators();
    } catch (JsonSchemaException | IllegalArgumentException e) {
      throw new IllegalArgumentException("schema cannot be used: " + e.getMessage(), e);
    }
    collectDeclared(schema);
  }

  // A meta-schema networknt ships (json-schema.org addresses map to these); nothing else is loaded.
  private static boolean bundled(AbsoluteIri iri) {
    return iri.toString().startsWith("classpath:");
  }

  private void collectDeclared(JsonNode node) {
    if (node.isObject() && node.path("properties").isObject()) {
      node.path("properties").fieldNames().forEachRemaining(declared::add);
    }
    node.forEach(this::collectDeclared);
  }

  /**
   * Returns every problem with {@code instance}, sorted; empty if it is valid. An instance nested
   * deeper than {@value #MAX_DEPTH} objects and arrays is refused unchecked: networknt recurses
   * once per level, and an input as deep as Jackson parses (1,000 levels) overflows the caller's
   * stack.
   */
  public List<String> problems(JsonNode instance) {
    if (depth(instance) > MAX_DEPTH) {
      return List.of("$: the input is nested deeper than " + MAX_DEPTH + " objects and arrays");
    }
    List<String> problems = new ArrayList<>();
    try {
      schema.validate(instance).stream().map(ValidationMessage::getMessage).forEach(problems::add);
    } catch (BoundedPatterns.TooCostly e) {
      problems.add("$: matching a value against the pattern " + e.pattern() + " is too costly");
    }
    hashProperties(instance, "$", problems);
    problems.sort(null);
    return problems;
  }

  /** The most objects and arrays on a path from the root, counted without recursion. */
  private static int depth(JsonNode root) {
    int deepest = 0;
    Deque<Map.Entry<JsonNode, Integer>> pending = new ArrayDeque<>();
    pending.push(Map.entry(root, 1));
    while (!pending.isEmpty()) {
      Map.Entry<JsonNode, Integer> next = pending.pop();
      if (next.getKey().isContainerNode()) {
        int level = next.getValue();
        deepest = Math.max(deepest, level);
        if (level <= MAX_DEPTH) {
          next.getKey().forEach(child -> pending.push(Map.entry(child, level + 1)));
        }
      }
    }
    return deepest;
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
