package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Look-alike separators and encodings are refused, as the {@link FileTools} Javadoc says. */
class LookAlikePathTest {
  private static final List<String> DISGUISES =
      List.of(
          "\u2215", "\u2044", "\uff0f", "\u29f8", "\u2216", "\uff3c", "\uff0e", "\u2024", "\u2025",
          "%c0%ae", "%c0%af", "%C0%AE", "%uff0e", "%u2215", "%2e", "%2F", "%25", "/..;/", "/.;x");
  private static final List<String> PLAIN =
      List.of("notes", "a", ".", "/", "-", "b.txt", " ", "..");

  @TempDir Path root;

  private ToolRegistry tools() {
    return ToolRegistry.builder().add(FileTools.builder(root).createParents(true).build()).build();
  }

  @Test
  void theAuditedNamesAreRefusedByEveryFileTool() {
    ToolRegistry tools = tools();
    List<String> names =
        List.of(
            "notes\u2215..\u2215..\u2215bashrc",
            "notes\u2044..\u2044bashrc",
            "..%c0%af..%c0%afbashrc",
            "%c0%ae%c0%ae/bashrc",
            "%uff0e%uff0e/bashrc",
            "..;/bashrc",
            "docs/..;/bashrc");
    for (String name : names) {
      for (String tool : List.of("fs.read", "fs.write", "fs.delete", "fs.list")) {
        var input = JsonNodeFactory.instance.objectNode().put("path", name).put("content", "x");
        if (!tool.equals("fs.write")) {
          input.remove("content");
        }
        SandboxViolationException e =
            assertThrows(
                SandboxViolationException.class,
                () -> tools.invoke(ToolCall.of(tool, input), context()),
                tool + " " + name);
        assertTrue(
            !e.getMessage().contains("\u2215") && !e.getMessage().contains("\u2044"),
            e.getMessage());
      }
    }
  }

  @Test
  void anyPathWithADisguiseIsRefusedAndNothingIsCreated() throws Exception {
    ToolRegistry tools = tools();
    qt().withExamples(2000)
        .forAll(
            lists().of(integers().between(0, PLAIN.size() - 1)).ofSizeBetween(0, 6),
            integers().between(0, DISGUISES.size() - 1),
            integers().between(0, 6))
        .checkAssert(
            (plain, disguise, at) -> {
              StringBuilder path = new StringBuilder();
              for (int i = 0; i < plain.size(); i++) {
                if (i == Math.min(at, plain.size())) {
                  path.append(DISGUISES.get(disguise));
                }
                path.append(PLAIN.get(plain.get(i)));
              }
              if (at >= plain.size()) {
                path.append(DISGUISES.get(disguise));
              }
              var input =
                  JsonNodeFactory.instance
                      .objectNode()
                      .put("path", path.toString())
                      .put("content", "x");
              assertThrows(
                  SandboxViolationException.class,
                  () -> tools.invoke(ToolCall.of("fs.write", input), context()),
                  path.toString());
            });
    try (Stream<Path> created = Files.list(root)) {
      assertEquals(List.of(), created.toList());
    }
  }
}
