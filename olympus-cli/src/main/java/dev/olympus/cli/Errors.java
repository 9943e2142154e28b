package dev.olympus.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Prints the command line's errors as cleaned text: the exception's type and message through {@link
 * Terminal}, and its stack trace (cleaned too) only under {@code --verbose}, so a plan id or a file
 * name holding escape sequences cannot drive the terminal. Stateless.
 */
final class Errors {
  private Errors() {}

  /** Reports a command's failure; returns exit code 1. */
  static int report(Exception e, CommandLine line, boolean verbose) {
    PrintWriter err = line.getErr();
    err.println("error: " + Terminal.cleanLines(describe(e), "  "));
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.println(Terminal.cleanLines(trace.toString().replace("\t", "    ").stripTrailing(), ""));
    } else {
      err.println("(run with --verbose for the stack trace)");
    }
    err.flush();
    return 1;
  }

  /** Reports bad arguments with the command's usage; returns the usage exit code (2). */
  static int usage(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    err.println(Terminal.cleanLines(String.valueOf(e.getMessage()), "  "));
    line.usage(err);
    err.flush();
    return line.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
