package dev.olympus.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test oracle: whether a resolved path goes through a symbolic link below the root. */
final class SandboxChecks {
  private SandboxChecks() {}

  static boolean passesThroughSymlink(Path root, Path resolved) {
    Path current = root;
    for (Path name : root.relativize(resolved)) {
      if (name.toString().isEmpty()) {
        continue;
      }
      current = current.resolve(name);
      if (Files.isSymbolicLink(current)) {
        return true;
      }
    }
    return false;
  }
}
