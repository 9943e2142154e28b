package dev.olympus.cli;

import dev.olympus.executor.Transcripts;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.transcript.Transcript;
import dev.olympus.plan.transcript.TranscriptKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code olympus transcript <id>}: one plan's signed transcript on standard output, nothing else.
 * The signing key is {@code transcript-key.pem} beside the database unless {@code --signing-key}
 * names another file; it is created, readable by its owner only, on first use.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "transcript",
    description = "Print a plan's signed transcript (canonical JSON) to standard output.")
final class TranscriptCommand implements Callable<Integer> {
  /** The key file's name beside the database. */
  static final String KEY_FILE = "transcript-key.pem";

  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "the plan id")
  String planId;

  @Option(names = "--hashes", description = "show step outputs as their SHA-256 instead of in full")
  boolean hashes;

  @Option(
      names = "--signing-key",
      description =
          "Ed25519 key file (PEM), created if missing; default " + KEY_FILE + " beside --db")
  Path signingKey;

  @Override
  public Integer call() throws IOException {
    Path keyFile =
        signingKey != null ? signingKey : cli.db.toAbsolutePath().resolveSibling(KEY_FILE);
    Transcript.Detail detail = hashes ? Transcript.Detail.HASHES : Transcript.Detail.FULL;
    try (MemoryStore memory = cli.openMemory()) {
      Transcript transcript =
          Transcripts.export(memory, planId, TranscriptKeys.loadOrCreate(keyFile), detail);
      cli.out().println(transcript.json());
      cli.out().flush();
      return 0;
    }
  }
}
