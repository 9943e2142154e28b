package dev.olympus.cli;

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
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs one plan for the terminal: wires Olympus (sandboxed file and document tools, terminal
 * consent, saved grants, the model when the plan needs one), shows the plan and live progress,
 * offers to approve blocked steps, and prints the result and where the artifacts went.
 */
final class PlanSession {
  private final OlympusCli cli;

  PlanSession(OlympusCli cli) {
    this.cli = cli;
  }

  static boolean needsModel(Plan plan) {
    return plan.steps().stream().map(Step::capability).anyMatch(c -> c.name().startsWith("llm."));
  }

  /**
   * Runs {@code start} (submit or resume, given the progress listener to add) and returns the exit
   * code.
   */
  int run(Plan plan, BiFunction<Olympus, Consumer<PlanEvent>, PlanRun> start)
      throws IOException, InterruptedException {
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
      try (Olympus olympus = wire(cli, memory, sandbox, grants, llm, "plan")) {
        return follow(start.apply(olympus, progress()), grants, sandbox);
      }
    }
  }

  /** What a command does with Olympus wired to the model. */
  interface WithModel {
    /** Returns the exit code. */
    int run(Olympus olympus, ConsentPolicy grants, Path sandbox) throws Exception;
  }

  /**
   * Opens the store, finds the model (or prints how to start one and returns 2), wires Olympus with
   * consent for a {@code unit} ("plan" or "conversation"), runs {@code work}, and saves the grants
   * the user gave.
   */
  static int withModel(OlympusCli cli, String unit, WithModel work) throws Exception {
    Path sandbox = cli.sandboxRoot();
    ConsentPolicy grants = cli.loadGrants();
    try (MemoryStore memory = cli.openMemory()) {
      Optional<LlmRouter> llm = cli.modelOrHint(memory);
      if (llm.isEmpty()) {
        return 2;
      }
      try (Olympus olympus = wire(cli, memory, sandbox, grants, llm, unit)) {
        return work.run(olympus, grants, sandbox);
      } finally {
        cli.saveGrants(grants);
      }
    }
  }

  /**
   * Olympus over {@code memory} with the sandboxed file and document tools, {@code grants}, consent
   * asked in the terminal (answers for a {@code unit}: "plan" or "conversation"), and the model.
   */
  static Olympus wire(
      OlympusCli cli,
      MemoryStore memory,
      Path sandbox,
      ConsentPolicy grants,
      Optional<LlmRouter> llm,
      String unit) {
    Olympus.Builder builder =
        Olympus.builder()
            .memory(memory)
            .tools(
                ToolRegistry.builder()
                    .add(FileTools.sandboxedAt(sandbox))
                    .add(DocumentTools.sandboxedAt(sandbox))
                    .build())
            .consentPolicy(grants)
            .consent(new TerminalConsent(cli.in(), cli.out(), unit))
            .parallelism(1);
    llm.ifPresent(builder::llm);
    return builder.build();
  }

  /** Prints the plan's title and steps, every piece the model may have written cleaned. */
  static void show(PrintWriter out, Plan plan) {
    out.println("plan " + Terminal.clean(plan.id()) + ": " + Terminal.clean(plan.title()));
    for (Step step : plan.steps()) {
      out.println(
          "  "
              + Terminal.clean(step.name())
              + " uses "
              + Terminal.clean(step.capability().name())
              + (step.after().isEmpty() ? "" : " after " + Terminal.clean(step.after().toString()))
              + " "
              + Terminal.clean(step.inputs().toString()));
    }
    out.flush();
  }

  /** Prints a run's progress: the listener to submit a plan with. */
  Consumer<PlanEvent> progress() {
    PrintWriter out = cli.out();
    return e -> progress(out, e);
  }

  /**
   * Follows {@code run} (submitted with {@link #progress()}) to its end, offering to approve
   * blocked steps, saves the grants the user gave, prints the result and returns the exit code.
   */
  int follow(PlanRun run, ConsentPolicy grants, Path sandbox)
      throws IOException, InterruptedException {
    PrintWriter out = cli.out();
    PlanResult result = approveBlocked(run, run.await());
    cli.saveGrants(grants);
    report(out, result, sandbox);
    return result.succeeded() ? 0 : 1;
  }

  private PlanResult approveBlocked(PlanRun run, PlanResult result) throws InterruptedException {
    while (result.state() == PlanState.PAUSED && !result.blockedSteps().isEmpty()) {
      String step = result.blockedSteps().get(0);
      String why = Terminal.clean(result.errors().getOrDefault(step, ""));
      if (!cli.confirm(
          "step " + Terminal.clean(step) + " is BLOCKED (" + why + "). Approve it now?")) {
        cli.out()
            .println(
                "left paused; continue later with `olympus resume "
                    + Terminal.clean(run.planId())
                    + "`");
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
              + Terminal.clean(e.stepId().orElse("?"))
              + ": "
              + e.data().path("from").asText()
              + " -> "
              + e.data().path("to").asText());
      out.flush();
    }
  }

  private static void report(PrintWriter out, PlanResult result, Path sandbox) {
    out.println("plan " + Terminal.clean(result.snapshot().planId()) + " " + result.state());
    result
        .outputs()
        .forEach(
            (step, output) -> {
              String name = Terminal.clean(step);
              if (output.hasNonNull("path")) {
                Path file = sandbox.resolve(output.get("path").asText());
                out.println("  " + name + " wrote " + Terminal.clean(file.toString()));
              } else if (output.hasNonNull("text")) {
                out.println("  " + name + ": " + Terminal.clean(output.get("text").asText()));
              }
            });
    result
        .errors()
        .forEach(
            (step, error) ->
                out.println("  " + Terminal.clean(step) + ": " + Terminal.clean(error)));
    out.flush();
  }
}
