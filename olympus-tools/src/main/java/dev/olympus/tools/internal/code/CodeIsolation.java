package dev.olympus.tools.internal.code;

import dev.olympus.tools.internal.Executables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How {@code code.run} confines a process: the bwrap and prlimit wrappers, and their words. */
final class CodeIsolation {
  private CodeIsolation() {}

  /** Returns {@code command} inside prlimit (when found) inside bwrap (when present). */
  static List<String> wrap(
      List<String> command, Path workspace, CodeLimits limits, Optional<Path> bwrap) {
    List<String> out = new ArrayList<>();
    bwrap.ifPresent(program -> out.addAll(bubblewrap(program, workspace, limits.allowNetwork())));
    Executables.find("prlimit")
        .ifPresent(p -> out.addAll(List.of(p.toString(), "--as=" + limits.maxMemoryBytes(), "--")));
    out.addAll(command);
    return out;
  }

  private static List<String> bubblewrap(Path program, Path workspace, boolean network) {
    List<String> out = new ArrayList<>(List.of(program.toString(), "--die-with-parent"));
    out.addAll(List.of("--new-session", "--unshare-all"));
    if (network) {
      out.add("--share-net");
    }
    out.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"));
    out.addAll(List.of("--tmpfs", "/tmp", "--tmpfs", "/dev/shm"));
    String dir = workspace.toString();
    out.addAll(List.of("--bind", dir, dir, "--chdir", dir, "--"));
    return out;
  }

  /** The sentence of the tool description that says how the code is confined. */
  static String describe(boolean isolated, boolean network) {
    return isolated
        ? "Runs inside bubblewrap: the workspace is the only writable folder, the rest of the"
            + " system is read-only"
            + (network ? "; network allowed." : "; no network.")
        : "Bubblewrap is not available: the code runs with no isolation, as the host's user.";
  }

  /** What a call does, for the consent prompt. */
  static String risk(String interpreters, boolean isolated, boolean network) {
    return isolated
        ? "runs "
            + interpreters
            + " code inside bubblewrap: it can change or delete any file in the workspace and read"
            + " the rest of the system"
            + (network ? "; it can use the network" : "; no network")
        : "runs "
            + interpreters
            + " code with NO isolation (bubblewrap not found): it can read, change or delete any"
            + " file the host's user can and use the network";
  }
}
