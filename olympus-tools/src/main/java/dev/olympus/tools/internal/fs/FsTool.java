package dev.olympus.tools.internal.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Resource;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolSpec;
import dev.olympus.tools.internal.AbstractTool;
import dev.olympus.tools.internal.Json;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/** Base of the file tools: one sandbox, one spec, I/O failures mapped to tool exceptions. */
public abstract class FsTool extends AbstractTool {
  protected final Sandbox sandbox;
  protected final FsLimits limits;

  protected FsTool(
      String id,
      Sandbox sandbox,
      FsLimits limits,
      String description,
      String inputSchema,
      SideEffect sideEffect,
      Risk risk,
      String... scopes) {
    super(
        id,
        ToolSpec.builder()
            .description(description)
            .inputSchema(Json.parseObject(inputSchema))
            .outputSchema(Json.object())
            .scopes(List.of(scopes))
            .sideEffect(sideEffect)
            .risk(risk)
            .build());
    this.sandbox = sandbox;
    this.limits = limits;
  }

  @Override
  public final JsonNode invoke(ToolCall call, ToolContext context) {
    context.throwIfCancelled(id());
    try {
      return run(call.input());
    } catch (DirectoryNotEmptyException e) {
      throw new ToolExecutionException(id(), "directory is not empty: " + relative(e), false, e);
    } catch (NoSuchFileException e) {
      throw new ToolExecutionException(id(), "no such file: " + relative(e), false, e);
    } catch (AccessDeniedException e) {
      throw new ToolExecutionException(id(), "permission denied: " + relative(e), false, e);
    } catch (FileSystemException e) {
      throw Sandbox.violationOr(id(), relative(e), e);
    } catch (IOException e) {
      throw new ToolExecutionException(id(), "I/O failure: " + e.getMessage(), true, e);
    }
  }

  private String relative(FileSystemException e) {
    String file = String.valueOf(e.getFile());
    String root = sandbox.root().toString();
    return file.startsWith(root)
        ? "'" + file.substring(root.length()).replaceFirst("^/", "") + "'"
        : "'" + file + "'";
  }

  protected abstract JsonNode run(JsonNode input) throws IOException;

  /** Resolves each path of the input inside the sandbox, refusing what {@link #run} would. */
  @Override
  public void precheck(JsonNode input) {
    for (String field : List.of("path", "from", "to")) {
      if (input.has(field)) {
        sandbox.precheck(id(), path(input, field, rootAllowed()));
      }
    }
  }

  /** Whether the root itself may be the path (a listing). */
  protected boolean rootAllowed() {
    return false;
  }

  /** Parses the input field {@code field} as a sandbox path. */
  protected SandboxPath path(JsonNode input, String field, boolean rootAllowed) {
    return sandbox.parse(id(), input.path(field).asText(), rootAllowed);
  }

  protected ObjectNode result(SandboxPath path) {
    return Json.object().put("path", path.toString());
  }

  @Override
  public List<Resource> resources(JsonNode input) {
    List<Resource> resources = new ArrayList<>();
    for (String field : List.of("path", "from", "to")) {
      String raw = input.path(field).asText("");
      if (!raw.isBlank()) {
        resources.add(Resource.path(cleanOrRaw(raw)));
      }
    }
    return resources;
  }

  /** The clean form of {@code raw} if it passes the lexical rules, else {@code raw} itself. */
  protected static String cleanOrRaw(String raw) {
    try {
      return PathRules.parse(raw).toString();
    } catch (PathRules.Refused e) {
      return raw;
    }
  }

  protected String shown(JsonNode input, String field) {
    return PathRules.display(cleanOrRaw(input.path(field).asText("")));
  }
}
