package dev.olympus.examples.cli;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.Step;
import dev.olympus.tools.ConsentPolicy;
import dev.olympus.tools.DocumentTools;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one plan for the terminal: wires Olympus (sandboxed file and document tools, terminal
 * consent, saved grants, the model when the plan needs one), shows live progress, offers to approve
 * blocked steps, and prints the result and where the artifacts went.
 */
final class PlanSession {
  private final OlympusCli cli;

  PlanSession(OlympusCli cli) {
    this.cli = cli;
  }

  static boolean needsModel(Plan plan) {
    return plan.steps().stream().map(Step::capability).anyMatch(c -> c.name().startsWith("llm."));
  }

  /** Runs {@code start} (submit or resume) and returns the exit code. */
  int run(Plan plan, Function<Olympus, PlanRun> start) throws IOException, InterruptedException {
    PrintWriter out = cli.out();
    Path sandbox = cli.sandboxRoot();
    ConsentPolicy grants = cli.loadGrants();
    try (MemoryStore memory = cli.openMemory()) {
      Optional<LlmRouter> llm = Optional.empty();
      if (needsModel(plan)) {
        llm = cli.modelOrHint(memory);
        if (llm.isEmpty()) {
          return 2;
        }
      }
      Olympus.Builder builder =
          Olympus.builder()
              .memory(memory)
              .tools(
                  ToolRegistry.builder()
                      .add(FileTools.sandboxedAt(sandbox))
                      .add(DocumentTools.sandboxedAt(sandbox))
                      .build())
              .consentPolicy(grants)
              .consent(new TerminalConsent(cli.in(), out))
              .parallelism(1);
      llm.ifPresent(builder::llm);
      Olympus olympus = builder.build();
      PlanRun run = start.apply(olympus).onEvent(e -> progress(out, e));
      PlanResult result = approveBlocked(run, run.await());
      cli.saveGrants(grants);
      report(out, result, sandbox);
      if (result.state() != PlanState.PAUSED) {
        // Olympus.close() cancels runs, a PAUSED one included; left open, the plan stays PAUSED
        // in the database for `olympus resume` (its worker threads are daemons).
        olympus.close();
      }
      return result.succeeded() ? 0 : 1;
    }
  }

  private PlanResult approveBlocked(PlanRun run, PlanResult result) throws InterruptedException {
    while (result.state() == PlanState.PAUSED && !result.blockedSteps().isEmpty()) {
      String step = result.blockedSteps().get(0);
      cli.out()
          .print(
              "step "
                  + step
                  + " is BLOCKED ("
                  + Terminal.clean(result.errors().getOrDefault(step, ""))
                  + "). Approve it now? [y/N] > ");
      cli.out().flush();
      String answer;
      try {
        answer = cli.in().readLine();
      } catch (IOException e) {
        answer = null;
      }
      if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
        cli.out().println();
        cli.out().println("left paused; continue later with `olympus resume " + run.planId() + "`");
        return result;
      }
      run.approve(step);
      result = run.await();
    }
    return result;
  }

  private static void progress(PrintWriter out, PlanEvent e) {
    if (e.kind().equals(PlanEvent.STEP_STATE)) {
      out.println(
          "  "
              + e.stepId().orElse("?")
              + ": "
              + e.data().path("from").asText()
              + " -> "
              + e.data().path("to").asText());
      out.flush();
    }
  }

  private static void report(PrintWriter out, PlanResult result, Path sandbox) {
    out.println("plan " + result.snapshot().planId() + " " + result.state());
    result
        .outputs()
        .forEach(
            (step, output) -> {
              if (output.hasNonNull("path")) {
                out.println("  " + step + " wrote " + sandbox.resolve(output.get("path").asText()));
              } else if (output.hasNonNull("text")) {
                out.println("  " + step + ": " + Terminal.clean(output.get("text").asText()));
              }
            });
    result
        .errors()
        .forEach((step, error) -> out.println("  " + step + ": " + Terminal.clean(error)));
  }
}
