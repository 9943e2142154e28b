package dev.olympus.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.plan.ToolCall;
import java.time.Duration;
import java.util.List;

/** Helpers shared by the tests. */
final class TestSupport {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private TestSupport() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ToolContext context() {
    return ToolContext.of("plan-1", "step-1", Duration.ofMinutes(5));
  }

  static ToolContext context(String planId) {
    return ToolContext.of(planId, "step-1", Duration.ofMinutes(5));
  }

  /** A request with an empty input, as the gate would build it. */
  static ConsentRequest request(
      String toolId,
      String scope,
      SideEffect sideEffect,
      String summary,
      List<Resource> resources) {
    JsonNode input = MAPPER.createObjectNode();
    return ConsentRequest.builder(toolId, input)
        .scopes(List.of(scope))
        .sideEffect(sideEffect)
        .risk(Risk.describing(sideEffect))
        .step("p", "s")
        .summary(summary)
        .resources(resources)
        .build();
  }

  static JsonNode call(Tool tool, String input) {
    return tool.invoke(ToolCall.of(tool.id(), json(input)), context());
  }
}
