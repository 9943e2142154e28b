package dev.olympus.tools.internal;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.READ;

import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.ToolExecutionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Reads a regular file inside a sandbox with a directory-relative, no-follow open, refusing links,
 * directories, special files, files with several hard links and files over a size limit. Shared by
 * {@code fs.read} and {@code doc.read}. Immutable and thread-safe.
 */
final class SandboxRead {
  private final String toolId;
  private final Sandbox sandbox;
  private final long maxBytes;

  SandboxRead(String toolId, Sandbox sandbox, long maxBytes) {
    this.toolId = toolId;
    this.sandbox = sandbox;
    this.maxBytes = maxBytes;
  }

  /** Returns the bytes of the file at {@code path}. */
  byte[] read(SandboxPath path) throws IOException {
    try (SecureDirectoryStream<Path> dir = sandbox.openDirectory(toolId, path.parent(), false)) {
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
      throw new ToolExecutionException(toolId, "no such file '" + path + "'");
    }
    if (attributes.isSymbolicLink()) {
      throw new SandboxViolationException(
          toolId, path.toString(), "symbolic links are not followed");
    }
    if (attributes.isDirectory()) {
      throw new ToolExecutionException(toolId, "'" + path + "' is a directory; use fs.list");
    }
    if (!attributes.isRegularFile()) {
      throw new SandboxViolationException(toolId, path.toString(), "not a regular file (device?)");
    }
    if (linkCount(path) > 1) {
      throw new SandboxViolationException(
          toolId,
          path.toString(),
          "file has several hard links and may be shared outside the root");
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
    if (size > maxBytes) {
      throw new ToolExecutionException(
          toolId, "'" + path + "' is larger than the read limit of " + maxBytes + " bytes");
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
}
