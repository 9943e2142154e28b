package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.positive;

import dev.olympus.tools.internal.fs.FileToolSet;
import dev.olympus.tools.internal.fs.FsLimits;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in file tools, confined to one root directory: {@code fs.read}, {@code fs.list} (scope
 * {@code fs.read}), {@code fs.write} (scope {@code fs.write}), {@code fs.delete} (scope {@code
 * fs.delete}) and {@code fs.move} (scopes {@code fs.write} and {@code fs.delete}).
 *
 * <pre>{@code
 * ToolRegistry tools = ToolRegistry.builder()
 *     .add(FileTools.sandboxedAt(Path.of("workspace")))
 *     .build();
 * }</pre>
 *
 * <p>Paths in inputs are relative to the root with {@code /} separators. Refused with a {@link
 * SandboxViolationException}: absolute paths, {@code ..} segments, backslashes, NUL and control
 * characters, invisible or bidirectional characters, look-alikes of slashes, backslashes and dots
 * (such as U+2215, U+2044, U+FF0F, U+FF0E, U+2024), every percent-encoding ({@code %2e}, the
 * overlong {@code %c0%ae} and {@code %c0%af}, the IIS-style {@code %uff0e}), segments of dots
 * followed by {@code ;} (such as {@code ..;}), names made only of dots, symbolic links anywhere on
 * the path, device and other special files, and files with several hard links (for reads). Each
 * path is walked one directory at a time with directory-relative, no-follow opens, so a directory
 * swapped for a symlink after a check is refused, not followed. Missing parent directories are
 * created inside the already opened parent (made in the root, then renamed into the parent by
 * handle), so a swap can make a write fail but never creates anything outside the root. Writes are
 * atomic (temporary file, force, rename). Reads return UTF-8 text or base64. The file tools' {@link
 * Tool#precheck} refuses such paths before consent is asked. The tools are immutable and
 * thread-safe.
 *
 * <p>Needs a platform with {@link java.nio.file.SecureDirectoryStream} (Linux; not Windows).
 */
public final class FileTools {
  private FileTools() {}

  /**
   * Returns the five file tools rooted at {@code root} with default limits (10 MiB reads and
   * writes, 1000 list entries, parent directories created on write).
   *
   * @throws NullPointerException if {@code root} is null
   * @throws IllegalArgumentException if {@code root} is not an existing directory
   * @throws UnsupportedOperationException if the platform lacks directory-relative file access
   */
  public static List<Tool> sandboxedAt(Path root) {
    return builder(root).build();
  }

  /**
   * Returns a builder for file tools rooted at {@code root}.
   *
   * @throws NullPointerException if {@code root} is null
   */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /**
   * Configures the file tools. Settings may be called again: the last call wins. Not thread-safe;
   * can build more than once.
   */
  public static final class Builder {
    private final Path root;
    private long maxReadBytes = 10L << 20;
    private long maxWriteBytes = 10L << 20;
    private int maxListEntries = 1000;
    private boolean createParents = true;
    private boolean readOnly;

    Builder(Path root) {
      this.root = notNull(root, "root");
    }

    /**
     * Sets the largest file {@code fs.read} returns.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxReadBytes(long bytes) {
      this.maxReadBytes = positive(bytes, "bytes");
      return this;
    }

    /**
     * Sets the largest content {@code fs.write} accepts.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxWriteBytes(long bytes) {
      this.maxWriteBytes = positive(bytes, "bytes");
      return this;
    }

    /**
     * Sets the most entries {@code fs.list} returns (the rest are reported as truncated).
     *
     * @throws IllegalArgumentException if {@code entries} is not positive
     */
    public Builder maxListEntries(int entries) {
      this.maxListEntries = (int) positive(entries, "entries");
      return this;
    }

    /** Sets whether {@code fs.write} creates missing parent directories (default true). */
    public Builder createParents(boolean createParents) {
      this.createParents = createParents;
      return this;
    }

    /** Builds only {@code fs.read} and {@code fs.list}. */
    public Builder readOnly() {
      this.readOnly = true;
      return this;
    }

    /**
     * Builds the tools.
     *
     * @throws IllegalArgumentException if the root is not an existing directory
     * @throws UnsupportedOperationException if the platform lacks directory-relative file access
     */
    public List<Tool> build() {
      FsLimits limits = new FsLimits(maxReadBytes, maxWriteBytes, maxListEntries, createParents);
      return FileToolSet.create(root, limits, readOnly);
    }
  }
}
