package dev.olympus.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The files plans wrote in the sandbox folder, and their text for a preview. Stateless. */
final class Artifacts {
  /** The most bytes of a file the preview shows; the rest is announced, never cut silently. */
  static final int PREVIEW_BYTES = 64 * 1024;

  private Artifacts() {}

  /**
   * One file.
   *
   * @param relative its path under the sandbox, with {@code /}
   * @param size its size in bytes
   */
  record Entry(String relative, long size) {}

  /**
   * The regular files under {@code sandbox} (links not followed), by path; none if it is missing.
   *
   * @throws UncheckedIOException if the folder cannot be listed
   */
  static List<Entry> list(Path sandbox) {
    Objects.requireNonNull(sandbox, "sandbox");
    if (!Files.isDirectory(sandbox)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(sandbox)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .map(p -> new Entry(relative(sandbox, p), size(p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sandbox + ": " + e.getMessage(), e);
    }
  }

  /**
   * The start of {@code relative}'s text (UTF-8), at most {@link #PREVIEW_BYTES}, with a last line
   * saying how much is not shown.
   *
   * @throws IllegalArgumentException if {@code relative} leaves the sandbox
   * @throws IOException if the file cannot be read
   */
  static String preview(Path sandbox, String relative) throws IOException {
    Path root = sandbox.toRealPath();
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || Files.isSymbolicLink(file)) {
      throw new IllegalArgumentException("not a file of the sandbox: " + relative);
    }
    long size = Files.size(file);
    byte[] head;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      head = in.readNBytes(PREVIEW_BYTES);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    return size > head.length
        ? text + "\n… (" + (size - head.length) + " more bytes not shown)"
        : text;
  }

  private static String relative(Path sandbox, Path file) {
    return sandbox.relativize(file).toString().replace('\\', '/');
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
    }
  }
}
