package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks the file tools with hostile paths: every payload is refused or stays inside the root, no
 * read returns the secret outside it, and nothing outside changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostilePathCorpusTest {
  private static final String SECRET = "TOP-SECRET-CONTENT";
  private static final String PAYLOAD = "PWNED";

  @TempDir static Path temp;
  private Path root;
  private Path outside;
  private List<String> outsideBefore;
  private ToolRegistry tools;

  static List<String> corpus() {
    List<String> corpus = new ArrayList<>();
    for (String dots : List.of("..", "../..", "../../..", "./..", "a/../..", "a/b/../../..")) {
      corpus.add(dots + "/outside/secret.txt");
      corpus.add(dots);
    }
    corpus.addAll(
        List.of(
            "/etc/passwd",
            "//etc/passwd",
            "///etc/passwd",
            "/" + "outside/secret.txt",
            "C:\\Windows\\win.ini",
            "C:/Windows/win.ini",
            "\\\\server\\share\\x",
            "..\\outside\\secret.txt",
            "..\\..\\etc\\passwd",
            "a\\..\\..\\outside",
            "..%2foutside%2fsecret.txt",
            "%2e%2e/outside/secret.txt",
            "%2e%2e%2foutside%2fsecret.txt",
            "%252e%252e/outside/secret.txt",
            "%25252e%25252e%25252f",
            "..%5coutside",
            "%2e%2e%5c%2e%2e%5cetc",
            "..%c0%afoutside",
            "..%ef%bc%8foutside",
            "%00../outside",
            "..%00/outside",
            "secret.txt\u0000.md",
            "\u0000",
            "a/\u0000/b",
            "..\u0000",
            "\uff0e\uff0e/outside/secret.txt",
            "\uff0e\uff0e\uff0foutside",
            "..\uff0foutside\uff0fsecret.txt",
            "\u2025/outside",
            "\u2024\u2024/outside",
            "a\u2215..\u2215..",
            "..\u2216outside",
            "\ufe52\ufe52/outside",
            "\u202e../outside",
            "a\u200b/../../outside",
            "..\u200d/outside",
            "\ud800../outside",
            "~/.ssh/id_rsa",
            "~root/.bashrc",
            "...",
            "....//outside",
            "..../outside",
            ". ./outside",
            ".. /outside",
            " ../outside",
            "../ outside",
            "..;/outside",
            "./../outside",
            ".//..//outside",
            "a/./../../outside",
            "a/b/c/d/e/../../../../../../outside",
            "a/" + "../".repeat(50) + "outside",
            "x/".repeat(70) + "y",
            "a".repeat(300),
            "a/".repeat(2100),
            "../".repeat(2000),
            "line\nbreak/../../outside",
            "tab\t../outside",
            "cr\r/../..",
            "bell\u0007",
            "del\u007f",
            "file:///etc/passwd",
            "file:../outside",
            "\\..\\outside",
            "/..",
            "/.",
            "/",
            "",
            ".",
            "./",
            "link-out/secret.txt",
            "link-out",
            "link-out/",
            "link-out/../outside/secret.txt",
            "link-secret",
            "link-root/link-out/secret.txt",
            "dir/link-up/outside/secret.txt",
            "dir/link-up",
            "dir/link-abs/secret.txt",
            "dir/link-loop",
            "dir/link-loop/x",
            "hard",
            "dir/../link-secret",
            "dir/./link-out/secret.txt",
            "DIR/../../outside",
            "dir/..",
            "dir/sub/../../..",
            "dir/sub/../../../outside/secret.txt",
            "link-dev-null",
            "link-proc/self/environ",
            "/proc/self/environ",
            "/dev/zero",
            "../../../../../../../../dev/zero",
            "dir\\..\\..\\outside",
            "dir/.\\./..",
            "dir//..//..//outside",
            "%2F%2E%2E%2Foutside",
            "dir%2f..%2f..%2foutside",
            "\u002e\u002e/outside",
            "\u0130../outside",
            "dir/\u00a0../outside"));
    return corpus;
  }

  @BeforeAll
  void createTree() throws IOException {
    root = Files.createDirectory(temp.resolve("root"));
    outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), SECRET);
    Files.createDirectories(root.resolve("dir/sub"));
    Files.writeString(root.resolve("dir/ok.txt"), "fine");
    Files.createSymbolicLink(root.resolve("link-out"), outside);
    Files.createSymbolicLink(root.resolve("link-secret"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("link-root"), root);
    Files.createSymbolicLink(root.resolve("link-dev-null"), Path.of("/dev/null"));
    Files.createSymbolicLink(root.resolve("link-proc"), Path.of("/proc"));
    Files.createSymbolicLink(root.resolve("dir/link-up"), Path.of("../.."));
    Files.createSymbolicLink(root.resolve("dir/link-abs"), outside);
    Files.createSymbolicLink(root.resolve("dir/link-loop"), Path.of("link-loop"));
    Files.createLink(root.resolve("hard"), outside.resolve("secret.txt"));
    outsideBefore = snapshot(outside);
    tools = ToolRegistry.builder().add(FileTools.sandboxedAt(root)).build();
  }

  @AfterAll
  void outsideIsUnchanged() throws IOException {
    assertEquals(outsideBefore, snapshot(outside));
    assertEquals(SECRET, Files.readString(outside.resolve("secret.txt")));
    try (Stream<Path> all = Files.walk(temp)) {
      for (Path p : all.toList()) {
        if (!p.startsWith(root) && Files.isRegularFile(p)) {
          assertFalse(Files.readString(p).contains(PAYLOAD), "written outside the root: " + p);
        }
      }
    }
  }

  private static List<String> snapshot(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.map(p -> dir.relativize(p) + ":" + p.toFile().length()).sorted().toList();
    }
  }

  @org.junit.jupiter.api.Test
  void corpusHasAtLeastOneHundredPayloads() {
    assertTrue(corpus().size() >= 100, "corpus size " + corpus().size());
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void readNeverReturnsOutsideContent(String path) {
    JsonNode result = attempt("fs.read", input("path", path));
    assertFalse(String.valueOf(result).contains(SECRET), "leaked by " + path);
    JsonNode listing = attempt("fs.list", input("path", path));
    assertFalse(String.valueOf(listing).contains("secret.txt"), "listed outside by " + path);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void writesStayInsideTheRoot(String path) {
    ObjectNode input = input("path", path).put("content", PAYLOAD);
    JsonNode result = attempt("fs.write", input);
    if (result != null) {
      Path written = root.resolve(result.get("path").asText()).normalize();
      assertTrue(written.startsWith(root), path + " wrote " + written);
    }
    attempt("fs.move", input("from", "dir/ok.txt").put("to", path));
    attempt("fs.move", input("from", path).put("to", "moved"));
    attempt("fs.delete", input("path", path));
  }

  private static ObjectNode input(String field, String value) {
    return JsonNodeFactory.instance.objectNode().put(field, value);
  }

  /** Runs the call; a refusal or failure is fine, anything else must be a tool exception. */
  private JsonNode attempt(String toolId, ObjectNode input) {
    try {
      return tools.invoke(ToolCall.of(toolId, input), context());
    } catch (SandboxViolationException | ToolValidationException | ToolExecutionException e) {
      assertFalse(e.getMessage().contains("\u0000"), "message echoes NUL");
      return null;
    }
  }
}
