package dev.olympus.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {
  @Test
  void listsTheSandboxFilesByPath(@TempDir Path box) throws Exception {
    Files.createDirectories(box.resolve("notes"));
    Files.writeString(box.resolve("notes/b.md"), "bb");
    Files.writeString(box.resolve("a.txt"), "a");
    assertEquals(
        List.of(new Artifacts.Entry("a.txt", 1), new Artifacts.Entry("notes/b.md", 2)),
        Artifacts.list(box));
    assertEquals(List.of(), Artifacts.list(box.resolve("missing")));
  }

  @Test
  void aLongFileSaysWhatItDoesNotShow(@TempDir Path box) throws Exception {
    Files.writeString(box.resolve("big.txt"), "y".repeat(Artifacts.PREVIEW_BYTES + 10));
    String preview = Artifacts.preview(box, "big.txt");
    assertTrue(preview.endsWith("… (10 more bytes not shown)"), preview.substring(65_000));
  }

  @Test
  void aFileOfExactlyThePreviewSizeIsShownWhole(@TempDir Path box) throws Exception {
    String whole = "y".repeat(Artifacts.PREVIEW_BYTES);
    Files.writeString(box.resolve("full.txt"), whole);
    assertEquals(whole, Artifacts.preview(box, "full.txt"));
  }

  @Test
  void aLinkInTheSandboxIsNeitherListedNorOpened(@TempDir Path dir) throws Exception {
    Path box = Files.createDirectories(dir.resolve("box"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "s");
    Files.createSymbolicLink(box.resolve("link.txt"), secret);
    assertEquals(List.of(), Artifacts.list(box));
    assertThrows(IllegalArgumentException.class, () -> Artifacts.preview(box, "link.txt"));
  }

  @Test
  void previewsNothingOutsideTheSandbox(@TempDir Path dir) throws Exception {
    Path box = Files.createDirectories(dir.resolve("box"));
    Files.writeString(dir.resolve("secret.txt"), "s");
    assertThrows(IllegalArgumentException.class, () -> Artifacts.preview(box, "../secret.txt"));
  }

  @Test
  void onlyDroppedFoldersAreIngested(@TempDir Path dir) throws Exception {
    File file = Files.writeString(dir.resolve("f.txt"), "f").toFile();
    assertEquals(List.of(dir), FolderDrop.folders(List.of(file, dir.toFile())));
  }

  @Test
  void theStatusLineShowsModelTokensAndSpendAgainstTheBudget() {
    assertEquals(
        "model llama3.2  |  42 tokens used  |  cloud today $0.25 of $1",
        new StatusLine("llama3.2", 42, new BigDecimal("0.25"), BigDecimal.ONE).text());
    assertEquals(
        "no model (offline)  |  0 tokens used  |  cloud off",
        new StatusLine("", 0, BigDecimal.ZERO, null).text());
  }
}
