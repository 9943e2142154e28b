package dev.olympus.cli;

import dev.olympus.memory.Citation;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code olympus search <query>}: keyword search over ingested documents, with citations. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "search",
    description = "Search ingested documents (no model needed).")
final class SearchCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "what to look for")
  String query;

  @Option(names = "-k", defaultValue = "5", description = "how many hits (default 5)")
  int k;

  @Override
  public Integer call() throws IOException {
    try (MemoryStore memory = cli.openMemory()) {
      List<SearchHit> hits = memory.documents().search(query, k);
      if (hits.isEmpty()) {
        cli.out().println(noMatch(memory));
        return 1;
      }
      for (SearchHit hit : hits) {
        Citation c = hit.citation();
        cli.out()
            .println(
                "["
                    + Terminal.clean(c.sourceId())
                    + " #"
                    + c.chunkIndex()
                    + " @"
                    + c.start()
                    + "-"
                    + c.end()
                    + "] "
                    + Terminal.clean(c.snippet()));
      }
      return 0;
    }
  }

  private String noMatch(MemoryStore memory) {
    boolean ingested = memory.counters().get(IngestCommand.INGESTED) > 0;
    String none = "no match for \"" + Terminal.clean(query) + "\"";
    return ingested
        ? none + " in the ingested documents; try other words"
        : none + "; no documents are ingested yet: `olympus ingest <folder>`";
  }
}
