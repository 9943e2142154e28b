package dev.olympus.cli;

import dev.olympus.memory.IngestResult;
import dev.olympus.memory.MemoryStore;
import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentLoader;
import dev.olympus.tools.DocumentText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ingests every PDF, HTML, Markdown and text file under a folder for {@code olympus ingest}. Each
 * document's source id is its path relative to the folder (with {@code /}); metadata carries its
 * {@code format} and {@code title}. Symbolic links are not followed; a refused document is skipped
 * with its reason. Stateless.
 */
final class FolderIngest {
  private FolderIngest() {}

  /** What an ingestion did: the documents stored (or unchanged), and the files skipped, why. */
  record Report(List<IngestResult> ingested, Map<String, String> skipped) {}

  /**
   * Ingests the documents under {@code folder}.
   *
   * @throws NoSuchFileException if {@code folder} does not exist
   * @throws NotDirectoryException if it is not a folder
   * @throws IOException if it cannot be walked
   */
  static Report ingest(MemoryStore memory, Path folder) throws IOException {
    if (!Files.exists(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "no such folder");
    }
    if (!Files.isDirectory(folder)) {
      throw new NotDirectoryException(folder.toString());
    }
    DocumentLoader loader = DocumentLoader.ofDefaults();
    List<IngestResult> ingested = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Path file : files(folder)) {
      String id = folder.relativize(file).toString().replace('\\', '/');
      if (DocumentText.Format.ofFileName(id).isEmpty()) {
        skipped.put(id, "not a PDF, HTML, Markdown or text file");
        continue;
      }
      try {
        DocumentText doc = loader.load(file);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", doc.format().name());
        doc.title().ifPresent(title -> metadata.put("title", title));
        ingested.add(memory.documents().ingest(id, doc.text(), metadata));
      } catch (DocumentException e) {
        skipped.put(id, e.problem() + ": " + e.getMessage());
      }
    }
    return new Report(ingested, skipped);
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
  }
}
