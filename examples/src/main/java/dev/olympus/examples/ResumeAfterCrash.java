package dev.olympus.examples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.Resource;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Surviving a crash: every step's state is checkpointed in the SQLite file before the next action,
 * so when the process dies mid-plan, the next start calls {@code recoverAll()} and the plan carries
 * on. A step that was running at the crash is re-run only if it is read-only or idempotent; a side
 * effect (here, appending to {@code ledger.txt}) is never repeated silently.
 *
 * <p>Run it, kill it with {@code kill -9} while "summarize" runs, and run it again with the same
 * folder: {@code mvn -pl examples exec:java -Dexec.mainClass=dev.olympus.examples.ResumeAfterCrash
 * -Dexec.args=/tmp/olympus-resume}.
 */
public final class ResumeAfterCrash {
  /** The id of the example's plan. */
  public static final String PLAN_ID = "invoice-42";

  private ResumeAfterCrash() {}

  /** Runs or resumes the plan in the folder {@code args[0]} (default: a folder in the temp dir). */
  public static void main(String[] args) throws Exception {
    Path home =
        MainArgs.pathOrExit(args, 0, "usage: ResumeAfterCrash [folder]")
            .orElse(Path.of(System.getProperty("java.io.tmpdir"), "olympus-resume"));
    PlanResult result = run(home, System.out);
    System.exit(result.succeeded() ? 0 : 1);
  }

  /** Resumes an interrupted plan in {@code home}, or submits a new one; waits for the end. */
  public static PlanResult run(Path home, PrintStream out) throws Exception {
    Path workspace = Files.createDirectories(home.resolve("workspace"));
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
        Olympus olympus =
            open(memory, workspace, ledger(workspace, "ledger.append"), summarizer())) {
      List<PlanRun> interrupted = olympus.executor().recoverAll();
      PlanRun run;
      if (interrupted.isEmpty()) {
        out.println("starting plan " + PLAN_ID);
        run = olympus.executor().submit(plan());
      } else {
        run = interrupted.get(0);
        out.println("resuming plan " + run.planId() + " after a crash: " + run.snapshot().steps());
      }
      PlanResult result = run.await();
      out.println("plan " + result.state() + "; ledger: " + Files.readAllLines(ledger(workspace)));
      return result;
    }
  }

  /**
   * Wires Olympus with the example's tools ({@code send} is {@code ledger.append}, {@code
   * summarize} is {@code text.summarize}) and standing grants for them.
   */
  public static Olympus open(MemoryStore memory, Path workspace, Tool send, Tool summarize) {
    ConsentGrants grants = ConsentGrants.empty();
    grants.grant(ConsentGrants.Grant.of("ledger.write"));
    grants.grant(ConsentGrants.Grant.within("fs.write", Resource.path("invoice-42.md")));
    return Olympus.builder()
        .memory(memory)
        .tools(
            ToolRegistry.builder()
                .add(FileTools.sandboxedAt(workspace))
                .add(send)
                .add(summarize)
                .build())
        .consentGrants(grants)
        .build();
  }

  /** send (a side effect) → summarize (idempotent) → report (write a file). */
  public static Plan plan() {
    return Plan.builder("send invoice 42")
        .id(PLAN_ID)
        .step("send", s -> s.uses("ledger.append").with("line", "invoice 42 sent to ACME"))
        .step("summarize", s -> s.uses("text.summarize").after("send").with("text", "${send.line}"))
        .step(
            "report",
            s ->
                s.uses("fs.write")
                    .after("summarize")
                    .with("path", "invoice-42.md")
                    .with("content", "# Invoice 42\n\n${summarize.summary}\n"))
        .build();
  }

  /** The ledger file the {@code send} step appends to. */
  public static Path ledger(Path workspace) throws IOException {
    Path file = workspace.resolve("ledger.txt");
    if (Files.notExists(file)) {
      Files.createFile(file);
    }
    return file;
  }

  /** A tool that appends a line to the ledger: not idempotent, so never repeated silently. */
  public static Tool ledger(Path workspace, String id) {
    return Tool.builder(id)
        .description("Append a line to the ledger (like sending a message: not repeatable).")
        .scopes("ledger.write")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .typed(
            Line.class,
            (in, context) -> {
              try {
                Files.writeString(
                    ledger(workspace),
                    in.line() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
              } catch (IOException e) {
                throw new ToolExecutionException(id, "cannot append: " + e, true, e);
              }
              return in;
            });
  }

  /**
   * The input of {@code ledger.append}.
   *
   * @param line the line to append
   */
  public record Line(String line) {}

  /**
   * The input of {@code text.summarize}.
   *
   * @param text the text to summarize
   */
  public record Text(String text) {}

  /** A deterministic, idempotent summarizer (a stand-in for a slow computation). */
  public static Tool summarizer() {
    return Tool.builder("text.summarize")
        .description("Summarize a text in one line.")
        .sideEffect(SideEffect.IDEMPOTENT)
        .typed(
            Text.class,
            (in, context) ->
                JsonNodeFactory.instance
                    .objectNode()
                    .put("summary", "Done: " + in.text() + " (" + in.text().length() + " chars)"));
  }
}
