package dev.olympus.tools.internal.schema;

import static dev.olympus.tools.internal.Checks.argument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import dev.olympus.tools.internal.Json;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.stream.Stream;

/** Generates JSON Schemas (2020-12) for record inputs with victools' jsonschema-generator. */
public final class RecordSchemas {
  private static final SchemaGenerator GENERATOR = generator();

  private RecordSchemas() {}

  private static SchemaGenerator generator() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(
                Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule())
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    config.forFields().withRequiredCheck(RecordSchemas::required);
    return new SchemaGenerator(config.build());
  }

  private static boolean required(FieldScope field) {
    Field member = field.getRawMember();
    return Stream.concat(
            Arrays.stream(member.getAnnotations()),
            Arrays.stream(member.getAnnotatedType().getAnnotations()))
        .map(Annotation::annotationType)
        .noneMatch(type -> type.getSimpleName().equals("Nullable"));
  }

  /** Returns the input schema for {@code type}, which must be a record. */
  public static ObjectNode schemaOf(Class<?> type) {
    argument(type.isRecord(), "inputType must be a record but was " + type.getName());
    JsonNode schema = GENERATOR.generateSchema(type);
    return (ObjectNode) schema;
  }
}
