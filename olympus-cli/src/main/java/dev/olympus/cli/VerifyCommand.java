package dev.olympus.cli;

import dev.olympus.memory.ChainVerification;
import dev.olympus.memory.MemoryStore;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code olympus verify}: check the audit log's hash chain, and with an HMAC key ({@code
 * --key-file} or {@code OLYMPUS_HMAC_KEY}) the signature of its head, which makes a truncated or
 * rewritten chain detectable.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "verify",
    description = "Verify the hash chain of the audit log (and its signed head, given a key).")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Override
  public Integer call() throws IOException {
    boolean keyed = cli.hmacKey().isPresent();
    try (MemoryStore memory = cli.openMemory()) {
      ChainVerification check = memory.events().verify();
      cli.out()
          .println(
              "audit log: "
                  + Terminal.clean(check.toString())
                  + " ("
                  + memory.events().lastSeq()
                  + " events; "
                  + (keyed
                      ? "head signature checked with the HMAC key)"
                      : "no HMAC key: a truncated or rewritten chain goes unnoticed; see --key-file)"));
      return check.intact() ? 0 : 1;
    }
  }
}
