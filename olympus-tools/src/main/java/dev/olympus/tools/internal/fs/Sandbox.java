package dev.olympus.tools.internal.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.ToolExecutionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * A directory that file tools may not leave. Paths are checked lexically by {@link PathRules}, then
 * walked one segment at a time with directory-relative opens ({@code openat} with {@code
 * O_NOFOLLOW}, via {@link SecureDirectoryStream}), so a symlink anywhere on the path, even one
 * swapped in after a check, is refused rather than followed. The root is the directory found when
 * the sandbox was made: each walk checks that the directory it opens at the root's path is that one
 * (same {@code fileKey}), so a root, or a directory above it, moved away and replaced by a link to
 * somewhere else is refused, not followed. Thread-safe.
 */
public final class Sandbox {
  private final Path root;
  private final Object rootKey; // null where the platform has no file keys
  private final DirectoryMaker directories;

  private Sandbox(Path root, Object rootKey) {
    this.root = root;
    this.rootKey = rootKey;
    this.directories = new DirectoryMaker(root);
  }

  /**
   * Returns the sandbox rooted at the real path of {@code root}.
   *
   * @throws IllegalArgumentException if {@code root} is not an existing directory
   * @throws UnsupportedOperationException if the platform has no directory-relative file access
   */
  public static Sandbox at(Path root) {
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("sandbox root " + root + " cannot be resolved: " + e, e);
    }
    if (!Files.isDirectory(real)) {
      throw new IllegalArgumentException("sandbox root " + root + " is not a directory");
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(real)) {
      if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
        throw new UnsupportedOperationException(
            "this platform has no SecureDirectoryStream; file tools need directory-relative opens");
      }
      return new Sandbox(real, ownKey(secure));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the real path of the root. */
  public Path root() {
    return root;
  }

  /** Checks {@code path} lexically, throwing a violation that names the reason. */
  public SandboxPath parse(String toolId, String path, boolean rootAllowed) {
    try {
      SandboxPath parsed = PathRules.parse(path);
      if (parsed.isRoot() && !rootAllowed) {
        throw new PathRules.Refused("the root itself cannot be the target");
      }
      return parsed;
    } catch (PathRules.Refused e) {
      throw new SandboxViolationException(toolId, PathRules.display(path), e.getMessage());
    }
  }

  /**
   * Resolves {@code path} to an absolute path inside the root, checking every existing segment with
   * {@code NOFOLLOW_LINKS}; for inspection and tests. Operations use {@link #openDirectory}.
   */
  public Path resolve(String toolId, String path) {
    SandboxPath parsed = parse(toolId, path, true);
    try {
      openDirectory(toolId, parsed.segments(), false).close();
    } catch (ToolExecutionException missingOrNotDirectory) {
      // Nothing on the path was a link; the lexical result stands.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root.resolve(String.join("/", parsed.segments())).normalize();
  }

  /**
   * Refuses {@code path} if what exists of it leads through or ends in a symbolic link or a special
   * file; a missing part is accepted (a write may create it). Changes nothing.
   */
  public void precheck(String toolId, SandboxPath path) {
    if (path.isRoot()) {
      return;
    }
    try (SecureDirectoryStream<Path> dir = openDirectory(toolId, path.parent(), false)) {
      BasicFileAttributes attributes = attributesOrNull(dir, Path.of(path.name()));
      if (attributes != null && (attributes.isSymbolicLink() || attributes.isOther())) {
        throw new SandboxViolationException(
            toolId, path.toString(), "symbolic links and special files are not followed");
      }
    } catch (ToolExecutionException missingOrNotDirectory) {
      // Nothing on the existing path was a link; running the call reports what is missing.
    } catch (IOException e) {
      throw new ToolExecutionException(toolId, "cannot check '" + path + "': " + e, true, e);
    }
  }

  /** Opens the root directory, refusing whatever else is found at its path now. */
  SecureDirectoryStream<Path> openRoot(String toolId) throws IOException {
    SecureDirectoryStream<Path> opened =
        (SecureDirectoryStream<Path>) Files.newDirectoryStream(root);
    if (rootKey != null && !rootKey.equals(ownKey(opened))) {
      opened.close();
      throw new SandboxViolationException(
          toolId,
          ".",
          "the sandbox root "
              + root
              + " was moved or replaced (or a directory above it) since the tools were made");
    }
    return opened;
  }

  /** The file key of the directory {@code dir} itself, read from its open handle. */
  private static Object ownKey(SecureDirectoryStream<Path> dir) throws IOException {
    return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
  }

  /**
   * Opens the directory at {@code segments} by walking from the root one segment at a time without
   * following links. With {@code create}, missing directories are created inside the opened parent
   * (see {@link DirectoryMaker}).
   */
  SecureDirectoryStream<Path> openDirectory(String toolId, List<String> segments, boolean create)
      throws IOException {
    SecureDirectoryStream<Path> current = openRoot(toolId);
    for (int i = 0; i < segments.size(); i++) {
      String display = String.join("/", segments.subList(0, i + 1));
      try (SecureDirectoryStream<Path> parent = current) {
        Path name = Path.of(segments.get(i));
        BasicFileAttributes attributes = attributesOrNull(parent, name);
        if (attributes == null && create) {
          try (SecureDirectoryStream<Path> rootDir = openRoot(toolId)) {
            directories.create(toolId, rootDir, parent, name, display);
          }
        } else {
          requireDirectory(toolId, attributes, display);
        }
        current = openChild(toolId, parent, name, display);
      }
    }
    return current;
  }

  private SecureDirectoryStream<Path> openChild(
      String toolId, SecureDirectoryStream<Path> parent, Path name, String display)
      throws IOException {
    try {
      return parent.newDirectoryStream(name, NOFOLLOW_LINKS);
    } catch (FileSystemException e) {
      throw violationOr(toolId, display, e);
    }
  }

  private static void requireDirectory(
      String toolId, BasicFileAttributes attributes, String display) {
    if (attributes == null) {
      throw new ToolExecutionException(toolId, "no such directory '" + display + "'");
    }
    if (attributes.isSymbolicLink()) {
      throw new SandboxViolationException(toolId, display, "symbolic links are not followed");
    }
    if (!attributes.isDirectory()) {
      throw new ToolExecutionException(toolId, "'" + display + "' is not a directory");
    }
  }

  /** Returns the attributes of {@code name} in {@code dir} without following links, or null. */
  static BasicFileAttributes attributesOrNull(SecureDirectoryStream<Path> dir, Path name)
      throws IOException {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Maps a failed no-follow open: a symlink or non-directory (the JDK reports the latter as a
   * {@link NotDirectoryException} without a reason) is a violation, anything else an I/O failure.
   */
  static RuntimeException violationOr(String toolId, String display, FileSystemException e) {
    String reason = String.valueOf(e.getReason());
    if (e instanceof NotDirectoryException
        || reason.contains("symbolic link")
        || reason.contains("Not a directory")) {
      return new SandboxViolationException(
          toolId, display, "the path is or became a symbolic link or non-directory");
    }
    if (e instanceof NoSuchFileException) {
      return new ToolExecutionException(toolId, "no such file or directory '" + display + "'");
    }
    return new ToolExecutionException(toolId, "cannot open '" + display + "': " + reason, false, e);
  }
}
