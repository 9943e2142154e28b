package dev.olympus.cli;

import dev.olympus.plan.transcript.TranscriptCheck;
import dev.olympus.plan.transcript.TranscriptVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code olympus verify-transcript <file>}: checks a transcript offline (no database, no model);
 * exit code 0 if it is valid (and of {@code --plan}, signed by {@code --fingerprint}, when given),
 * 1 with the reason if not.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "verify-transcript",
    description = "Verify a plan transcript: signature, chain links, no event left out.")
final class VerifyTranscriptCommand implements Callable<Integer> {
  private static final long MAX_BYTES = 512L * 1024 * 1024;

  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "the transcript file")
  Path file;

  @Option(names = "--plan", description = "the plan id it must be the transcript of")
  String planId;

  @Option(
      names = "--fingerprint",
      description = "the fingerprint (sha256:...) of the only key trusted to have signed it")
  String fingerprint;

  @Override
  public Integer call() throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      return invalid(
          "the file has " + size + " bytes, more than a transcript may (" + MAX_BYTES + ")");
    }
    byte[] bytes = Files.readAllBytes(file);
    TranscriptCheck check =
        planId == null
            ? TranscriptVerifier.verify(bytes)
            : TranscriptVerifier.verify(bytes, planId);
    if (check instanceof TranscriptCheck.Invalid invalid) {
      return invalid(invalid.problem());
    }
    TranscriptCheck.Valid valid = (TranscriptCheck.Valid) check;
    if (fingerprint != null && !fingerprint.equals(valid.fingerprint())) {
      return invalid("signed by key " + valid.fingerprint() + ", not by " + fingerprint);
    }
    cli.out().println(describe(valid));
    if (fingerprint == null) {
      cli.out()
          .println(
              "Anyone can sign with a key of their own: compare this fingerprint with the one you"
                  + " trust, or pass --fingerprint.");
    }
    return 0;
  }

  private int invalid(String problem) {
    cli.out().println("transcript INVALID: " + Terminal.clean(problem));
    return 1;
  }

  private static String describe(TranscriptCheck.Valid valid) {
    return "transcript of plan "
        + Terminal.clean(valid.planId())
        + ": valid; "
        + valid.events()
        + " events of the plan in log events "
        + valid.firstSeq()
        + ".."
        + valid.lastSeq()
        + ", none left out"
        + (valid.redactedSeqs().isEmpty()
            ? ""
            : "; " + valid.redactedSeqs().size() + " redacted (forgotten): " + valid.redactedSeqs())
        + "; outputs "
        + (valid.full() ? "in full" : "as SHA-256 hashes")
        + "; signed by key "
        + valid.fingerprint();
  }
}
