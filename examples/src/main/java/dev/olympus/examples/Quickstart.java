package dev.olympus.examples;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Plan;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The README's example: read a report, summarize it with the local model, write the notes. The host
 * wires memory, a model router, sandboxed file tools and a consent callback, then runs the plan.
 *
 * <p>Run (needs {@code ollama serve} and {@code ollama pull llama3.2}): {@code mvn -pl examples
 * exec:java -Dexec.mainClass=dev.olympus.examples.Quickstart}. {@code OLLAMA_URL} and {@code
 * OLYMPUS_MODEL} override the server and model.
 */
public final class Quickstart {
  private Quickstart() {}

  /** Runs the example in a temporary folder against the local Ollama server. */
  public static void main(String[] args) throws Exception {
    URI ollama = URI.create(System.getenv().getOrDefault("OLLAMA_URL", "http://127.0.0.1:11434"));
    String model = System.getenv().getOrDefault("OLYMPUS_MODEL", "llama3.2");
    LlmRouter llm = LlmRouter.builder().local(OllamaProvider.at(ollama, model)).build();
    List<ProviderSkip> down = llm.checkProviders();
    if (!down.isEmpty()) {
      System.out.println("No model: " + down + ". Start one: ollama serve; ollama pull " + model);
      System.exit(2);
    }
    PlanResult result = run(Files.createTempDirectory("olympus-quickstart"), llm, System.out);
    System.exit(result.succeeded() ? 0 : 1);
  }

  /** Runs the plan in {@code home} with {@code llm}, printing what happens to {@code out}. */
  public static PlanResult run(Path home, LlmRouter llm, PrintStream out) throws Exception {
    Path workspace = Files.createDirectories(home.resolve("workspace"));
    Files.createDirectories(workspace.resolve("docs"));
    Files.writeString(
        workspace.resolve("docs/report.txt"),
        "Revenue grew 12% in Q3. Costs fell because inference moved on-device.");
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .llm(llm)
                .tools(ToolRegistry.builder().add(FileTools.sandboxedAt(workspace)).build())
                .consent(
                    request -> {
                      out.println("consent: " + request.summary() + " -> allowed once");
                      return ConsentDecision.allowOnce();
                    })
                .build()) {
      PlanResult result = olympus.executor().submit(plan(), out::println).await();
      out.println("plan " + result.state() + "; notes.md:");
      out.println(Files.readString(workspace.resolve("notes.md")));
      return result;
    }
  }

  /** The plan of the README. */
  public static Plan plan() {
    return Plan.builder("notes from report")
        .budget(Budget.ofTokens(20_000).andUsd("0.05"))
        .step("read", s -> s.uses("fs.read").with("path", "docs/report.txt"))
        .step(
            "summarize",
            s ->
                s.uses("llm.generate")
                    .after("read")
                    .with("prompt", "Summarize:\n${read.content}")
                    .guard(g -> g.retries(2).deadline(Duration.ofSeconds(60))))
        .step(
            "write",
            s ->
                s.uses("fs.write")
                    .after("summarize")
                    .with("path", "notes.md")
                    .with("content", "${summarize.text}"))
        .build();
  }
}
