package dev.olympus.apicheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Fails when a published module's public API differs from the dump committed in its {@code api/}
 * folder, so every API change shows up in review. After an intended change, rewrite the dumps with
 * {@code mvn -B -pl api-check -am verify -Dolympus.api.update=true} and commit them.
 */
class ApiSurfaceTest {
  private static final Path ROOT = Path.of(System.getProperty("olympus.root", "..")).normalize();
  private static final boolean UPDATE = Boolean.getBoolean("olympus.api.update");
  private static final Pattern BOM_ARTIFACT =
      Pattern.compile("<artifactId>(olympus-[a-z-]+)</artifactId>");

  @TestFactory
  Stream<DynamicTest> everyPublishedModuleMatchesItsCommittedDump() throws IOException {
    return published().stream()
        .map(artifact -> DynamicTest.dynamicTest(artifact, () -> check(artifact)));
  }

  @Test
  void noPublishedModuleExportsAnInternalPackage() throws IOException {
    for (String artifact : published()) {
      for (String line : dumpOf(artifact).lines()) {
        boolean exportsInternal = line.startsWith("  exports ") && line.contains(".internal");
        assertFalse(exportsInternal, artifact + " exports " + line.trim());
      }
    }
  }

  private static void check(String artifact) throws IOException {
    ApiDump.Result dump = dumpOf(artifact);
    Path file = ROOT.resolve(artifact).resolve("api").resolve(artifact + ".api");
    String actual = String.join("\n", dump.lines()) + "\n";
    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail(file + " is missing; write it with -Dolympus.api.update=true");
    }
    String committed = Files.readString(file, StandardCharsets.UTF_8);
    if (!committed.equals(actual)) {
      fail(
          artifact
              + "'s public API differs from "
              + ROOT.relativize(file)
              + " (rewrite it with -Dolympus.api.update=true if the change is intended):\n"
              + difference(committed, actual));
    }
  }

  private static ApiDump.Result dumpOf(String artifact) {
    Path classes = ROOT.resolve(artifact).resolve("target").resolve("classes");
    if (!Files.isDirectory(classes.resolve("dev"))) {
      throw new IllegalStateException(
          artifact + " is published by the BOM but " + classes + " holds no compiled classes");
    }
    return new ApiDump(classes, ApiSurfaceTest.class.getClassLoader()).dump(artifact);
  }

  /** The artifacts the BOM publishes (each is a module folder of the same name). */
  private static List<String> published() throws IOException {
    String bom = Files.readString(ROOT.resolve("olympus-bom").resolve("pom.xml"));
    Set<String> artifacts = new LinkedHashSet<>();
    Matcher matcher = BOM_ARTIFACT.matcher(bom);
    while (matcher.find()) {
      if (!matcher.group(1).equals("olympus-bom")) {
        artifacts.add(matcher.group(1));
      }
    }
    return new ArrayList<>(artifacts);
  }

  private static String difference(String committed, String actual) {
    Set<String> before = new LinkedHashSet<>(committed.lines().toList());
    Set<String> after = new LinkedHashSet<>(actual.lines().toList());
    StringBuilder diff = new StringBuilder();
    before.stream()
        .filter(l -> !after.contains(l))
        .forEach(l -> diff.append("- ").append(l).append('\n'));
    after.stream()
        .filter(l -> !before.contains(l))
        .forEach(l -> diff.append("+ ").append(l).append('\n'));
    return diff.toString();
  }
}
