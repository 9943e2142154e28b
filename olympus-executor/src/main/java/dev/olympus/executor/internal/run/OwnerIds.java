package dev.olympus.executor.internal.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Default owner ids, which name the process that holds a lease: {@code pid-<pid>@<where>-<random>},
 * where {@code <where>} is the Linux pid namespace (so two containers sharing a store never mistake
 * each other's processes) or, elsewhere, the host name.
 */
public final class OwnerIds {
  private static final String WHERE = where();

  private OwnerIds() {}

  /** A new owner id for this process. */
  public static String forThisProcess() {
    return "pid-" + ProcessHandle.current().pid() + "@" + WHERE + "-" + UUID.randomUUID();
  }

  /** The pid named by {@code owner} if it is a default owner id of a process of this machine. */
  static Optional<Long> localPid(String owner) {
    String prefix = "pid-";
    int at = owner.indexOf('@');
    if (!owner.startsWith(prefix) || at < 0) {
      return Optional.empty();
    }
    String rest = owner.substring(at + 1);
    if (!rest.startsWith(WHERE + "-")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(owner.substring(prefix.length(), at)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String where() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString().replaceAll("\\W", "");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      String host = System.getenv("HOSTNAME");
      if (host == null) {
        host = System.getenv("COMPUTERNAME");
      }
      return host == null ? "unknown" : host.replaceAll("\\W", "");
    }
  }
}
