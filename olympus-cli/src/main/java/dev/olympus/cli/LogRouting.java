package dev.olympus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses where the log lines of the SDK and the CLI go (the jar's SLF4J backend is slf4j-simple):
 * into {@code olympus.log} beside the database, so they never interleave with prompts, or with
 * {@code --verbose} to the terminal's error stream. A {@code -Dorg.slf4j.simpleLogger.logFile} the
 * user gave wins. Must run before the first logger is made; only {@link OlympusCli#main} calls it.
 */
final class LogRouting {
  static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";

  private LogRouting() {}

  /** Routes the logs for a command run against {@code db}; returns where they go. */
  static String route(Path db, boolean verbose) throws IOException {
    if (System.getProperty(LOG_FILE) == null) {
      System.setProperty(LOG_FILE, verbose ? "System.err" : logFile(db));
    }
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    return System.getProperty(LOG_FILE);
  }

  private static String logFile(Path db) throws IOException {
    Path file = db.toAbsolutePath().resolveSibling("olympus.log");
    Files.createDirectories(file.getParent());
    return file.toString();
  }
}
