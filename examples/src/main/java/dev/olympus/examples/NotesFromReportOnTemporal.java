package dev.olympus.examples;

import dev.olympus.executor.PlanResult;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.temporal.OlympusWorker;
import dev.olympus.temporal.TemporalPlanExecutor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The notes-from-report plan of {@link NotesFromReport}, unchanged, on Temporal: a worker with the
 * host's tools, grants and consent runs its steps as activities, and the same SQLite file receives
 * the audit log. It runs on Temporal's in-memory test service, so it needs no server; with a
 * cluster, build the {@code WorkflowClient} for it instead and start the worker with a {@code
 * WorkerFactory}.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl examples exec:java
 * -Dexec.mainClass=dev.olympus.examples.NotesFromReportOnTemporal}
 */
public final class NotesFromReportOnTemporal {
  private NotesFromReportOnTemporal() {}

  /** Runs the example in a fresh folder (or the folder given as the first argument). */
  public static void main(String[] args) throws Exception {
    Optional<Path> given =
        MainArgs.pathOrExit(args, 0, "usage: NotesFromReportOnTemporal [folder]");
    Path home = given.isPresent() ? given.get() : Files.createTempDirectory("olympus-example");
    PlanResult result = run(home, System.out);
    System.exit(result.succeeded() ? 0 : 1);
  }

  /** Runs the example in {@code home}, printing progress to {@code out}. */
  public static PlanResult run(Path home, PrintStream out) throws Exception {
    Path workspace = Files.createDirectories(home.resolve("workspace"));
    try (MemoryStore memory = SqliteMemoryStore.open(home.resolve("olympus.db"));
        OlympusWorker worker =
            OlympusWorker.builder(memory)
                .tools(NotesFromReport.tools(workspace))
                .consentGrants(NotesFromReport.grants())
                .consent(NotesFromReport.askUser(out))
                .build();
        // closed before the worker's heartbeats stop, as OlympusWorker asks
        TestWorkflowEnvironment temporal =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        TemporalPlanExecutor executor =
            TemporalPlanExecutor.builder(temporal.getWorkflowClient(), memory).build()) {
      worker.register(temporal.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
      temporal.start();
      NotesFromReport.ingest(memory);
      return NotesFromReport.runOn(executor, memory, workspace, NotesFromReport.plan(false), out);
    }
  }
}
