package dev.olympus.cli;

import dev.olympus.executor.CritiqueIssue;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.PlanningContext;
import dev.olympus.executor.PlanningFailedException;
import dev.olympus.executor.PlanningResult;
import dev.olympus.llm.LlmException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code olympus ask "<goal>"}: the planner turns the goal into a plan, which is shown, then run
 * with consent asked per action and live progress; the result and the written files are printed.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "ask",
    description = "Plan a goal with the model, show the plan, run it.")
final class AskCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "what you want done, in your words")
  String goal;

  @Override
  public Integer call() throws Exception {
    if (goal.isBlank()) {
      cli.out().println("usage: olympus ask \"<goal>\"");
      return 2;
    }
    return PlanSession.withModel(
        cli,
        "plan",
        (olympus, grants, sandbox) -> {
          Optional<PlanningResult> planned = plan(olympus);
          if (planned.isEmpty() || !accepted(planned.get())) {
            return 1;
          }
          PlanSession session = new PlanSession(cli);
          PlanRun run = olympus.executor().submit(planned.get().plan(), session.progress());
          return session.follow(run, grants, sandbox, olympus.tools());
        });
  }

  private Optional<PlanningResult> plan(Olympus olympus) {
    PrintWriter out = cli.out();
    PlanningContext context = PlanningContext.newSession();
    out.println("planning: " + Terminal.clean(goal));
    out.flush();
    try {
      PlanningResult planned = olympus.planner().plan(goal, context);
      int drafts = planned.transcript().drafts().size();
      out.println(
          "planned in "
              + drafts
              + (drafts == 1 ? " draft" : " drafts")
              + " (transcript: `olympus events "
              + context.sessionId()
              + "`)");
      return Optional.of(planned);
    } catch (PlanningFailedException | LlmException e) {
      out.println("could not plan: " + Terminal.clean(e.getMessage()));
      out.println("the attempts are in `olympus events " + context.sessionId() + "`");
      return Optional.empty();
    }
  }

  /** Shows the plan and what the reviewer still finds; a blocked plan runs only if confirmed. */
  private boolean accepted(PlanningResult planned) {
    PrintWriter out = cli.out();
    PlanSession.show(out, planned.plan());
    for (CritiqueIssue issue : planned.openIssues()) {
      out.println("  reviewer: " + Terminal.clean(issue.toString()));
    }
    if (!planned.blocked()) {
      return true;
    }
    if (cli.confirm("The reviewer still finds a blocking issue. Run the plan anyway?")) {
      return true;
    }
    out.println("not run");
    return false;
  }
}
