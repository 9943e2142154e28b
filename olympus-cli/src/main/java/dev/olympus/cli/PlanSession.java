package dev.olympus.cli;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.Step;
import dev.olympus.plan.StepError;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.DocumentTools;
import dev.olympus.tools.FileTools;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
  int run(Plan plan, BiFunction<Olympus, Consumer<RunEvent>, PlanRun> start)
      throws IOException, InterruptedException {
    Path sandbox = cli.sandboxRoot();
    ConsentGrants grants = cli.loadGrants();
    try (MemoryStore memory = cli.openMemory()) {
      Optional<LlmRouter> llm = Optional.empty();
      if (needsModel(plan)) {
        llm = cli.modelOrHint(memory);
        if (llm.isEmpty()) {
          return 2;
        }
      }
      try (Olympus olympus = wire(cli, memory, sandbox, grants, llm, "plan")) {
        List<String> unknown = unknownTools(plan, olympus.tools());
        if (!unknown.isEmpty()) {
          refuse(plan, unknown, olympus.tools());
          return 2;
        }
        return follow(start.apply(olympus, progress()), grants, sandbox, olympus.tools());
      }
    }
  }

  /** What a command does with Olympus wired to the model. */
  interface WithModel {
    /** Returns the exit code. */
    int run(Olympus olympus, ConsentGrants grants, Path sandbox) throws Exception;
  }

  /**
   * Opens the store, finds the model (or prints how to start one and returns 2), wires Olympus with
   * consent for a {@code unit} ("plan" or "conversation"), runs {@code work}, and saves the grants
   * the user gave.
   */
  static int withModel(OlympusCli cli, String unit, WithModel work) throws Exception {
    Path sandbox = cli.sandboxRoot();
    ConsentGrants grants = cli.loadGrants();
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
      ConsentGrants grants,
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
            .consentGrants(grants)
            .consent(cli.consent(unit))
            .parallelism(1);
    llm.ifPresent(builder::llm);
    return builder.build();
  }

  /** The steps of {@code plan} whose tool is not in {@code tools}: "step uses tool". */
  static List<String> unknownTools(Plan plan, ToolRegistry tools) {
    return plan.steps().stream()
        .filter(step -> tools.find(step.capability().name()).isEmpty())
        .map(step -> "step " + step.name() + " uses " + step.capability().name())
        .toList();
  }

  private void refuse(Plan plan, List<String> unknown, ToolRegistry tools) {
    PrintWriter out = cli.out();
    out.println(
        "plan "
            + Terminal.clean(plan.id())
            + " not run: no such tool ("
            + Terminal.clean(String.join("; ", unknown))
            + "); the tools are "
            + Terminal.clean(String.join(", ", tools.ids())));
    out.flush();
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
  Consumer<RunEvent> progress() {
    PrintWriter out = cli.out();
    return e -> progress(out, e.stored());
  }

  /**
   * Follows {@code run} (submitted with {@link #progress()}) to its end, offering to approve
   * blocked steps, saves the grants the user gave, prints the result and returns the exit code.
   */
  int follow(PlanRun run, ConsentGrants grants, Path sandbox, ToolRegistry tools)
      throws IOException, InterruptedException {
    TerminalConsent consent = cli.consent("plan");
    PlanResult result = approveBlocked(run, run.await(), consent);
    cli.saveGrants(grants);
    new ResultReport(cli.out(), sandbox, tools, consent).print(result, cli.modelCalls().drain());
    if (result.state() == PlanState.PAUSED) {
      cli.out()
          .println(
              "left paused; continue later with `olympus resume "
                  + Terminal.clean(run.planId())
                  + "`");
    }
    cli.out().flush();
    return result.succeeded() ? 0 : 1;
  }

  /**
   * Offers to approve each BLOCKED step, except those the person just denied: they said no once,
   * and {@code olympus resume} asks again later.
   */
  private PlanResult approveBlocked(PlanRun run, PlanResult result, TerminalConsent consent)
      throws InterruptedException {
    while (result.state() == PlanState.PAUSED) {
      String planId = run.planId();
      Optional<String> step =
          result.blockedSteps().stream()
              .filter(s -> consent.deniedHere(planId, s).isEmpty())
              .findFirst();
      if (step.isEmpty() || !askToApprove(step.get(), result)) {
        return result;
      }
      run.approve(step.get());
      result = run.await();
    }
    return result;
  }

  private boolean askToApprove(String step, PlanResult result) {
    String why = Terminal.clean(result.error(step).map(StepError::message).orElse(""));
    return cli.confirm(
        "step " + Terminal.clean(step) + " is BLOCKED (" + why + "). Approve it now?");
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
}
