package dev.olympus.desktop;

import dev.olympus.memory.MemoryStore;
import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentLoader;
import dev.olympus.tools.DocumentText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ingests the documents of a folder dropped on the window: each PDF, HTML, Markdown or text file
 * under it, with its path relative to the folder as source id; refused files are listed with why.
 * Stateless.
 */
final class FolderIngest {
  private FolderIngest() {}

  /**
   * What one ingestion did.
   *
   * @param ingested the source ids stored
   * @param skipped one line per file not stored, with why
   */
  record Report(List<String> ingested, List<String> skipped) {
    Report {
      ingested = List.copyOf(ingested);
      skipped = List.copyOf(skipped);
    }

    String text() {
      return ingested.size()
          + " document(s) ingested"
          + (skipped.isEmpty() ? "" : "; skipped: " + String.join("; ", skipped));
    }
  }

  /**
   * Ingests the documents under {@code folder} into {@code memory}.
   *
   * @throws IllegalArgumentException if {@code folder} is not a directory
   * @throws UncheckedIOException if the folder cannot be walked
   */
  static Report ingest(MemoryStore memory, Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("not a folder: " + folder);
    }
    DocumentLoader loader = DocumentLoader.ofDefaults();
    List<String> ingested = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path file : files(folder)) {
      String id = folder.relativize(file).toString().replace('\\', '/');
      if (DocumentText.Format.ofFileName(id).isEmpty()) {
        skipped.add(id + ": not a PDF, HTML, Markdown or text file");
        continue;
      }
      try {
        DocumentText doc = loader.load(file);
        memory.documents().ingest(id, doc.text(), Map.of("format", doc.format().name()));
        ingested.add(id);
      } catch (DocumentException e) {
        skipped.add(id + ": " + e.getMessage());
      }
    }
    return new Report(ingested, skipped);
  }

  private static List<Path> files(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }
}
