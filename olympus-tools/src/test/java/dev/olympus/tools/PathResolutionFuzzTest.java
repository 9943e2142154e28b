package dev.olympus.tools;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.olympus.tools.internal.fs.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes path resolution: any accepted path resolves inside the root. Under {@code mvn verify} it
 * runs the seed corpus in {@code
 * src/test/resources/dev/olympus/tools/PathResolutionFuzzTestInputs}; fuzz for real with {@code
 * JAZZER_FUZZ=1 mvn -pl olympus-tools test -Dtest=PathResolutionFuzzTest}.
 */
class PathResolutionFuzzTest {
  private static final Sandbox SANDBOX = sandbox();

  private static Sandbox sandbox() {
    try {
      Path temp = Files.createTempDirectory("olympus-fuzz");
      Path root = Files.createDirectories(temp.resolve("root/dir"));
      Files.createSymbolicLink(temp.resolve("root/link"), temp);
      temp.toFile().deleteOnExit();
      return Sandbox.at(root.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void resolvedPathStaysInsideRoot(FuzzedDataProvider data) {
    String path = data.consumeRemainingAsString();
    Path resolved;
    try {
      resolved = SANDBOX.resolve("fs.read", path);
    } catch (SandboxViolationException refused) {
      return;
    }
    boolean throughLink =
        SANDBOX.root().relativize(resolved).toString().matches("(.*/)?link(/.*)?");
    if (!resolved.startsWith(SANDBOX.root()) || throughLink) {
      throw new AssertionError("'" + path + "' resolved to " + resolved);
    }
  }
}
