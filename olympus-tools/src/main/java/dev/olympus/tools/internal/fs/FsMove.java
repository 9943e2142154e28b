package dev.olympus.tools.internal.fs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolExecutionException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;

/** {@code fs.move}: renames a file or directory within the workspace (atomic rename). */
final class FsMove extends FsTool {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["from","to"],"properties":{
        "from":{"type":"string","minLength":1,"maxLength":4096,
          "description":"Existing file or directory relative to the workspace root"},
        "to":{"type":"string","minLength":1,"maxLength":4096,
          "description":"New path relative to the workspace root; its directory must exist"},
        "overwrite":{"type":"boolean","default":false,
          "description":"Replace an existing file at the new path"}}}
      """;

  FsMove(Sandbox sandbox, FsLimits limits) {
    super(
        "fs.move",
        sandbox,
        limits,
        "Move or rename a file or directory within the workspace.",
        SCHEMA,
        SideEffect.SIDE_EFFECT,
        Risk.destructive("moves a file; with overwrite, replaces the file at the target"),
        "fs.write",
        "fs.delete");
  }

  @Override
  protected JsonNode run(JsonNode input) throws IOException {
    SandboxPath from = path(input, "from", false);
    SandboxPath to = path(input, "to", false);
    boolean overwrite = input.path("overwrite").asBoolean(false);
    try (SecureDirectoryStream<Path> source = sandbox.openDirectory(id(), from.parent(), false);
        SecureDirectoryStream<Path> target = sandbox.openDirectory(id(), to.parent(), false)) {
      Path fromName = Path.of(from.name());
      Path toName = Path.of(to.name());
      BasicFileAttributes sourceAttributes = Sandbox.attributesOrNull(source, fromName);
      if (sourceAttributes == null) {
        throw new ToolExecutionException(id(), "no such file '" + from + "'");
      }
      refuseSpecial(from, sourceAttributes);
      BasicFileAttributes targetAttributes = Sandbox.attributesOrNull(target, toName);
      if (targetAttributes != null) {
        refuseSpecial(to, targetAttributes);
        if (!overwrite || targetAttributes.isDirectory()) {
          throw new ToolExecutionException(id(), "'" + to + "' exists");
        }
      }
      source.move(fromName, target, toName);
    }
    return result(to).put("from", from.toString());
  }

  private void refuseSpecial(SandboxPath path, BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink() || attributes.isOther()) {
      throw new SandboxViolationException(
          id(), path.toString(), "symbolic links and special files are not touched");
    }
  }

  @Override
  public String summarize(JsonNode input) {
    return "move " + shown(input, "from") + " to " + shown(input, "to");
  }
}
