package dev.olympus.tools.internal.fs;

import dev.olympus.tools.SandboxViolationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Creates a directory inside an already opened (and checked) directory without resolving any path
 * through directories that a concurrent swap could redirect. Java has no {@code mkdirat}, so the
 * directory is made under a random name directly in the root, whose real path was fixed when the
 * sandbox was created, and then renamed into the opened parent by handle ({@link
 * SecureDirectoryStream#move}, i.e. {@code renameat}). A swap can therefore make the creation fail,
 * but never place a directory outside the root. A process that dies between the two steps leaves an
 * empty {@code .olympus-mkdir-*} directory in the root. Thread-safe.
 */
final class DirectoryMaker {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  // A rename replaces an empty directory of the same name; creators in this sandbox take turns so
  // that one never replaces a directory another has just made and is about to write into.
  private final Object renames = new Object();

  DirectoryMaker(Path root) {
    this.root = root;
  }

  /** Creates {@code name} in {@code parent} unless something of that name exists by then. */
  void create(
      String toolId,
      SecureDirectoryStream<Path> rootDir,
      SecureDirectoryStream<Path> parent,
      Path name,
      String display)
      throws IOException {
    Path temp = Path.of(".olympus-mkdir-" + HexFormat.of().formatHex(nonce()));
    Files.createDirectory(root.resolve(temp.toString()));
    try {
      Object made = fileKey(rootDir, temp);
      synchronized (renames) {
        if (Sandbox.attributesOrNull(parent, name) != null) {
          rootDir.deleteDirectory(temp);
          return;
        }
        rootDir.move(temp, parent, name);
      }
      if (made == null || !made.equals(fileKey(parent, name))) {
        throw new SandboxViolationException(toolId, display, "the path changed while creating it");
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(rootDir, temp, e);
      throw e;
    }
  }

  private static byte[] nonce() {
    byte[] nonce = new byte[8];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  /** The file key of {@code name} if it is a real directory, else null. */
  private static Object fileKey(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    BasicFileAttributes attributes = Sandbox.attributesOrNull(dir, name);
    boolean directory = attributes != null && attributes.isDirectory();
    return directory ? Objects.requireNonNull(attributes.fileKey(), "file keys") : null;
  }

  private static void deleteQuietly(SecureDirectoryStream<Path> dir, Path temp, Exception cause) {
    try {
      if (Sandbox.attributesOrNull(dir, temp) != null) {
        dir.deleteDirectory(temp);
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
