package dev.olympus.tools.internal.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fs.list}: a directory's entries with their type and size; links are shown, not followed.
 */
final class FsList extends FsTool {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,"properties":{
        "path":{"type":"string","maxLength":4096,"default":".",
          "description":"Directory relative to the workspace root; . for the root"}}}
      """;

  FsList(Sandbox sandbox, FsLimits limits) {
    super(
        "fs.list",
        sandbox,
        limits,
        "List the entries of a directory in the workspace.",
        SCHEMA,
        SideEffect.READ_ONLY,
        Risk.of("lists a directory in the workspace"),
        "fs.read");
  }

  @Override
  protected JsonNode run(JsonNode input) throws IOException {
    SandboxPath path = sandbox.parse(id(), input.path("path").asText("."), true);
    List<String> names = new ArrayList<>();
    ArrayNode entries = Json.MAPPER.createArrayNode();
    try (SecureDirectoryStream<Path> dir = sandbox.openDirectory(id(), path.segments(), false)) {
      for (Path entry : dir) {
        names.add(entry.getFileName().toString());
      }
      names.sort(null);
      for (String name : names.subList(0, Math.min(names.size(), limits.maxListEntries()))) {
        BasicFileAttributes attributes = Sandbox.attributesOrNull(dir, Path.of(name));
        if (attributes != null) {
          entries.add(entry(name, attributes));
        }
      }
    }
    ObjectNode result = result(path).put("truncated", names.size() > limits.maxListEntries());
    result.set("entries", entries);
    return result;
  }

  private static ObjectNode entry(String name, BasicFileAttributes attributes) {
    ObjectNode entry = Json.object().put("name", name).put("type", type(attributes));
    if (attributes.isRegularFile()) {
      entry.put("size", attributes.size());
    }
    return entry;
  }

  private static String type(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "symlink";
    }
    if (attributes.isDirectory()) {
      return "directory";
    }
    return attributes.isRegularFile() ? "file" : "other";
  }

  @Override
  protected boolean rootAllowed() {
    return true;
  }

  @Override
  public String summarize(JsonNode input) {
    return "list " + PathRules.display(cleanOrRaw(input.path("path").asText(".")));
  }
}
