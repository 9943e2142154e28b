package dev.olympus.cli;

import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code olympus plans}: every checkpointed plan with its state. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "plans",
    description = "List plans and their states.")
final class PlansCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Override
  public Integer call() throws IOException {
    try (MemoryStore memory = cli.openMemory()) {
      List<PlanSnapshot> plans = memory.checkpoints().byState(EnumSet.allOf(PlanState.class));
      if (plans.isEmpty()) {
        cli.out().println("no plans yet; run one with `olympus run <plan.json>`");
      }
      for (PlanSnapshot s : plans) {
        cli.out()
            .println(
                Terminal.clean(s.planId())
                    + "  "
                    + s.state()
                    + "  "
                    + s.updatedAt()
                    + "  "
                    + Terminal.clean(s.plan().title()));
      }
      return 0;
    }
  }
}
