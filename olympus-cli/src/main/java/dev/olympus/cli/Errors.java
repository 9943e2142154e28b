package dev.olympus.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Prints the command line's errors as one cleaned line: what went wrong in words for the mistakes a
 * person makes (a missing file or folder, a plan file that is not a plan, a bad option value), the
 * exception's type and message otherwise; the stack trace (cleaned too) only under {@code
 * --verbose}. Everything passes through {@link Terminal}, so a plan id or a file name holding
 * escape sequences cannot drive the terminal. Stateless.
 */
final class Errors {
  private Errors() {}

  /** Reports a command's failure; returns exit code 1. */
  static int report(Exception e, CommandLine line, boolean verbose) {
    PrintWriter err = line.getErr();
    String hint = verbose || isUserMistake(e) ? "" : " (--verbose shows the stack trace)";
    err.println("error: " + Terminal.clean(describe(e)) + hint);
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.println(Terminal.cleanLines(trace.toString().replace("\t", "    ").stripTrailing(), ""));
    }
    err.flush();
    return 1;
  }

  /** Reports bad arguments in one line and where help is; returns the usage exit code (2). */
  static int usage(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    String help = Terminal.clean(line.getCommandSpec().qualifiedName()) + " --help";
    err.println(
        "error: " + Terminal.clean(String.valueOf(e.getMessage())) + " (see `" + help + "`)");
    err.flush();
    return line.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static boolean isUserMistake(Throwable e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return cause instanceof UserException
        || cause instanceof NoSuchFileException
        || cause instanceof NotDirectoryException
        || cause instanceof AccessDeniedException;
  }

  private static String describe(Throwable e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof NoSuchFileException missing) {
      String reason = missing.getReason();
      return (reason == null ? "no such file or folder" : reason) + ": " + missing.getFile();
    }
    if (cause instanceof NotDirectoryException notFolder) {
      return "not a folder: " + notFolder.getFile();
    }
    if (cause instanceof AccessDeniedException denied) {
      return "not allowed to read or write " + denied.getFile();
    }
    if (cause instanceof UserException) {
      return cause.getMessage();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** A mistake in what the person asked for, said in words; printed without a type or trace. */
  static final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
