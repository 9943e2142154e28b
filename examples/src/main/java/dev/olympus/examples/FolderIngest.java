package dev.olympus.examples;

import dev.olympus.memory.IngestResult;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Ingests every PDF, HTML, Markdown and text file under a folder into a memory store in one call:
 *
 * <pre>{@code
 * FolderIngest.Report report = FolderIngest.ingest(memory, Path.of("docs"));
 * report.ingested().forEach(r -> System.out.println(r.sourceId() + ": " + r.chunks() + " chunks"));
 * report.skipped().forEach((file, why) -> System.out.println("skipped " + file + ": " + why));
 * }</pre>
 *
 * <p>Each document's source id is its path relative to the folder (with {@code /}), so citations
 * name the file; metadata carries its {@code format} and {@code title}. Symbolic links are not
 * followed. A refused document (too large, malformed, encrypted) is skipped and reported, not
 * fatal. Stateless and thread-safe.
 */
public final class FolderIngest {
  private FolderIngest() {}

  /**
   * What an ingestion did.
   *
   * @param ingested the documents stored (or found unchanged), in path order
   * @param skipped the files not stored, by relative path, with the reason
   */
  public record Report(List<IngestResult> ingested, Map<String, String> skipped) {
    /** Copies the fields. */
    public Report {
      ingested = List.copyOf(ingested);
      skipped = Map.copyOf(skipped);
    }
  }

  /**
   * Ingests the documents under {@code folder} with {@link DocumentLoader#ofDefaults()}.
   *
   * @throws NullPointerException if an argument is null
   * @throws UncheckedIOException if the folder cannot be walked
   */
  public static Report ingest(MemoryStore memory, Path folder) {
    return ingest(memory, folder, DocumentLoader.ofDefaults());
  }

  /**
   * Ingests the documents under {@code folder}, extracting text with {@code loader}.
   *
   * @throws NullPointerException if an argument is null
   * @throws UncheckedIOException if the folder cannot be walked
   */
  public static Report ingest(MemoryStore memory, Path folder, DocumentLoader loader) {
    Objects.requireNonNull(memory, "memory cannot be null");
    Objects.requireNonNull(loader, "loader cannot be null");
    List<IngestResult> ingested = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Path file : files(Objects.requireNonNull(folder, "folder cannot be null"))) {
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

  private static List<Path> files(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }
}
