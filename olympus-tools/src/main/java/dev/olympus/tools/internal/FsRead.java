package dev.olympus.tools.internal;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.READ;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolExecutionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Base64;
import java.util.Set;

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

  FsRead(Sandbox sandbox, FsLimits limits) {
    super(
        "fs.read",
        sandbox,
        limits,
        "Read a file in the workspace (as UTF-8 text or base64).",
        SCHEMA,
        SideEffect.READ_ONLY,
        "fs.read");
  }

  @Override
  JsonNode run(JsonNode input) throws IOException {
    SandboxPath path = path(input, "path", false);
    byte[] bytes = read(path);
    boolean base64 = input.path("encoding").asText("utf-8").equals("base64");
    return result(path)
        .put("encoding", base64 ? "base64" : "utf-8")
        .put("size", bytes.length)
        .put("content", base64 ? Base64.getEncoder().encodeToString(bytes) : text(path, bytes));
  }

  private byte[] read(SandboxPath path) throws IOException {
    try (SecureDirectoryStream<Path> dir = sandbox.openDirectory(id(), path.parent(), false)) {
      Path name = Path.of(path.name());
      requireReadable(path, Sandbox.attributesOrNull(dir, name));
      try (SeekableByteChannel channel = dir.newByteChannel(name, Set.of(READ, NOFOLLOW_LINKS))) {
        return readAtMost(path, channel);
      }
    }
  }

  private void requireReadable(SandboxPath path, BasicFileAttributes attributes)
      throws IOException {
    if (attributes == null) {
      throw new ToolExecutionException(id(), "no such file '" + path + "'");
    }
    if (attributes.isSymbolicLink()) {
      throw new SandboxViolationException(id(), path.toString(), "symbolic links are not followed");
    }
    if (attributes.isDirectory()) {
      throw new ToolExecutionException(id(), "'" + path + "' is a directory; use fs.list");
    }
    if (!attributes.isRegularFile()) {
      throw new SandboxViolationException(id(), path.toString(), "not a regular file (device?)");
    }
    if (linkCount(path) > 1) {
      throw new SandboxViolationException(
          id(), path.toString(), "file has several hard links and may be shared outside the root");
    }
    tooLarge(path, attributes.size());
  }

  private long linkCount(SandboxPath path) throws IOException {
    try {
      Object count =
          Files.getAttribute(sandbox.root().resolve(path.toString()), "unix:nlink", NOFOLLOW_LINKS);
      return ((Number) count).longValue();
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return 1;
    }
  }

  private void tooLarge(SandboxPath path, long size) {
    if (size > limits.maxReadBytes()) {
      throw new ToolExecutionException(
          id(),
          "'" + path + "' is larger than the read limit of " + limits.maxReadBytes() + " bytes");
    }
  }

  private byte[] readAtMost(SandboxPath path, SeekableByteChannel channel) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (channel.read(buffer) >= 0) {
      out.write(buffer.array(), 0, buffer.position());
      buffer.clear();
      tooLarge(path, out.size());
    }
    return out.toByteArray();
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
