package dev.olympus.tools.internal.fs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolExecutionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code fs.read}: a regular file's content as UTF-8 text or base64. */
final class FsRead extends FsTool {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["path"],"properties":{
        "path":{"type":"string","minLength":1,"maxLength":4096,
          "description":"File path relative to the workspace root, e.g. docs/report.txt"},
        "encoding":{"enum":["utf-8","base64"],"default":"utf-8",
          "description":"utf-8 for text, base64 for binary files"}}}
      """;

  private final SandboxRead reader;

  FsRead(Sandbox sandbox, FsLimits limits) {
    super(
        "fs.read",
        sandbox,
        limits,
        "Read a file in the workspace (as UTF-8 text or base64).",
        SCHEMA,
        SideEffect.READ_ONLY,
        Risk.of("reads a file in the workspace"),
        "fs.read");
    this.reader = new SandboxRead(id(), sandbox, limits.maxReadBytes());
  }

  @Override
  protected JsonNode run(JsonNode input) throws IOException {
    SandboxPath path = path(input, "path", false);
    byte[] bytes = reader.read(path);
    boolean base64 = input.path("encoding").asText("utf-8").equals("base64");
    return result(path)
        .put("encoding", base64 ? "base64" : "utf-8")
        .put("size", bytes.length)
        .put("content", base64 ? Base64.getEncoder().encodeToString(bytes) : text(path, bytes));
  }

  private String text(SandboxPath path, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ToolExecutionException(
          id(), "'" + path + "' is not valid UTF-8; read it with encoding base64");
    }
  }

  @Override
  public String summarize(JsonNode input) {
    return "read " + shown(input, "path");
  }
}
