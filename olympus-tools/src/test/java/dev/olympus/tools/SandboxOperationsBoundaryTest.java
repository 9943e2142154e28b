package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read, write, list, move and delete at the edges a user meets: a file exactly at a size limit and
 * one byte over, a listing exactly as long as its limit, and a link, directory or special file
 * where a regular file was expected. After every refusal the files on both sides are unchanged.
 */
class SandboxOperationsBoundaryTest {
  @TempDir Path temp;
  private Path root;
  private Path outside;
  private ToolRegistry tools;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectory(temp.resolve("root"));
    outside = Files.writeString(temp.resolve("outside.txt"), "OUTSIDE");
    tools =
        ToolRegistry.builder()
            .add(
                FileTools.builder(root)
                    .maxReadBytes(10)
                    .maxWriteBytes(10)
                    .maxListEntries(3)
                    .build())
            .build();
  }

  private JsonNode run(String toolId, String input) {
    return tools.invoke(ToolCall.of(toolId, json(input)), context());
  }

  private void fifo(Path path) throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
    assertEquals(0, mkfifo.waitFor());
  }

  @Test
  void aFileExactlyAtTheReadLimitIsReadAndOneByteMoreIsNot() throws IOException {
    Files.writeString(root.resolve("ten"), "0123456789");
    Files.writeString(root.resolve("eleven"), "0123456789A");
    assertEquals("0123456789", run("fs.read", "{'path':'ten'}").get("content").asText());
    ToolExecutionException e =
        assertThrows(ToolExecutionException.class, () -> run("fs.read", "{'path':'eleven'}"));
    assertTrue(e.getMessage().contains("10 bytes"), e.getMessage());
  }

  @Test
  void anEmptyFileReadsAsEmpty() throws IOException {
    Files.writeString(root.resolve("empty"), "");
    assertEquals("", run("fs.read", "{'path':'empty'}").get("content").asText());
  }

  @Test
  void contentExactlyAtTheWriteLimitIsWrittenAndOneByteMoreIsNot() throws IOException {
    assertEquals(10, run("fs.write", "{'path':'ten','content':'0123456789'}").get("size").asInt());
    assertEquals("0123456789", Files.readString(root.resolve("ten")));
    assertThrows(
        ToolExecutionException.class,
        () -> run("fs.write", "{'path':'eleven','content':'0123456789A'}"));
    assertFalse(Files.exists(root.resolve("eleven")));
    assertEquals(1, Files.list(root).count(), "no temporary file is left behind");
  }

  @Test
  void readRefusesWhatIsNotARegularFileOfItsOwn() throws Exception {
    Files.createDirectory(root.resolve("dir"));
    Files.createSymbolicLink(root.resolve("link"), outside);
    Files.createLink(root.resolve("hard"), outside);
    fifo(root.resolve("pipe"));
    assertThrows(ToolExecutionException.class, () -> run("fs.read", "{'path':'dir'}"));
    assertThrows(ToolExecutionException.class, () -> run("fs.read", "{'path':'missing'}"));
    for (String path : new String[] {"link", "hard", "pipe"}) {
      SandboxViolationException e =
          assertThrows(
              SandboxViolationException.class,
              () -> run("fs.read", "{'path':'" + path + "'}"),
              path);
      assertFalse(e.getMessage().contains("OUTSIDE"), e.getMessage());
    }
  }

  @Test
  void writeRefusesLinksAndSpecialFilesAndKeepsWhatWasThere() throws Exception {
    Files.createSymbolicLink(root.resolve("link"), outside);
    fifo(root.resolve("pipe"));
    Files.createDirectory(root.resolve("dir"));
    Files.writeString(root.resolve("kept"), "old");
    assertThrows(
        SandboxViolationException.class, () -> run("fs.write", "{'path':'link','content':'x'}"));
    assertThrows(
        SandboxViolationException.class, () -> run("fs.write", "{'path':'pipe','content':'x'}"));
    assertThrows(
        ToolExecutionException.class, () -> run("fs.write", "{'path':'dir','content':'x'}"));
    assertThrows(
        ToolExecutionException.class,
        () -> run("fs.write", "{'path':'kept','content':'new','overwrite':false}"));
    assertEquals("OUTSIDE", Files.readString(outside));
    assertTrue(Files.isSymbolicLink(root.resolve("link")));
    assertEquals("old", Files.readString(root.resolve("kept")));
    run("fs.write", "{'path':'kept','content':'new'}");
    assertEquals("new", Files.readString(root.resolve("kept")), "overwrite defaults to true");
  }

  @Test
  void writeWithoutCreateParentsNeedsAnExistingDirectory() {
    ToolRegistry strict =
        ToolRegistry.builder().add(FileTools.builder(root).createParents(false).build()).build();
    assertThrows(
        ToolException.class,
        () ->
            strict.invoke(
                ToolCall.of("fs.write", json("{'path':'a/b','content':'x'}")), context()));
    assertFalse(Files.exists(root.resolve("a")));
  }

  @Test
  void aListingExactlyAsLongAsItsLimitIsNotTruncated() throws IOException {
    for (String name : new String[] {"c", "a", "b"}) {
      Files.writeString(root.resolve(name), name + name);
    }
    JsonNode full = run("fs.list", "{}");
    assertFalse(full.get("truncated").asBoolean());
    assertEquals(
        json("[{'name':'a','type':'file','size':2},{'name':'b','type':'file','size':2},"
                + "{'name':'c','type':'file','size':2}]")
            .toString(),
        full.get("entries").toString());
    Files.writeString(root.resolve("0"), "");
    JsonNode cut = run("fs.list", "{'path':'.'}");
    assertTrue(cut.get("truncated").asBoolean());
    assertEquals(3, cut.get("entries").size());
    assertEquals("0", cut.get("entries").get(0).get("name").asText(), "sorted before cutting");
  }

  @Test
  void aListingNamesLinksAndSpecialFilesWithoutFollowingThem() throws Exception {
    Files.createDirectory(root.resolve("d"));
    Files.createSymbolicLink(root.resolve("l"), outside);
    fifo(root.resolve("p"));
    assertEquals(
        json(
            "[{'name':'d','type':'directory'},{'name':'l','type':'symlink'},"
                + "{'name':'p','type':'other'}]"),
        run("fs.list", "{}").get("entries"));
    assertThrows(SandboxViolationException.class, () -> run("fs.list", "{'path':'l'}"));
  }

  @Test
  void deleteRemovesFilesAndEmptyDirectoriesOnly() throws IOException {
    Files.writeString(root.resolve("f"), "x");
    Files.createDirectories(root.resolve("full/inner"));
    Files.createDirectory(root.resolve("empty"));
    assertTrue(run("fs.delete", "{'path':'f'}").get("deleted").asBoolean());
    assertTrue(run("fs.delete", "{'path':'empty'}").get("deleted").asBoolean());
    assertFalse(run("fs.delete", "{'path':'f'}").get("deleted").asBoolean(), "already gone");
    assertThrows(ToolException.class, () -> run("fs.delete", "{'path':'full'}"));
    assertTrue(Files.isDirectory(root.resolve("full/inner")));
    assertFalse(Files.exists(root.resolve("f")));
    assertFalse(Files.exists(root.resolve("empty")));
  }

  @Test
  void deleteRefusesLinksAndSpecialFilesAndTheRoot() throws Exception {
    Files.createSymbolicLink(root.resolve("link"), outside);
    fifo(root.resolve("pipe"));
    assertThrows(SandboxViolationException.class, () -> run("fs.delete", "{'path':'link'}"));
    assertThrows(SandboxViolationException.class, () -> run("fs.delete", "{'path':'pipe'}"));
    assertThrows(ToolException.class, () -> run("fs.delete", "{'path':'.'}"));
    assertTrue(Files.isSymbolicLink(root.resolve("link")));
    assertTrue(Files.exists(root.resolve("pipe")));
    assertEquals("OUTSIDE", Files.readString(outside));
    assertTrue(Files.isDirectory(root));
  }

  @Test
  void moveReplacesAFileOnlyWhenAskedAndNeverADirectory() throws IOException {
    Files.writeString(root.resolve("a"), "A");
    Files.writeString(root.resolve("b"), "B");
    Files.createDirectory(root.resolve("d"));
    assertThrows(ToolExecutionException.class, () -> run("fs.move", "{'from':'a','to':'b'}"));
    assertEquals("A", Files.readString(root.resolve("a")));
    assertEquals("B", Files.readString(root.resolve("b")));
    assertThrows(
        ToolExecutionException.class,
        () -> run("fs.move", "{'from':'a','to':'d','overwrite':true}"));
    assertTrue(Files.isDirectory(root.resolve("d")));
    JsonNode moved = run("fs.move", "{'from':'a','to':'b','overwrite':true}");
    assertEquals("b", moved.get("path").asText());
    assertEquals("a", moved.get("from").asText());
    assertEquals("A", Files.readString(root.resolve("b")));
    assertFalse(Files.exists(root.resolve("a")));
    assertThrows(ToolExecutionException.class, () -> run("fs.move", "{'from':'a','to':'c'}"));
    run("fs.move", "{'from':'b','to':'d/b'}");
    assertEquals("A", Files.readString(root.resolve("d/b")));
  }

  @Test
  void moveRefusesLinksAndSpecialFilesOnEitherSide() throws Exception {
    Files.writeString(root.resolve("a"), "A");
    Files.createSymbolicLink(root.resolve("link"), outside);
    fifo(root.resolve("pipe"));
    for (String input :
        new String[] {
          "{'from':'link','to':'x'}",
          "{'from':'pipe','to':'x'}",
          "{'from':'a','to':'link','overwrite':true}",
          "{'from':'a','to':'pipe','overwrite':true}"
        }) {
      assertThrows(SandboxViolationException.class, () -> run("fs.move", input), input);
    }
    assertEquals("A", Files.readString(root.resolve("a")));
    assertEquals("OUTSIDE", Files.readString(outside));
    assertTrue(Files.isSymbolicLink(root.resolve("link")));
    assertFalse(Files.exists(root.resolve("x")));
  }

  private Tool tool(String id) {
    return FileTools.builder(root).build().stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aFileUsedAsADirectoryIsAnErrorNotAViolation() throws IOException {
    Files.writeString(root.resolve("file"), "x");
    assertThrows(
        ToolExecutionException.class, () -> run("fs.write", "{'path':'file/child','content':'x'}"));
    assertThrows(ToolExecutionException.class, () -> run("fs.list", "{'path':'file'}"));
    assertEquals("x", Files.readString(root.resolve("file")));
  }

  @Test
  void aCancelledCallTouchesNothing() throws IOException {
    Files.writeString(root.resolve("kept"), "old");
    ToolContext cancelled = context();
    cancelled.cancellation().cancel();
    for (String[] call :
        new String[][] {
          {"fs.write", "{'path':'new','content':'x'}"},
          {"fs.delete", "{'path':'kept'}"},
          {"fs.move", "{'from':'kept','to':'moved'}"}
        }) {
      assertThrows(
          ToolCancelledException.class,
          () -> tool(call[0]).invoke(ToolCall.of(call[0], json(call[1])), cancelled));
    }
    assertEquals("old", Files.readString(root.resolve("kept")));
    assertFalse(Files.exists(root.resolve("new")));
    assertFalse(Files.exists(root.resolve("moved")));
  }

  @Test
  void aFailureNamesThePathRelativeToTheRootNeverTheRootItself() throws IOException {
    Files.createDirectories(root.resolve("full/inner"));
    ToolExecutionException e =
        assertThrows(ToolExecutionException.class, () -> run("fs.delete", "{'path':'full'}"));
    assertTrue(e.getMessage().contains("'full'"), e.getMessage());
    assertFalse(e.getMessage().contains(root.toString()), e.getMessage());
  }

  @Test
  void precheckRefusesLinksAndSpecialFilesBeforeAnythingRuns() throws Exception {
    Files.createSymbolicLink(root.resolve("link"), outside);
    fifo(root.resolve("pipe"));
    Files.writeString(root.resolve("plain"), "p");
    Files.createDirectory(root.resolve("dir"));
    for (String input :
        new String[] {"{'path':'link'}", "{'path':'pipe'}", "{'path':'link/x'}", "{'path':'.'}"}) {
      assertThrows(
          SandboxViolationException.class, () -> tool("fs.delete").precheck(json(input)), input);
    }
    assertThrows(
        SandboxViolationException.class,
        () -> tool("fs.move").precheck(json("{'from':'plain','to':'link'}")));
    assertThrows(
        SandboxViolationException.class,
        () -> tool("fs.move").precheck(json("{'from':'pipe','to':'new'}")));
    tool("fs.delete").precheck(json("{'path':'plain'}"));
    tool("fs.write").precheck(json("{'path':'missing/deeper/new','content':'x'}"));
    tool("fs.write").precheck(json("{'path':'dir/new','content':'x'}"));
    tool("fs.list").precheck(json("{'path':'.'}"));
    tool("fs.list").precheck(json("{'path':'plain/x'}"));
    tool("fs.move").precheck(json("{'from':'plain','to':'dir/plain'}"));
    assertTrue(Files.isSymbolicLink(root.resolve("link")));
    assertEquals("p", Files.readString(root.resolve("plain")));
    assertFalse(Files.exists(root.resolve("missing")));
  }

  @Test
  void theConsentSummaryAndResourcesNameTheCleanPathAndTheSize() {
    assertEquals(
        "write 3 bytes to b.bin",
        tool("fs.write")
            .summarize(json("{'path':'./b.bin','content':'AQID','encoding':'base64'}")));
    assertEquals(
        "write 6 bytes to d/n.md",
        tool("fs.write").summarize(json("{'path':'d//n.md','content':'h\u00e9llo'}")));
    assertEquals("delete d/x", tool("fs.delete").summarize(json("{'path':'d/./x'}")));
    assertEquals("list .", tool("fs.list").summarize(json("{}")));
    assertEquals("move a to d/b", tool("fs.move").summarize(json("{'from':'a','to':'d/b'}")));
    assertEquals(
        java.util.List.of(Resource.path("a"), Resource.path("d/b")),
        tool("fs.move").resources(json("{'from':'./a','to':'d//b'}")));
    assertEquals(
        java.util.List.of(Resource.path("../x")),
        tool("fs.delete").resources(json("{'path':'../x'}")),
        "a refused path is shown as given");
    assertEquals(java.util.List.of(), tool("fs.delete").resources(json("{'path':' '}")));
  }
}
