package dev.olympus.tools.internal.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolValidationException;
import dev.olympus.tools.internal.schema.SchemaValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the consent gate checks before anyone is asked: the input against the tool's schema, then
 * the tool's own {@link Tool#precheck}. Keeps the compiled schemas it has seen. Thread-safe.
 */
final class Admission {
  private static final int MAX_CACHED = 256;

  // By tool: a tool is immutable, and its spec hands out copies of its schema, which would be
  // costly to hash and compare as keys on every call.
  private final Map<Tool, SchemaValidator> validators = new ConcurrentHashMap<>();

  /** Throws the refusal a call of {@code tool} with {@code input} would meet. */
  void check(Tool tool, JsonNode input) {
    List<String> problems = validator(tool).problems(input);
    if (!problems.isEmpty()) {
      throw new ToolValidationException(tool.id(), problems);
    }
    try {
      tool.precheck(input);
    } catch (ToolException refused) {
      throw refused;
    } catch (RuntimeException e) {
      throw new ToolExecutionException(tool.id(), "pre-check failed: " + e, false, e);
    }
  }

  private SchemaValidator validator(Tool tool) {
    if (validators.size() > MAX_CACHED) {
      validators.clear();
    }
    return validators.computeIfAbsent(tool, t -> new SchemaValidator(t.spec().inputSchema()));
  }
}
