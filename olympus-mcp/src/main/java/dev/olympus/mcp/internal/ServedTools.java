package dev.olympus.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.ConsentGate;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolRegistry;
import dev.olympus.tools.ToolValidationException;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link ToolRegistry}'s tools as MCP tools: annotations from each tool's side effect, and each
 * call validated against the schema, passed through the host's {@link ConsentGate} and run by the
 * registry (rate limits, timeouts). What the person decided is what happens: an edited input is the
 * one that runs, and a result given in the tool's place is returned without running the tool. A
 * schema-invalid input, a denial or a failure is an MCP tool error ({@code isError}) whose text
 * says why, as the MCP spec asks for errors a model can act on. Thread-safe.
 */
public final class ServedTools {
  private final ToolRegistry registry;
  private final ConsentGate consent;
  private final Duration timeout;

  /** Serves {@code registry}'s tools, asking {@code consent} before each call. */
  public ServedTools(ToolRegistry registry, ConsentGate consent, Duration timeout) {
    this.registry = registry;
    this.consent = consent;
    this.timeout = timeout;
  }

  /** Returns the MCP description of every tool, in the registry's order. */
  List<McpSchema.Tool> tools() {
    return registry.ids().stream().map(id -> describe(registry.get(id))).toList();
  }

  /** Returns the tools for the SDK's session servers (stdio). */
  public List<McpServerFeatures.SyncToolSpecification> sessionSpecifications() {
    return tools().stream()
        .map(tool -> new McpServerFeatures.SyncToolSpecification(tool, (ex, req) -> call(req)))
        .toList();
  }

  /** Returns the tools for the SDK's stateless servers (HTTP). */
  public List<McpStatelessServerFeatures.SyncToolSpecification> statelessSpecifications() {
    return tools().stream()
        .map(tool -> new McpStatelessServerFeatures.SyncToolSpecification(tool, (c, r) -> call(r)))
        .toList();
  }

  private static McpSchema.Tool describe(Tool tool) {
    ObjectNode schema = (ObjectNode) tool.spec().inputSchema();
    return McpSchema.Tool.builder(tool.id(), Json.toMap(schema))
        .description(tool.spec().description())
        .annotations(annotations(tool.spec().sideEffect()))
        .build();
  }

  static ToolAnnotations annotations(SideEffect effect) {
    return ToolAnnotations.builder()
        .readOnlyHint(effect == SideEffect.READ_ONLY)
        .idempotentHint(effect != SideEffect.SIDE_EFFECT)
        .openWorldHint(true)
        .build();
  }

  /** Runs one call; never throws for a failure of the tool, only returns an error result. */
  public CallToolResult call(CallToolRequest request) {
    String planId = "mcp-" + UUID.randomUUID();
    Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
    ToolCall call = ToolCall.of(request.name(), Json.MAPPER.valueToTree(arguments));
    ToolContext context =
        new ToolContext(
            planId, request.name(), planId, Instant.now().plus(timeout), new Cancellation());
    try {
      Tool tool = registry.get(call.toolId());
      registry.validate(call);
      return success(run(consent.authorize(tool, call, context), context));
    } catch (ToolValidationException e) {
      return error("invalid input: " + String.join("; ", e.problems()));
    } catch (ToolConsentDeniedException e) {
      return error("the user did not consent: " + e.reason());
    } catch (ToolException e) {
      return error(e.getMessage());
    } finally {
      consent.endPlan(planId);
    }
  }

  /**
   * Carries out the person's decision: the result they gave in the tool's place, or the call with
   * the input they approved (which an edit may have changed), checked against the grant.
   */
  private JsonNode run(ConsentEvent decision, ToolContext context) {
    if (decision.kind() == ConsentEvent.Kind.ANSWERED) {
      return decision.answer().orElseThrow();
    }
    ConsentRequest approved = decision.request();
    return registry.invoke(ToolCall.of(approved.toolId(), approved.input()), context, decision);
  }

  private static CallToolResult success(JsonNode result) {
    CallToolResult.Builder answer =
        CallToolResult.builder().addTextContent(Json.write(result)).isError(false);
    if (result.isObject()) {
      answer.structuredContent(Json.toMap(result));
    }
    return answer.build();
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }
}
