package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolsTest {
  @TempDir Path temp;
  private Path root;
  private Path outside;
  private ToolRegistry tools;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(temp.resolve("root"));
    outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "TOP SECRET");
    tools =
        ToolRegistry.builder()
            .add(FileTools.builder(root).maxReadBytes(1000).maxWriteBytes(1000).build())
            .build();
  }

  private JsonNode run(String toolId, String input) {
    return tools.invoke(ToolCall.of(toolId, json(input)), context());
  }

  @Test
  void writeThenReadTextAndList() {
    JsonNode written = run("fs.write", "{'path':'docs/notes.md','content':'héllo'}");
    assertEquals("docs/notes.md", written.get("path").asText());
    assertEquals(6, written.get("size").asInt());
    assertEquals("héllo", run("fs.read", "{'path':'docs/notes.md'}").get("content").asText());
    JsonNode listing = run("fs.list", "{'path':'docs'}");
    assertEquals(
        json("[{'name':'notes.md','type':'file','size':6}]").toString(),
        listing.get("entries").toString());
    assertEquals(json("[{'name':'docs','type':'directory'}]"), run("fs.list", "{}").get("entries"));
  }

  @Test
  void binaryRoundTripsThroughBase64() throws IOException {
    byte[] bytes = {0, (byte) 0xff, (byte) 0xc3, 0x28, 10};
    String encoded = Base64.getEncoder().encodeToString(bytes);
    run("fs.write", "{'path':'b.bin','content':'" + encoded + "','encoding':'base64'}");
    assertArrayEquals(bytes, Files.readAllBytes(root.resolve("b.bin")));
    JsonNode read = run("fs.read", "{'path':'b.bin','encoding':'base64'}");
    assertEquals(encoded, read.get("content").asText());
    ToolExecutionException e =
        assertThrows(ToolExecutionException.class, () -> run("fs.read", "{'path':'b.bin'}"));
    assertTrue(e.getMessage().contains("base64"), e.getMessage());
    assertThrows(
        ToolValidationException.class,
        () -> run("fs.write", "{'path':'c','content':'***','encoding':'base64'}"));
  }

  @Test
  void sizeLimitsAreEnforced() throws IOException {
    ToolExecutionException write =
        assertThrows(
            ToolExecutionException.class,
            () -> run("fs.write", "{'path':'big','content':'" + "x".repeat(1001) + "'}"));
    assertTrue(write.getMessage().contains("limit"), write.getMessage());
    assertFalse(Files.exists(root.resolve("big")));
    Files.writeString(root.resolve("big"), "y".repeat(1001));
    assertThrows(ToolExecutionException.class, () -> run("fs.read", "{'path':'big'}"));
  }

  @Test
  void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
    Files.writeString(root.resolve("a.txt"), "old");
    run("fs.write", "{'path':'a.txt','content':'new'}");
    assertEquals("new", Files.readString(root.resolve("a.txt")));
    try (Stream<Path> files = Files.list(root)) {
      assertEquals(List.of(root.resolve("a.txt")), files.toList());
    }
    ToolExecutionException e =
        assertThrows(
            ToolExecutionException.class,
            () -> run("fs.write", "{'path':'a.txt','content':'x','overwrite':false}"));
    assertTrue(e.getMessage().contains("exists"));
    assertEquals("new", Files.readString(root.resolve("a.txt")));
  }

  @Test
  void deleteAndMove() throws IOException {
    Files.createDirectories(root.resolve("d/e"));
    Files.writeString(root.resolve("d/f.txt"), "f");
    run("fs.move", "{'from':'d/f.txt','to':'d/e/g.txt'}");
    assertEquals("f", Files.readString(root.resolve("d/e/g.txt")));
    assertTrue(run("fs.delete", "{'path':'d/e/g.txt'}").get("deleted").asBoolean());
    assertFalse(run("fs.delete", "{'path':'d/e/g.txt'}").get("deleted").asBoolean());
    Files.writeString(root.resolve("d/e/h"), "h");
    ToolExecutionException notEmpty =
        assertThrows(ToolExecutionException.class, () -> run("fs.delete", "{'path':'d/e'}"));
    assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
    assertThrows(ToolExecutionException.class, () -> run("fs.move", "{'from':'d/e/h','to':'d'}"));
  }

  @Test
  void symlinksAnywhereOnThePathAreRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("out"), outside);
    Files.createSymbolicLink(root.resolve("secret"), outside.resolve("secret.txt"));
    Files.createDirectory(root.resolve("in"));
    Files.createSymbolicLink(root.resolve("in/inner"), root.resolve("in"));
    assertThrows(SandboxViolationException.class, () -> run("fs.read", "{'path':'secret'}"));
    assertThrows(
        SandboxViolationException.class, () -> run("fs.read", "{'path':'out/secret.txt'}"));
    assertThrows(
        SandboxViolationException.class,
        () -> run("fs.write", "{'path':'out/new.txt','content':'x'}"));
    assertThrows(
        SandboxViolationException.class, () -> run("fs.write", "{'path':'secret','content':'x'}"));
    assertThrows(SandboxViolationException.class, () -> run("fs.list", "{'path':'out'}"));
    assertThrows(SandboxViolationException.class, () -> run("fs.delete", "{'path':'secret'}"));
    assertThrows(
        SandboxViolationException.class, () -> run("fs.move", "{'from':'secret','to':'s2'}"));
    assertThrows(SandboxViolationException.class, () -> run("fs.list", "{'path':'in/inner'}"));
    assertEquals("TOP SECRET", Files.readString(outside.resolve("secret.txt")));
    assertFalse(Files.exists(outside.resolve("new.txt")));
    JsonNode listing = run("fs.list", "{}");
    assertTrue(listing.toString().contains("\"symlink\""), listing.toString());
  }

  @Test
  void hardLinksAndSpecialFilesAreNotRead() throws Exception {
    Files.createLink(root.resolve("hard"), outside.resolve("secret.txt"));
    SandboxViolationException e =
        assertThrows(SandboxViolationException.class, () -> run("fs.read", "{'path':'hard'}"));
    assertTrue(e.getMessage().contains("hard link"), e.getMessage());
    Files.createSymbolicLink(root.resolve("null"), Path.of("/dev/null"));
    assertThrows(SandboxViolationException.class, () -> run("fs.read", "{'path':'null'}"));
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("fifo").toString()).start();
    if (mkfifo.waitFor() == 0) {
      SandboxViolationException fifo =
          assertThrows(SandboxViolationException.class, () -> run("fs.read", "{'path':'fifo'}"));
      assertTrue(fifo.getMessage().contains("regular"), fifo.getMessage());
      assertThrows(
          SandboxViolationException.class, () -> run("fs.write", "{'path':'fifo','content':'x'}"));
    }
  }

  @Test
  void summariesAndRootRules() {
    Tool write = tools.get("fs.write");
    assertEquals(
        "write 3 bytes to a/b.txt", write.summarize(json("{'path':'a//./b.txt','content':'abc'}")));
    assertEquals("move a to b", tools.get("fs.move").summarize(json("{'from':'a','to':'b'}")));
    assertThrows(SandboxViolationException.class, () -> run("fs.delete", "{'path':'.'}"));
    assertThrows(
        SandboxViolationException.class, () -> run("fs.write", "{'path':'./','content':'x'}"));
  }

  @Test
  void readOnlyBuilderHasNoWriteTools() {
    List<Tool> readOnly = FileTools.builder(root).readOnly().build();
    assertEquals(List.of("fs.read", "fs.list"), readOnly.stream().map(Tool::id).toList());
    assertEquals(List.of("fs.read"), readOnly.get(1).spec().scopes());
  }

  @Test
  void rootMustBeADirectory() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "x", StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> FileTools.sandboxedAt(file));
    assertThrows(
        IllegalArgumentException.class, () -> FileTools.sandboxedAt(temp.resolve("missing")));
  }
}
