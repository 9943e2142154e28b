package dev.olympus.plan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Budget;
import dev.olympus.plan.PlanFormatException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON object being read, with its JSON path, so every error names where it is.
 *
 * @param node the object
 * @param path its JSON path
 */
public record JsonField(ObjectNode node, String path) {
  private static final int MAX_DECIMAL_TEXT = Budget.MAX_USD_TEXT_LENGTH;
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  /**
   * Wraps {@code node}, which must be an object.
   *
   * @throws PlanFormatException if it is not an object
   */
  public static JsonField of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new PlanFormatException(path, "expected an object but found " + kind(node));
    }
    return new JsonField((ObjectNode) node, path);
  }

  /**
   * Refuses any field not in {@code allowed}.
   *
   * @throws PlanFormatException naming the first unknown field
   */
  public JsonField only(Set<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                throw new PlanFormatException(
                    at(name), "unknown field; expected one of " + new java.util.TreeSet<>(allowed));
              }
            });
    return this;
  }

  /** The JSON path of child {@code name}. */
  public String at(String name) {
    return path + "." + name;
  }

  /** Returns the child, if present and not null. */
  public Optional<JsonNode> optional(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  /** Returns the child object. */
  public JsonField object(String name) {
    return of(required(name), at(name));
  }

  /** Returns a required string. */
  public String text(String name) {
    return asText(required(name), at(name));
  }

  /** Returns an optional string. */
  public Optional<String> optionalText(String name) {
    return optional(name).map(v -> asText(v, at(name)));
  }

  /** Returns an optional integer. */
  public Optional<Long> optionalLong(String name) {
    return optional(name).map(v -> asLong(v, at(name)));
  }

  /** Returns an optional boolean. */
  public Optional<Boolean> optionalBoolean(String name) {
    return optional(name)
        .map(
            v -> {
              if (!v.isBoolean()) {
                throw new PlanFormatException(at(name), "expected a boolean but found " + kind(v));
              }
              return v.booleanValue();
            });
  }

  /** Returns an optional decimal number, given as a JSON number or a decimal string. */
  public Optional<BigDecimal> optionalDecimal(String name) {
    return optional(name).map(v -> asDecimal(v, at(name)));
  }

  /**
   * Returns an optional duration: ISO-8601 ({@code PT30S}) or short ({@code 30s}, {@code 500ms}).
   */
  public Optional<Duration> optionalDuration(String name) {
    return optionalText(name).map(t -> parseDuration(t, at(name)));
  }

  /** Returns an optional instant in ISO-8601 form. */
  public Optional<Instant> optionalInstant(String name) {
    return optionalText(name).map(t -> parse(t, at(name), Instant::parse, "an ISO-8601 instant"));
  }

  /** Returns an optional array of strings (empty when absent). */
  public List<String> textList(String name) {
    Optional<JsonNode> value = optional(name);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      throw new PlanFormatException(at(name), "expected an array but found " + kind(value.get()));
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < value.get().size(); i++) {
      texts.add(asText(value.get().get(i), at(name) + "[" + i + "]"));
    }
    return texts;
  }

  /** Returns the required child, which may be any JSON value. */
  public JsonNode required(String name) {
    return optional(name)
        .orElseThrow(() -> new PlanFormatException(at(name), "required field is missing"));
  }

  /** Parses {@code text} with {@code parser}, naming {@code expected} on failure. */
  public static <T> T parse(String text, String path, Function<String, T> parser, String expected) {
    try {
      return parser.apply(text);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new PlanFormatException(path, "expected " + expected + " but found '" + text + "'", e);
    }
  }

  private static Duration parseDuration(String text, String path) {
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    return parse(text, path, Duration::parse, "a duration such as 'PT30S' or '30s'");
  }

  private static String asText(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw new PlanFormatException(path, "expected a string but found " + kind(value));
    }
    return value.textValue();
  }

  private static long asLong(JsonNode value, String path) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new PlanFormatException(path, "expected an integer but found " + kind(value));
    }
    return value.longValue();
  }

  // Jackson reads 1E+999999999 as an infinite double, whose decimalValue() throws.
  private static BigDecimal asDecimal(JsonNode value, String path) {
    if (value.isNumber()) {
      if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
        throw new PlanFormatException(path, "expected a finite decimal number but found " + value);
      }
      return value.decimalValue();
    }
    if (value.isTextual()) {
      String text = value.textValue();
      if (text.length() > MAX_DECIMAL_TEXT) {
        throw new PlanFormatException(
            path,
            "expected a decimal number of at most "
                + MAX_DECIMAL_TEXT
                + " characters but found "
                + text.length());
      }
      return parse(text, path, BigDecimal::new, "a decimal number");
    }
    throw new PlanFormatException(path, "expected a decimal number but found " + kind(value));
  }

  /** Describes the JSON type of {@code value} for error messages. */
  public static String kind(JsonNode value) {
    return value == null || value.isMissingNode()
        ? "nothing"
        : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
