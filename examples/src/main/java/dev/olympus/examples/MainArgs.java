package dev.olympus.examples;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the folder arguments of the example programs' main methods. An argument that looks like an
 * option ({@code --help}, {@code -x}) is refused with the usage line instead of becoming a folder
 * in the working directory. Stateless.
 */
final class MainArgs {
  private MainArgs() {}

  /**
   * Argument {@code index} as a path, or empty if there is none.
   *
   * @throws IllegalArgumentException if the argument starts with {@code -}; the message is {@code
   *     usage}
   */
  static Optional<Path> path(String[] args, int index, String usage) {
    if (args.length <= index) {
      return Optional.empty();
    }
    if (args[index].startsWith("-")) {
      throw new IllegalArgumentException(usage);
    }
    return Optional.of(Path.of(args[index]));
  }

  /** Like {@link #path}, but prints {@code usage} and exits with status 2 instead of throwing. */
  static Optional<Path> pathOrExit(String[] args, int index, String usage) {
    try {
      return path(args, index, usage);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw e;
    }
  }
}
