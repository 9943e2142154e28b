package dev.olympus.cli;

import dev.olympus.executor.Olympus;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.OpenAiCompatibleProvider;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Money;
import dev.olympus.tools.ConsentGrants;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code olympus} command line: the whole SDK for a person at a terminal. Settings come from
 * flags or the environment ({@code OLLAMA_URL}, {@code OLYMPUS_MODEL}, {@code OLYMPUS_DB}, {@code
 * OLYMPUS_SANDBOX}, {@code OLYMPUS_DAILY_BUDGET}, {@code OLYMPUS_HMAC_KEY}); the cloud provider is
 * off unless {@code --cloud} is given. With an HMAC key ({@code --key-file} or {@code
 * OLYMPUS_HMAC_KEY}) the store signs its audit chain's head, so {@code verify} also detects a
 * truncated or rewritten chain. Errors print one cleaned line; {@code --verbose} adds the stack
 * trace. Log lines go to {@code olympus.log} beside the database, never between the prompts ({@code
 * --verbose}: to the terminal's error stream). After a plan or a chat reply it says which model
 * answered (a cloud fallback included) and what the calls cost. Commands that need no model
 * (ingest, search, plans, events, verify, transcript, verify-transcript, grants, running a plan
 * without {@code llm.*} steps) work with none running; {@code ask} (plan a goal and run it) and
 * {@code chat} need one, and say in one line how to start it when none answers.
 *
 * <p>Run: {@code java -jar olympus-cli-<version>.jar ingest docs} (the jar {@code mvn package}
 * builds in {@code olympus-cli/target}).
 */
@Command(
    name = "olympus",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Plan, remember and act on this machine with consent.",
    subcommands = {
      IngestCommand.class,
      SearchCommand.class,
      RunCommand.class,
      PlansCommand.class,
      ResumeCommand.class,
      EventsCommand.class,
      VerifyCommand.class,
      TranscriptCommand.class,
      VerifyTranscriptCommand.class,
      GrantsCommand.class,
      AskCommand.class,
      ChatCommand.class
    })
public final class OlympusCli {
  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      defaultValue = "${env:OLYMPUS_DB:-${sys:user.home}/.olympus/olympus.db}",
      description = "SQLite database (env OLYMPUS_DB; default ${DEFAULT-VALUE})")
  Path db;

  @Option(
      names = "--sandbox",
      defaultValue = "${env:OLYMPUS_SANDBOX:-${sys:user.home}/.olympus/workspace}",
      description = "the only folder file tools may touch (env OLYMPUS_SANDBOX)")
  Path sandbox;

  @Option(
      names = "--ollama-url",
      defaultValue = "${env:OLLAMA_URL:-http://127.0.0.1:11434}",
      converter = HttpUrl.class,
      description = "Ollama server (env OLLAMA_URL; default ${DEFAULT-VALUE})")
  URI ollamaUrl;

  @Option(
      names = "--model",
      defaultValue = "${env:OLYMPUS_MODEL:-llama3.2}",
      description = "local model (env OLYMPUS_MODEL; default ${DEFAULT-VALUE})")
  String model;

  @Option(
      names = "--daily-budget",
      defaultValue = "${env:OLYMPUS_DAILY_BUDGET:-0.00}",
      description = "USD the cloud provider may cost per day (env OLYMPUS_DAILY_BUDGET)")
  String dailyBudget;

  @Option(
      names = "--key-file",
      description =
          "file holding the audit chain's HMAC key, at least 16 bytes (one trailing newline is"
              + " ignored); without it the key comes from env OLYMPUS_HMAC_KEY, if set")
  Path keyFile;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "print the stack trace of an error, and log to the terminal, not olympus.log")
  boolean verbose;

  @Option(names = "--cloud", description = "allow the cloud provider (off by default)")
  boolean cloud;

  @Option(
      names = "--cloud-url",
      defaultValue = "https://api.openai.com",
      converter = HttpUrl.class,
      description = "OpenAI-compatible server; key from env OPENAI_API_KEY")
  URI cloudUrl;

  @Option(names = "--cloud-model", defaultValue = "gpt-4o-mini", description = "cloud model")
  String cloudModel;

  private final BufferedReader in;
  private final ModelCalls calls = new ModelCalls();
  private TerminalConsent consent;

  /** A command line reading answers from {@code in}. */
  OlympusCli(Reader in) {
    this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
  }

  /** Runs the command line with the terminal's input and output; exits with the command's code. */
  public static void main(String[] args) {
    CommandLine line = commandLine(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    // Bound now: LogRouting may point System.err at the log file, but errors go to the terminal.
    line.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(line.setExecutionStrategy(OlympusCli::routeLogsThenRun).execute(args));
  }

  // Help and version need no log; a command's logs go where LogRouting says before it starts.
  private static int routeLogsThenRun(ParseResult parsed) {
    Integer help = CommandLine.executeHelpRequest(parsed);
    if (help != null) {
      return help;
    }
    OlympusCli cli = parsed.commandSpec().commandLine().getCommand();
    String command = parsed.subcommand() == null ? "" : parsed.subcommand().commandSpec().name();
    try {
      String where = LogRouting.route(cli.db, cli.verbose);
      LoggerFactory.getLogger(OlympusCli.class)
          .info("olympus {} {}; logging to {}", Version.number(), command, where);
    } catch (IOException e) {
      throw new ExecutionException(parsed.commandSpec().commandLine(), e.getMessage(), e);
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /**
   * Returns the picocli command line over a CLI that reads answers from {@code in}. Errors are
   * printed as one cleaned line (with the stack trace under {@code --verbose}), never raw.
   */
  static CommandLine commandLine(Reader in) {
    OlympusCli cli = new OlympusCli(in);
    return new CommandLine(cli)
        .setExecutionExceptionHandler((e, line, parsed) -> Errors.report(e, line, cli.verbose))
        .setParameterExceptionHandler(Errors::usage);
  }

  /**
   * The terminal consent prompt of this run, made on first use, answering for a {@code unit}
   * ("plan" or "conversation").
   */
  TerminalConsent consent(String unit) {
    if (consent == null) {
      consent = new TerminalConsent(in, out(), unit);
    }
    return consent;
  }

  /** Which models answered the calls made so far, and at what cost. */
  ModelCalls modelCalls() {
    return calls;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  BufferedReader in() {
    return in;
  }

  /** Asks a yes/no {@code question}; true only for "y". End of input is no. */
  boolean confirm(String question) {
    out().print(question + " [y/N] > ");
    out().flush();
    String answer;
    try {
      answer = in.readLine();
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null) {
      out().println();
    }
    return answer != null && answer.strip().equalsIgnoreCase("y");
  }

  MemoryStore openMemory() throws IOException {
    SqliteMemoryStore.Builder store = SqliteMemoryStore.builder().path(db);
    hmacKey().ifPresent(store::hmacKey);
    return store.build();
  }

  /** The HMAC key from {@code --key-file}, else from {@code OLYMPUS_HMAC_KEY}, if either is set. */
  Optional<byte[]> hmacKey() throws IOException {
    if (keyFile != null) {
      return Optional.of(HmacKeys.fromFile(keyFile));
    }
    return Optional.ofNullable(System.getenv(HmacKeys.ENV))
        .filter(k -> !k.isEmpty())
        .map(HmacKeys::fromText);
  }

  Path sandboxRoot() throws IOException {
    return Files.createDirectories(sandbox);
  }

  private Path grantsFile() {
    return db.toAbsolutePath().resolveSibling("grants.json");
  }

  ConsentGrants loadGrants() throws IOException {
    Path file = grantsFile();
    return Files.exists(file)
        ? ConsentGrants.fromJson(Files.readString(file))
        : ConsentGrants.empty();
  }

  void saveGrants(ConsentGrants policy) throws IOException {
    Files.createDirectories(grantsFile().getParent());
    Files.writeString(grantsFile(), policy.toJson());
  }

  /**
   * The model router if a provider can answer now; otherwise prints one line saying how to start
   * one and returns empty.
   */
  Optional<LlmRouter> modelOrHint(MemoryStore memory) {
    LlmRouter.Builder builder =
        Olympus.routerBuilder(memory).local(OllamaProvider.at(ollamaUrl, model)).listener(calls);
    if (cloud) {
      String key = System.getenv().getOrDefault("OPENAI_API_KEY", "");
      builder
          .fallback(
              OpenAiCompatibleProvider.of(cloudUrl, key, cloudModel),
              Pricing.perMillionTokens("0.15", "0.60"))
          .cloudFallback(true)
          .dailyBudget(Money.usd(dailyBudget));
    }
    LlmRouter router = builder.build();
    List<ProviderSkip> down = router.checkProviders();
    if (down.size() < (cloud ? 2 : 1)) {
      return Optional.of(router);
    }
    String why = down.stream().map(ProviderSkip::toString).collect(Collectors.joining("; "));
    out()
        .println(
            "No model is reachable at "
                + Terminal.clean(ollamaUrl.toString())
                + " ("
                + Terminal.clean(why)
                + "). Start one: `ollama serve`, then `ollama pull "
                + Terminal.clean(model)
                + "`.");
    return Optional.empty();
  }
}
