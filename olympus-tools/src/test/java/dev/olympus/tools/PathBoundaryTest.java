package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the file tools draw the line between a path they accept and one they refuse, probed on both
 * sides of each rule, so that a rule that is loosened or tightened by one step is noticed.
 */
class PathBoundaryTest {
  @TempDir Path root;

  private ToolRegistry registry() {
    return ToolRegistry.builder().add(FileTools.builder(root).createParents(true).build()).build();
  }

  private JsonNode write(ToolRegistry registry, String path) {
    var input = JsonNodeFactory.instance.objectNode().put("path", path).put("content", "x");
    return registry.invoke(ToolCall.of("fs.write", input), context());
  }

  private SandboxViolationException refusedWrite(ToolRegistry registry, String path) {
    return assertThrows(
        SandboxViolationException.class, () -> write(registry, path), () -> "accepted " + path);
  }

  private List<Path> created() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> !p.equals(root)).toList();
    }
  }

  @Test
  void everyLookAlikeOfASeparatorOrDotIsRefused() throws IOException {
    ToolRegistry registry = registry();
    int[] lookAlikes = {
      0x2215, 0x2044, 0xFF0F, 0x29F8, 0x2571, 0x27CB, 0x1735, 0x31D3, 0x1D23A, 0x2216, 0xFF3C,
      0x29F5, 0x29F9, 0xFE68, 0x2572, 0x27CD, 0x31D4, 0x1D20F, 0x1D23B, 0x2024, 0x2025, 0x2026,
      0xFE19, 0xFF0E, 0xFE52, 0xFF61, 0x3002, 0x0701, 0x0702, 0xA60E, 0x10A50
    };
    for (int codePoint : lookAlikes) {
      String c = Character.toString(codePoint);
      for (String path : List.of("notes" + c + ".." + c + "bashrc", "a" + c + "b", c + c)) {
        SandboxViolationException e = refusedWrite(registry, path);
        assertTrue(
            e.getMessage().contains(String.format("U+%04X", codePoint)),
            "the message names the character: " + e.getMessage());
      }
    }
    assertEquals(List.of(), created());
  }

  @Test
  void lettersAndDigitsThatResembleSeparatorsAreOrdinaryNames() {
    ToolRegistry registry = registry();
    // The last two change under NFKC folding (fullwidth letters, the "fi" ligature) but gain no
    // separator and no dot segment.
    List<String> names =
        List.of(
            "\u30ce\u30fc\u30c8",
            "\u4e3f",
            "\u0660\u0661",
            "caf\u00e9",
            "\uff21\uff22",
            "\ufb01le");
    for (String name : names) {
      assertEquals(name, write(registry, name).get("path").asText());
      assertTrue(Files.exists(root.resolve(name)), name);
    }
  }

  @Test
  void aNameThatFoldsToDotsOrExtraSlashesIsRefused() throws IOException {
    ToolRegistry registry = registry();
    // U+2100 folds to "a/c", U+2105 to "c/o": one more separator than the caller wrote.
    for (String path : List.of("\u2100", "x/\u2105", "\u2026", "a/\u2026/b", "\ufe19")) {
      refusedWrite(registry, path);
    }
    assertEquals(List.of(), created());
  }

  @Test
  void invisibleControlAndUnpairedCharactersAreRefused() throws IOException {
    ToolRegistry registry = registry();
    List<String> paths =
        List.of(
            "a\u0000b",
            "a\u0007b",
            "a\u007fb",
            "a\u200bb",
            "a\u202eb",
            "a\u2028b",
            "a\u2029b",
            "a\ud83db",
            "a\ude00b",
            "a\ud83d",
            "\ude00a",
            "a\\b");
    for (String path : paths) {
      refusedWrite(registry, path);
    }
    assertEquals(List.of(), created());
  }

  @Test
  void aPairedSurrogateIsAnOrdinaryCharacter() {
    ToolRegistry registry = registry();
    assertEquals("\ud83d\ude00.txt", write(registry, "\ud83d\ude00.txt").get("path").asText());
    assertEquals("x\ud83d\ude00", write(registry, "x\ud83d\ude00").get("path").asText());
  }

  @Test
  void pathsLeavingTheRootAreRefused() throws IOException {
    ToolRegistry registry = registry();
    List<String> paths =
        List.of(
            "/etc/passwd",
            "C:x",
            "c:/x",
            "~",
            "~/x",
            "..",
            "a/../../x",
            "...",
            ". .",
            " ",
            "..;",
            "a/..;/b",
            ".;x",
            ". ;x",
            "%2e%2e/x",
            "%u002e",
            "%2F");
    for (String path : paths) {
      refusedWrite(registry, path);
    }
    assertEquals(List.of(), created());
  }

  @Test
  void namesThatOnlyLookUnusualAreAccepted() {
    ToolRegistry registry = registry();
    for (String path : List.of("a.b", "a..b", ".hidden", "x;y", "a%", "100%.txt", "a~", "Cx:y")) {
      assertEquals(path, write(registry, path).get("path").asText());
    }
    assertEquals("d/e", write(registry, "./d//./e").get("path").asText());
  }

  @Test
  void lengthDepthAndNameSizeLimitsAreInclusive() {
    ToolRegistry registry = registry();
    write(registry, "n".repeat(255));
    refusedWrite(registry, "m".repeat(256));
    write(registry, "\u00e9".repeat(127) + "e");
    refusedWrite(registry, "\u00e9".repeat(128));
    write(registry, "d/".repeat(63) + "leaf");
    refusedWrite(registry, "e/".repeat(64) + "leaf");
    String longest = "./".repeat(2047) + "ab";
    assertEquals(4096, longest.length());
    assertEquals("ab", write(registry, longest).get("path").asText());
    assertThrows(ToolException.class, () -> write(registry, longest + "c"));
  }
}
