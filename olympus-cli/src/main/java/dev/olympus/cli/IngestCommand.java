package dev.olympus.cli;

import dev.olympus.memory.MemoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code olympus ingest <folder>}: index PDF, HTML, Markdown and text files for search. */
@Command(name = "ingest", description = "Index the documents of a folder (no model needed).")
final class IngestCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "folder of .pdf, .html, .md and .txt files")
  Path folder;

  @Override
  public Integer call() throws IOException {
    try (MemoryStore memory = cli.openMemory()) {
      FolderIngest.Report report = FolderIngest.ingest(memory, folder);
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
