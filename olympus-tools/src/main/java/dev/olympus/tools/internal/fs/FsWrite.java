package dev.olympus.tools.internal.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolValidationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code fs.write}: writes a whole file atomically: the bytes go to a temporary file in the same
 * directory, are forced to disk, and the temporary file is renamed over the target, so a crash
 * leaves either the old file or the new one, never half of one.
 */
public final class FsWrite extends FsTool {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["path","content"],"properties":{
        "path":{"type":"string","minLength":1,"maxLength":4096,
          "description":"File path relative to the workspace root, e.g. notes.md"},
        "content":{"type":"string","description":"The whole new content of the file"},
        "encoding":{"enum":["utf-8","base64"],"default":"utf-8",
          "description":"utf-8 if content is text, base64 if it is encoded binary"},
        "overwrite":{"type":"boolean","default":true,
          "description":"Replace the file if it exists"}}}
      """;
  private static final SecureRandom RANDOM = new SecureRandom();

  public FsWrite(Sandbox sandbox, FsLimits limits) {
    super(
        "fs.write",
        sandbox,
        limits,
        "Write a whole file in the workspace atomically (UTF-8 text or base64 binary).",
        SCHEMA,
        SideEffect.IDEMPOTENT,
        Risk.destructive("writes a file, replacing any file of that name"),
        "fs.write");
  }

  @Override
  public JsonNode run(JsonNode input) throws IOException {
    SandboxPath path = path(input, "path", false);
    byte[] bytes = bytes(input);
    if (bytes.length > limits.maxWriteBytes()) {
      throw new ToolExecutionException(
          id(),
          "content is "
              + bytes.length
              + " bytes, over the write limit of "
              + limits.maxWriteBytes());
    }
    boolean overwrite = input.path("overwrite").asBoolean(true);
    try (SecureDirectoryStream<Path> dir =
        sandbox.openDirectory(id(), path.parent(), limits.createParents())) {
      Path name = Path.of(path.name());
      checkTarget(path, Sandbox.attributesOrNull(dir, name), overwrite);
      Path temp = writeTemp(dir, bytes);
      try {
        dir.move(temp, dir, name);
      } catch (IOException | RuntimeException e) {
        deleteQuietly(dir, temp, e);
        throw e;
      }
    }
    return result(path).put("size", bytes.length);
  }

  private byte[] bytes(JsonNode input) {
    String content = input.path("content").asText();
    if (!input.path("encoding").asText("utf-8").equals("base64")) {
      return content.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw new ToolValidationException(id(), List.of("$.content: not valid base64"));
    }
  }

  private void checkTarget(SandboxPath path, BasicFileAttributes attributes, boolean overwrite) {
    if (attributes == null) {
      return;
    }
    if (attributes.isSymbolicLink()) {
      throw new SandboxViolationException(id(), path.toString(), "symbolic links are not followed");
    }
    if (attributes.isDirectory()) {
      throw new ToolExecutionException(id(), "'" + path + "' is a directory");
    }
    if (!attributes.isRegularFile()) {
      throw new SandboxViolationException(id(), path.toString(), "not a regular file (device?)");
    }
    if (!overwrite) {
      throw new ToolExecutionException(id(), "'" + path + "' exists and overwrite is false");
    }
  }

  private static Path writeTemp(SecureDirectoryStream<Path> dir, byte[] bytes) throws IOException {
    byte[] nonce = new byte[8];
    RANDOM.nextBytes(nonce);
    Path temp = Path.of(".olympus-write-" + HexFormat.of().formatHex(nonce) + ".tmp");
    try (SeekableByteChannel channel =
        dir.newByteChannel(temp, Set.of(CREATE_NEW, WRITE, NOFOLLOW_LINKS))) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (channel instanceof FileChannel file) {
        file.force(true);
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(dir, temp, e);
      throw e;
    }
    return temp;
  }

  private static void deleteQuietly(SecureDirectoryStream<Path> dir, Path temp, Exception cause) {
    try {
      dir.deleteFile(temp);
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public String summarize(JsonNode input) {
    String content = input.path("content").asText("");
    long size =
        input.path("encoding").asText("utf-8").equals("base64")
            ? content.length() * 3L / 4
            : content.getBytes(StandardCharsets.UTF_8).length;
    return "write " + size + " bytes to " + shown(input, "path");
  }
}
