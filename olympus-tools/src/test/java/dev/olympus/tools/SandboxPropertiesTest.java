package dev.olympus.tools;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.olympus.tools.internal.fs.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox never yields a resolved path outside its root, for any generated input. */
class SandboxPropertiesTest {
  private static final List<String> PIECES =
      List.of(
          ".",
          "..",
          "/",
          "\\",
          "%2e",
          "%2f",
          "%25",
          "\u0000",
          "\uff0e",
          "\uff0f",
          "\u2025",
          "a",
          "dir",
          "link",
          "~",
          ":",
          " ",
          "\u202e",
          "C:",
          "\n",
          "...",
          "x".repeat(40));

  @TempDir Path temp;

  @Test
  void resolvedPathsStayInsideTheRoot() throws IOException {
    Path root = Files.createDirectory(temp.resolve("root"));
    Files.createDirectories(root.resolve("dir/a"));
    Files.createSymbolicLink(root.resolve("link"), temp);
    Sandbox sandbox = Sandbox.at(root);
    Path realRoot = root.toRealPath();
    qt().withExamples(5000)
        .forAll(lists().of(integers().between(0, PIECES.size() - 1)).ofSizeBetween(0, 12))
        .checkAssert(
            indexes -> {
              StringBuilder path = new StringBuilder();
              indexes.forEach(i -> path.append(PIECES.get(i)));
              try {
                Path resolved = sandbox.resolve("fs.read", path.toString());
                if (!resolved.startsWith(realRoot) || !resolved.normalize().equals(resolved)) {
                  throw new AssertionError(path + " resolved outside: " + resolved);
                }
                if (SandboxChecks.passesThroughSymlink(realRoot, resolved)) {
                  throw new AssertionError(path + " went through a symlink: " + resolved);
                }
              } catch (SandboxViolationException refused) {
                // refused is fine
              }
            });
  }
}
