package dev.olympus.examples;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanExecutor;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.Resource;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The main example: a host wires Olympus on its embedded defaults (a SQLite file, a sandboxed
 * workspace, a consent callback) and runs a plan that searches ingested documents and writes cited
 * notes. When an Ollama server answers on {@code 127.0.0.1:11434}, a summarizing step is added.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl examples exec:java}
 */
public final class NotesFromReport {
  private static final URI OLLAMA = URI.create("http://127.0.0.1:11434");

  private NotesFromReport() {}

  /** Runs the example in a fresh folder (or the folder given as the first argument). */
  public static void main(String[] args) throws Exception {
    Optional<Path> given = MainArgs.pathOrExit(args, 0, "usage: NotesFromReport [folder]");
    Path home = given.isPresent() ? given.get() : Files.createTempDirectory("olympus-example");
    PlanResult result = run(home, System.out, ollamaIfRunning());
    System.exit(result.succeeded() ? 0 : 1);
  }

  /** Runs the example in {@code home}, printing progress to {@code out}. */
  public static PlanResult run(Path home, PrintStream out, LlmRouter llm) throws Exception {
    Path workspace = Files.createDirectories(home.resolve("workspace"));
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
        Olympus olympus = wire(memory, workspace, llm, out)) {
      ingest(memory);
      return runOn(olympus.executor(), memory, workspace, plan(llm != null), out);
    }
  }

  /**
   * Runs {@code plan} on {@code executor}, printing its events, the notes it wrote under {@code
   * workspace} and the state of {@code memory}'s audit chain to {@code out}.
   */
  static PlanResult runOn(
      PlanExecutor executor, MemoryStore memory, Path workspace, Plan plan, PrintStream out)
      throws IOException, InterruptedException {
    out.println("plan " + plan.id() + ": " + plan.title() + " " + plan.topologicalOrder());
    PlanResult result =
        executor
            .submit(
                plan,
                typed -> {
                  PlanEvent e = typed.stored();
                  out.println(
                      "  event "
                          + e.kind()
                          + e.stepId().map(s -> " [" + s + "]").orElse("")
                          + " "
                          + e.data());
                })
            .await();
    out.println("plan " + result.state() + "; errors: " + result.errors());
    out.println("notes.md:\n" + Files.readString(workspace.resolve("notes/notes.md")));
    out.println("audit chain: " + memory.events().verify());
    return result;
  }

  private static Olympus wire(MemoryStore memory, Path workspace, LlmRouter llm, PrintStream out) {
    Olympus.Builder builder =
        Olympus.builder()
            .memory(memory)
            .tools(tools(workspace))
            .consentGrants(grants())
            .consent(askUser(out));
    if (llm != null) {
      builder.llm(llm);
    }
    return builder.build();
  }

  /** The host's tools: files, sandboxed in {@code workspace}. */
  static ToolRegistry tools(Path workspace) {
    return ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build();
  }

  /** The host's standing grant: writing under {@code notes/}. */
  static ConsentGrants grants() {
    ConsentGrants grants = ConsentGrants.empty();
    grants.grant(ConsentGrants.Grant.within("fs.write", Resource.path("notes/")));
    return grants;
  }

  /** The host's user, who denies everything the grants do not cover. */
  static ConsentProvider askUser(PrintStream out) {
    return request -> {
      out.println("  consent? " + request.summary() + " -> denied (only notes/ is granted)");
      return ConsentDecision.deny("the example only writes under notes/");
    };
  }

  /** Ingests the report and the team's notes the plan searches. */
  static void ingest(MemoryStore memory) {
    memory
        .documents()
        .ingest(
            "q3-report.md",
            "Quarterly report. Revenue grew 12% on strong demand for the local assistant.\n\n"
                + "Costs fell because inference moved on-device.",
            Map.of("kind", "report"));
    memory
        .documents()
        .ingest(
            "team-notes.md",
            "The team shipped offline search. Users asked for cited answers.",
            Map.of("kind", "notes"));
  }

  static Plan plan(boolean withModel) {
    Plan.Builder plan =
        Plan.builder("notes from report")
            .step("search", s -> s.uses("memory.search").with("query", "revenue grew").with("k", 2))
            .step(
                "notes",
                s ->
                    s.uses("fs.write")
                        .after("search")
                        .with("path", "notes/notes.md")
                        .with(
                            "content",
                            "# Notes\n\n- ${search.hits.0.snippet} [${search.hits.0.sourceId}]\n"));
    if (withModel) {
      plan.step(
          "summary",
          s ->
              s.uses("llm.generate")
                  .after("search")
                  .with("prompt", "Summarize in one sentence: ${search.hits.0.snippet}")
                  .guard(g -> g.retries(1)));
    }
    return plan.build();
  }

  private static LlmRouter ollamaIfRunning() throws IOException {
    LlmRouter router = LlmRouter.builder().local(OllamaProvider.at(OLLAMA, "llama3.2")).build();
    return router.checkProviders().isEmpty() ? router : null;
  }
}
