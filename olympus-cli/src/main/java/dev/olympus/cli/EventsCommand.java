package dev.olympus.cli;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code olympus events <id>}: the audit trail of one plan. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "events",
    description = "Show the audit events of a plan.")
final class EventsCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "the plan id")
  String planId;

  @Override
  public Integer call() throws IOException {
    try (MemoryStore memory = cli.openMemory()) {
      List<StoredEvent> events = memory.events().byPlan(planId);
      if (events.isEmpty()) {
        cli.out().println("no events for plan " + Terminal.clean(planId));
        return 1;
      }
      for (StoredEvent stored : events) {
        PlanEvent e = stored.event();
        cli.out()
            .println(
                "#"
                    + stored.seq()
                    + " "
                    + e.timestamp()
                    + " "
                    + Terminal.clean(e.kind())
                    + e.stepId().map(s -> " [" + Terminal.clean(s) + "]").orElse("")
                    + " "
                    + Terminal.clean(e.data().toString()));
      }
      return 0;
    }
  }
}
