package dev.olympus.tools.internal.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.internal.Timers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a regular file inside a sandbox with a directory-relative, no-follow open, refusing links,
 * directories, special files, files with several hard links and files over a size limit. Shared by
 * {@code fs.read} and {@code doc.read}. Immutable and thread-safe.
 *
 * <p>The checks run both before and after the open, and the file must be the same (same {@code
 * fileKey}, one link, not a pipe, the opened channel as large as the file checked) on both sides,
 * so a FIFO or hard link swapped in between is refused. Java cannot open with {@code O_NONBLOCK},
 * so an open that lands on a swapped-in FIFO would wait for a writer: while an open has not
 * returned, every {@link #RESCUE_AFTER_MILLIS} the name is looked at and, if it is a special file,
 * opened read-write through the directory handle and closed at once, which releases the waiting
 * open (Linux); the read is then refused. What remains: a FIFO moved away from the name for good
 * (or one this process may not open for writing) keeps the open waiting until someone writes to it;
 * and since Java has no {@code fstat} of an open channel, the identity check is by name (plus the
 * channel's size), so a file of the same size swapped in and swapped back within the instant
 * between the open and the second check is not seen.
 */
public final class SandboxRead {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxRead.class);
  private static final long RESCUE_AFTER_MILLIS = 200;

  private final String toolId;
  private final Sandbox sandbox;
  private final long maxBytes;
  private final ScheduledThreadPoolExecutor rescuer = Timers.daemon("olympus-fifo-rescue");

  public SandboxRead(String toolId, Sandbox sandbox, long maxBytes) {
    this.toolId = toolId;
    this.sandbox = sandbox;
    this.maxBytes = maxBytes;
  }

  /** Returns the bytes of the file at {@code path}. */
  public byte[] read(SandboxPath path) throws IOException {
    try (SecureDirectoryStream<Path> dir = sandbox.openDirectory(toolId, path.parent(), false)) {
      Path name = Path.of(path.name());
      BasicFileAttributes before = Sandbox.attributesOrNull(dir, name);
      requireReadable(path, before);
      requireSingleLink(path, before);
      try (SeekableByteChannel channel = open(dir, name)) {
        requireUnchanged(path, channel, before, Sandbox.attributesOrNull(dir, name));
        return readAtMost(path, channel);
      }
    }
  }

  private void requireReadable(SandboxPath path, BasicFileAttributes attributes) {
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
    tooLarge(path, attributes.size());
  }

  /** Refuses a file with several hard links, or one that is not the file {@code seen} was. */
  private void requireSingleLink(SandboxPath path, BasicFileAttributes seen) throws IOException {
    Map<String, Object> unix;
    try {
      unix =
          Files.readAttributes(
              sandbox.root().resolve(path.toString()), "unix:nlink,fileKey", NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return;
    }
    if (!Objects.equals(unix.get("fileKey"), seen.fileKey())) {
      throw changed(path);
    }
    if (((Number) unix.get("nlink")).longValue() > 1) {
      throw new SandboxViolationException(
          toolId,
          path.toString(),
          "file has several hard links and may be shared outside the root");
    }
  }

  /** Checks, after the open, that the name still is the file checked before and not a pipe. */
  private void requireUnchanged(
      SandboxPath path,
      SeekableByteChannel channel,
      BasicFileAttributes before,
      BasicFileAttributes after)
      throws IOException {
    try {
      channel.position();
    } catch (IOException notSeekable) {
      throw new SandboxViolationException(
          toolId, path.toString(), "not a regular file (a pipe was swapped in)");
    }
    if (after == null
        || !after.isRegularFile()
        || after.fileKey() == null
        || !after.fileKey().equals(before.fileKey())
        || channel.size() != before.size()) {
      throw changed(path);
    }
    requireSingleLink(path, after);
  }

  private SandboxViolationException changed(SandboxPath path) {
    return new SandboxViolationException(
        toolId, path.toString(), "the file changed while it was being opened");
  }

  /** Opens {@code name}; a special file swapped in before the open is released, never waited on. */
  private SeekableByteChannel open(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    ScheduledFuture<?> rescue =
        rescuer.scheduleWithFixedDelay(
            () -> releaseFifo(dir, name),
            RESCUE_AFTER_MILLIS,
            RESCUE_AFTER_MILLIS,
            TimeUnit.MILLISECONDS);
    try {
      return dir.newByteChannel(name, Set.of(READ, NOFOLLOW_LINKS));
    } finally {
      rescue.cancel(false);
    }
  }

  /**
   * Opening a FIFO read-write never blocks on Linux and counts as a writer, so a reader waiting in
   * {@code open} returns (and then sees end of file). Regular files are left alone.
   */
  private void releaseFifo(SecureDirectoryStream<Path> dir, Path name) {
    try {
      BasicFileAttributes now = Sandbox.attributesOrNull(dir, name);
      if (now != null && now.isOther()) {
        LOG.debug(
            "{}: '{}' was swapped for a special file during an open; releasing it", toolId, name);
        dir.newByteChannel(name, Set.of(READ, WRITE, NOFOLLOW_LINKS)).close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: could not release an open stuck on '{}'", toolId, name, e);
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
