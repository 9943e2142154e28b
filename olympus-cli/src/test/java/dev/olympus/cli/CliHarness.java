package dev.olympus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the {@code olympus} command line in-process with its database and sandbox in {@code home},
 * scripted terminal answers, and the output captured. Every file it makes is under {@code home}.
 */
public final class CliHarness {
  private final Path home;
  private final URI ollama;
  private String printed = "";

  /** A harness whose CLI talks to the Ollama at {@code ollama}. */
  public CliHarness(Path home, URI ollama) {
    this.home = home;
    this.ollama = ollama;
  }

  /** A harness whose CLI finds no model: nothing listens at its Ollama URL. */
  public static CliHarness withoutModel(Path home) {
    try (ServerSocket socket = new ServerSocket(0)) {
      return new CliHarness(home, URI.create("http://127.0.0.1:" + socket.getLocalPort()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code olympus <args>} reading terminal answers from {@code input}; the exit code. */
  public int run(String input, String... args) {
    List<String> all = new ArrayList<>();
    all.addAll(
        List.of(
            "--db", home.resolve("olympus.db").toString(),
            "--sandbox", workspace().toString(),
            "--ollama-url", ollama.toString()));
    all.addAll(List.of(args));
    return runAsGiven(input, all.toArray(String[]::new));
  }

  /** Runs {@code olympus <args>} without the harness's database, sandbox and model options. */
  public int runAsGiven(String input, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = OlympusCli.commandLine(new StringReader(input));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    int code = cli.execute(args);
    printed = out.toString();
    return code;
  }

  /** What the last run printed. */
  public String printed() {
    return printed;
  }

  /** The sandbox folder. */
  public Path workspace() {
    return home.resolve("workspace");
  }
}
