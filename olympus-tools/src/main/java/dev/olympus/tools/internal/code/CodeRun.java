package dev.olympus.tools.internal.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolSpec;
import dev.olympus.tools.ToolValidationException;
import dev.olympus.tools.internal.AbstractTool;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.fs.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code code.run}: a snippet run by an allow-listed interpreter in the workspace folder. */
public final class CodeRun extends AbstractTool {
  private final Path workspace;
  private final Map<String, List<String>> interpreters;
  private final Map<String, String> environment;
  private final CodeLimits limits;
  private final Optional<Path> bwrap;

  /** Creates {@code code.run} in {@code workspace}; {@code bwrap} is a working bubblewrap. */
  public CodeRun(
      Path workspace,
      Map<String, List<String>> interpreters,
      Map<String, String> environment,
      CodeLimits limits,
      Optional<Path> bwrap) {
    super("code.run", spec(interpreters, limits, bwrap.isPresent()));
    this.workspace = Sandbox.at(workspace).root();
    this.interpreters = Map.copyOf(interpreters);
    this.environment = Map.copyOf(environment);
    this.limits = limits;
    this.bwrap = bwrap;
  }

  private static ToolSpec spec(
      Map<String, List<String>> interpreters, CodeLimits limits, boolean isolated) {
    String names = String.join(", ", interpreters.keySet());
    ObjectNode schema =
        Json.parseObject(
            """
            {"type":"object","additionalProperties":false,"required":["interpreter","code"],
             "properties":{
              "code":{"type":"string","minLength":1,"maxLength":100000,
                "description":"The snippet or command line, passed to the interpreter"},
              "args":{"type":"array","maxItems":64,"items":{"type":"string","maxLength":4096},
                "description":"Arguments after the snippet"}}}
            """);
    ArrayNode allowed =
        ((ObjectNode) schema.get("properties")).putObject("interpreter").putArray("enum");
    interpreters.keySet().forEach(allowed::add);
    String description =
        "Run a snippet with one of: "
            + names
            + ". Runs in the workspace folder with a time limit of "
            + limits.timeout().toSeconds()
            + " s; returns the exit code and the first "
            + limits.maxOutputBytes()
            + " bytes of stdout and stderr. "
            + CodeIsolation.describe(isolated, limits.allowNetwork());
    Risk risk = Risk.destructive(CodeIsolation.risk(names, isolated, limits.allowNetwork()));
    return ToolSpec.builder()
        .description(description)
        .inputSchema(schema)
        .outputSchema(Json.object())
        .scopes(List.of("exec_code"))
        .sideEffect(SideEffect.SIDE_EFFECT)
        .risk(risk)
        .build();
  }

  @Override
  public void precheck(JsonNode input) {
    command(input);
  }

  private List<String> command(JsonNode input) {
    String name = input.path("interpreter").asText();
    List<String> interpreter = interpreters.get(name);
    if (interpreter == null) {
      throw new ToolValidationException(
          id(),
          List.of("interpreter '" + name + "' is not allowed; allowed: " + interpreters.keySet()));
    }
    if (!Files.isExecutable(Path.of(interpreter.get(0)))) {
      throw new ToolExecutionException(id(), "interpreter program is gone: " + interpreter.get(0));
    }
    List<String> command = new ArrayList<>(interpreter);
    command.add(input.path("code").asText());
    input.path("args").forEach(arg -> command.add(arg.asText()));
    return command;
  }

  @Override
  public JsonNode invoke(ToolCall call, ToolContext context) {
    context.throwIfCancelled(id());
    List<String> command = CodeIsolation.wrap(command(call.input()), workspace, limits, bwrap);
    Duration limit = context.remaining();
    limit = limit.compareTo(limits.timeout()) < 0 ? limit : limits.timeout();
    try {
      ProcessTree.Outcome outcome =
          ProcessTree.run(command, workspace, environment, limit, limits.maxOutputBytes());
      return result(call.input().path("interpreter").asText(), outcome);
    } catch (IOException e) {
      throw new ToolExecutionException(id(), "could not run: " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(id());
    }
  }

  private JsonNode result(String interpreter, ProcessTree.Outcome outcome) {
    return Json.object()
        .put("interpreter", interpreter)
        .put("exitCode", outcome.exitCode())
        .put("timedOut", outcome.timedOut())
        .put("stdout", outcome.stdout().text())
        .put("stderr", outcome.stderr().text())
        .put("stdoutTruncated", outcome.stdout().truncated())
        .put("stderrTruncated", outcome.stderr().truncated())
        .put("isolation", bwrap.isPresent() ? "bubblewrap" : "none");
  }

  @Override
  public String summarize(JsonNode input) {
    String code = input.path("code").asText();
    int lines = (int) code.lines().count();
    String first = code.lines().findFirst().orElse("");
    return "run "
        + input.path("interpreter").asText()
        + " code ("
        + lines
        + (lines == 1 ? " line" : " lines")
        + "): "
        + first;
  }
}
