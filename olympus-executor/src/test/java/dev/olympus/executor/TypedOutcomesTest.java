package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step errors and run events are typed, from the executor to the host and back from disk. */
class TypedOutcomesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  // A typed error as PlanJson writes it, and its message.
  private static final Pattern TYPED_ERROR =
      Pattern.compile(
          "\"error\":\\{\"kind\":\"[a-z-]+\",\"message\":(\"(?:[^\"\\\\]|\\\\.)*\")"
              + ",\"retryable\":(?:true|false)(?:,\"schema\":\"[A-Z]+\")?\\}");

  @TempDir Path dir;

  private Olympus olympus(MemoryStore memory, ConsentProvider consent) {
    return Olympus.builder()
        .memory(memory)
        .consent(consent)
        .tools(ToolRegistry.builder().add(TestTools.counter(dir.resolve("counter.txt"))).build())
        .build();
  }

  private static Plan plan() {
    return Plan.builder("count").id("p").step("count", s -> s.uses("test.count")).build();
  }

  @Test
  void aDeniedConsentIsATypedOutcomeInTheResultTheEventsAndThePausedList() throws Exception {
    List<RunEvent> heard = new CopyOnWriteArrayList<>();
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory, request -> ConsentDecision.deny("not now"))) {
      PlanResult paused = olympus.executor().submit(plan(), heard::add).await(WAIT).orElseThrow();

      assertEquals(PlanState.PAUSED, paused.state());
      StepError error = paused.error("count").orElseThrow();
      assertEquals(StepError.Kind.CONSENT_DENIED, error.kind());
      assertEquals(new StepError.ConsentDenied("consent denied: not now"), error);
      assertEquals(Map.of("count", error), paused.errors());
      PausedPlan.Blocked blocked = olympus.executor().paused().get(0).blocked().get(0);
      assertEquals(error, blocked.reason());

      List<String> kinds = new ArrayList<>();
      for (RunEvent event : heard) {
        kinds.add(event.getClass().getSimpleName());
        if (event instanceof RunEvent.StepChanged changed && changed.to() == StepState.BLOCKED) {
          assertEquals(List.of(error), changed.error().stream().toList());
        }
        if (event instanceof RunEvent.ConsentDecided decided) {
          assertEquals("count", decided.stepId());
          assertEquals("test.count", decided.toolId());
          assertEquals(false, decided.granted());
        }
      }
      assertEquals(
          List.of(
              "PlanChanged", // DRAFT -> QUEUED
              "PlanChanged", // QUEUED -> RUNNING
              "ConsentAsked",
              "ConsentDecided",
              "StepChanged", // PENDING -> BLOCKED
              "PlanChanged"), // RUNNING -> PAUSED
          kinds);
    }
  }

  @Test
  void anApprovedStepIsHeardStartingItsAttempt() throws Exception {
    List<RunEvent> heard = new CopyOnWriteArrayList<>();
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory, request -> ConsentDecision.allowOnce())) {
      PlanResult done = olympus.executor().submit(plan(), heard::add).await(WAIT).orElseThrow();

      assertEquals(PlanState.DONE, done.state());
      assertTrue(done.errors().isEmpty());
      assertTrue(
          heard.stream().anyMatch(e -> e instanceof RunEvent.AttemptStarted a && a.attempt() == 1),
          heard::toString);
      assertTrue(
          heard.stream().anyMatch(e -> e instanceof RunEvent.ConsentDecided d && d.granted()));
    }
  }

  @Test
  void aCheckpointWrittenWithPlainErrorsLoadsTypedFromSqliteAndCanBeApproved() throws Exception {
    Path file = dir.resolve("olympus.db");
    try (MemoryStore memory = SqliteMemoryStore.open(file);
        Olympus olympus = olympus(memory, request -> ConsentDecision.deny("not now"))) {
      assertEquals(PlanState.PAUSED, olympus.executor().submit(plan()).await(WAIT).get().state());
    }
    assertEquals(1, rewriteErrorsInTheOldForm(file), "the step row (the snapshot is as submitted)");

    try (MemoryStore memory = SqliteMemoryStore.open(file);
        Olympus olympus = olympus(memory, request -> ConsentDecision.allowOnce())) {
      PlanResult paused = new PlanResult(memory.checkpoints().load("p").orElseThrow());
      assertEquals(
          new StepError.ConsentDenied("consent denied: not now"),
          paused.error("count").orElseThrow());
      assertEquals(
          StepError.Kind.CONSENT_DENIED,
          olympus.executor().paused().get(0).blocked().get(0).reason().kind());

      PlanRun run = olympus.executor().resume("p");
      run.approve("count");
      assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
    }
  }

  // Each stored typed error becomes the plain message an executor wrote before errors were typed.
  private static int rewriteErrorsInTheOldForm(Path file) throws SQLException {
    int rewritten = 0;
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      rewritten +=
          rewrite(db, "SELECT plan_id, snapshot FROM checkpoints", "checkpoints", "snapshot");
      rewritten +=
          rewrite(
              db,
              "SELECT plan_id, status FROM checkpoint_steps WHERE status IS NOT NULL",
              "checkpoint_steps",
              "status");
    }
    return rewritten;
  }

  private static int rewrite(Connection db, String select, String table, String column)
      throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement query = db.prepareStatement(select);
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    int changed = 0;
    for (String[] row : rows) {
      Matcher typed = TYPED_ERROR.matcher(row[1]);
      if (!typed.find()) {
        continue;
      }
      String old = typed.replaceAll(m -> Matcher.quoteReplacement("\"error\":" + m.group(1)));
      try (PreparedStatement update =
          db.prepareStatement(
              "UPDATE "
                  + table
                  + " SET "
                  + column
                  + " = ? WHERE plan_id = ? AND "
                  + column
                  + " = ?")) {
        update.setString(1, old);
        update.setString(2, row[0]);
        update.setString(3, row[1]);
        changed += update.executeUpdate();
      }
    }
    return changed;
  }
}
