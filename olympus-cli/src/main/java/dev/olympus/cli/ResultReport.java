package dev.olympus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.PlanResult;
import dev.olympus.plan.Step;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints how a plan ended: its state; per step, the file it read, wrote, moved or deleted (by what
 * its tool does, never "wrote" for a read-only step) or the text it produced; why steps failed or
 * are blocked (a denial given in this terminal said once, in the person's words); and which models
 * answered at what cost. Everything passes through {@link Terminal}.
 */
final class ResultReport {
  private final PrintWriter out;
  private final Path sandbox;
  private final ToolRegistry tools;
  private final TerminalConsent consent;

  ResultReport(PrintWriter out, Path sandbox, ToolRegistry tools, TerminalConsent consent) {
    this.out = out;
    this.sandbox = sandbox;
    this.tools = tools;
    this.consent = consent;
  }

  void print(PlanResult result, List<String> models) {
    String planId = result.snapshot().planId();
    out.println("plan " + Terminal.clean(planId) + " " + result.state());
    Map<String, Step> steps =
        result.snapshot().plan().steps().stream()
            .collect(Collectors.toMap(Step::name, Function.identity()));
    result.outputs().forEach((step, output) -> output(step, steps.get(step), output));
    result
        .errors()
        .forEach(
            (step, error) -> {
              Optional<String> denied = consent.deniedHere(planId, step);
              String why = denied.map(d -> "BLOCKED: " + d).orElse(error.message());
              out.println("  " + Terminal.clean(step) + ": " + Terminal.clean(why));
            });
    models.forEach(line -> out.println("  model: " + line));
    out.flush();
  }

  private void output(String name, Step step, JsonNode output) {
    String shown = "  " + Terminal.clean(name) + ": ";
    if (output.hasNonNull("path")) {
      out.println(shown + Terminal.clean(didWithFile(step, output)));
    } else if (output.hasNonNull("text")) {
      out.println(shown + Terminal.clean(output.get("text").asText()));
    }
  }

  private String didWithFile(Step step, JsonNode output) {
    String file = sandbox.resolve(output.get("path").asText()).toString();
    String toolId = step.capability().name();
    Optional<Tool> tool = tools.find(toolId);
    if (tool.isEmpty()) {
      return "used " + file;
    }
    if (tool.get().spec().sideEffect() == SideEffect.READ_ONLY) {
      return "read " + file;
    }
    return switch (toolId) {
      case "fs.delete" ->
          output.path("deleted").asBoolean(true) ? "deleted " + file : "found nothing at " + file;
      case "fs.move" -> "moved " + sandbox.resolve(output.path("from").asText()) + " to " + file;
      default -> "wrote " + file;
    };
  }
}
