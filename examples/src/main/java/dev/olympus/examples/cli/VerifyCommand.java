package dev.olympus.examples.cli;

import dev.olympus.memory.ChainVerification;
import dev.olympus.memory.MemoryStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code olympus verify}: check the audit log's hash chain. */
@Command(name = "verify", description = "Verify the hash chain of the audit log.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Override
  public Integer call() {
    try (MemoryStore memory = cli.openMemory()) {
      ChainVerification check = memory.events().verify();
      cli.out().println("audit log: " + check + " (" + memory.events().lastSeq() + " events)");
      return check.intact() ? 0 : 1;
    }
  }
}
