package dev.olympus.cli;

import dev.olympus.memory.MemoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code olympus ingest <folder>}: index PDF, HTML, Markdown and text files for search. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "ingest",
    description = "Index the documents of a folder (no model needed).")
final class IngestCommand implements Callable<Integer> {
  /** The counter of documents {@code olympus ingest} stored (the store cannot count them yet). */
  static final String INGESTED = "cli.documents.ingested";

  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "folder of .pdf, .html, .md and .txt files")
  Path folder;

  @Override
  public Integer call() throws IOException {
    try (MemoryStore memory = cli.openMemory()) {
      FolderIngest.Report report = FolderIngest.ingest(memory, folder);
      long stored = report.ingested().stream().filter(r -> !r.unchanged()).count();
      memory.counters().add(INGESTED, stored);
      report
          .ingested()
          .forEach(
              r ->
                  cli.out()
                      .println(
                          "ingested "
                              + Terminal.clean(r.sourceId())
                              + " ("
                              + r.chunks()
                              + " chunks"
                              + (r.unchanged() ? ", unchanged" : "")
                              + ")"));
      report
          .skipped()
          .forEach(
              (file, why) ->
                  cli.out()
                      .println("skipped " + Terminal.clean(file) + ": " + Terminal.clean(why)));
      cli.out()
          .println(report.ingested().size() + " documents in " + Terminal.clean(cli.db.toString()));
      return 0;
    }
  }
}
