package dev.olympus.tools.internal.fs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolExecutionException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;

/** {@code fs.delete}: removes a file or an empty directory; a missing one is not an error. */
final class FsDelete extends FsTool {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["path"],"properties":{
        "path":{"type":"string","minLength":1,"maxLength":4096,
          "description":"File or empty directory relative to the workspace root"}}}
      """;

  FsDelete(Sandbox sandbox, FsLimits limits) {
    super(
        "fs.delete",
        sandbox,
        limits,
        "Delete a file or an empty directory in the workspace.",
        SCHEMA,
        SideEffect.IDEMPOTENT,
        Risk.destructive("deletes a file or an empty directory"),
        "fs.delete");
  }

  @Override
  protected JsonNode run(JsonNode input) throws IOException {
    SandboxPath path = path(input, "path", false);
    try (SecureDirectoryStream<Path> dir = sandbox.openDirectory(id(), path.parent(), false)) {
      Path name = Path.of(path.name());
      BasicFileAttributes attributes = Sandbox.attributesOrNull(dir, name);
      if (attributes == null) {
        return result(path).put("deleted", false);
      }
      if (attributes.isSymbolicLink() || attributes.isOther()) {
        throw new SandboxViolationException(
            id(), path.toString(), "symbolic links and special files are not touched");
      }
      if (attributes.isDirectory()) {
        deleteDirectory(dir, name, path);
      } else {
        dir.deleteFile(name);
      }
    }
    return result(path).put("deleted", true);
  }

  // The exception of a directory-relative delete carries no file name; name the path ourselves.
  private void deleteDirectory(SecureDirectoryStream<Path> dir, Path name, SandboxPath path)
      throws IOException {
    try {
      dir.deleteDirectory(name);
    } catch (DirectoryNotEmptyException e) {
      throw new ToolExecutionException(id(), "directory is not empty: '" + path + "'", false, e);
    }
  }

  @Override
  public String summarize(JsonNode input) {
    return "delete " + shown(input, "path");
  }
}
