package dev.olympus.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses where the log lines of the SDK and the CLI go (the jar's SLF4J backend is slf4j-simple):
 * appended to {@code olympus.log} beside the database, so they never interleave with prompts, or
 * with {@code --verbose} to the terminal's error stream. A {@code -Dorg.slf4j.simpleLogger.logFile}
 * the user gave wins. Without {@code --verbose} the process's {@code System.err} becomes the log
 * file too (slf4j-simple would truncate a file it opens itself, and whatever else a library prints
 * there belongs in the log as well), so the command line must bind its own error writer first. Must
 * run before the first logger is made; only {@link OlympusCli#main} calls it.
 */
final class LogRouting {
  static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";
  private static final String STDERR = "System.err";

  private LogRouting() {}

  /** Routes the logs for a command run against {@code db}; returns where they go. */
  static String route(Path db, boolean verbose) throws IOException {
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    if (System.getProperty(LOG_FILE) != null) {
      return System.getProperty(LOG_FILE);
    }
    System.setProperty(LOG_FILE, STDERR);
    if (verbose) {
      return "the terminal";
    }
    Path file = db.toAbsolutePath().resolveSibling("olympus.log");
    Files.createDirectories(file.getParent());
    System.setErr(
        new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8));
    return file.toString();
  }
}
