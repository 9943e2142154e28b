package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart is {@code Quickstart.java} as written, imports included, so the class a
 * new user copies is one the build compiles and {@link ExamplesTest} runs.
 */
class ReadmeQuickstartTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("basedir", "."));

  @Test
  void theReadmeQuickstartIsTheCompiledClass() throws IOException {
    String readme = Files.readString(EXAMPLES.resolve("../README.md"));
    String source =
        Files.readString(EXAMPLES.resolve("src/main/java/dev/olympus/examples/Quickstart.java"));
    assertEquals(source.strip(), firstJavaBlockAfter(readme, "## Quickstart").strip());
  }

  private static String firstJavaBlockAfter(String markdown, String heading) {
    int section = markdown.indexOf("\n" + heading + "\n");
    assertTrue(section >= 0, "README has no '" + heading + "' section");
    int start = markdown.indexOf("```java\n", section);
    int nextSection = markdown.indexOf("\n## ", section + heading.length() + 1);
    assertTrue(
        start >= 0 && (nextSection < 0 || start < nextSection),
        "README's '" + heading + "' section has no java block");
    int end = markdown.indexOf("\n```", start + "```java\n".length());
    return markdown.substring(start + "```java\n".length(), end + 1);
  }
}
