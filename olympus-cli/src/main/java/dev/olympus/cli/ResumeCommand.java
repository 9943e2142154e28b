package dev.olympus.cli;

import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code olympus resume <id>}: continue a paused or interrupted plan. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "resume",
    description = "Continue a paused or interrupted plan.")
final class ResumeCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "the plan id (see `olympus plans`)")
  String planId;

  @Override
  public Integer call() throws Exception {
    Optional<Plan> plan;
    try (MemoryStore memory = cli.openMemory()) {
      plan = memory.checkpoints().load(planId).map(s -> s.plan());
    }
    if (plan.isEmpty()) {
      cli.out().println("no plan " + Terminal.clean(planId) + "; see `olympus plans`");
      return 1;
    }
    return new PlanSession(cli)
        .run(
            plan.get(), (olympus, progress) -> olympus.executor().resume(planId).onEvent(progress));
  }
}
