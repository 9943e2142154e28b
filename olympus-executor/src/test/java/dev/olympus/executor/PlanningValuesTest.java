package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.CritiqueIssue.Kind;
import dev.olympus.executor.CritiqueIssue.Severity;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Plan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner's values as a host reads them: transcripts, critiques, results and contexts. */
class PlanningValuesTest {
  private static final CritiqueIssue MINOR =
      new CritiqueIssue(Severity.MINOR, Kind.OTHER, "", "could be shorter");
  private static final CritiqueIssue BLOCKING =
      new CritiqueIssue(Severity.BLOCKING, Kind.RISKY_INPUT, "wipe", "deletes the home folder");

  @Test
  void anIssueReadsAsOneLineInTheCriticsOwnWords() {
    assertEquals(
        "[blocking risky-input] step 'wipe': deletes the home folder", BLOCKING.toString());
    assertEquals("[minor other] plan: could be shorter", MINOR.toString());
    assertEquals("missing-step", Kind.MISSING_STEP.jsonName());
    assertEquals("unnecessary-side-effect", Kind.UNNECESSARY_SIDE_EFFECT.jsonName());
    assertEquals("blocking", Severity.BLOCKING.jsonName());
    assertTrue(BLOCKING.blocking());
    assertFalse(MINOR.blocking());
  }

  @Test
  void aCritiqueOrResultIsBlockingOnlyWithABlockingIssue() {
    assertFalse(new PlanningEntry.Critique(1, List.of()).blocking());
    assertFalse(new PlanningEntry.Critique(1, List.of(MINOR)).blocking());
    assertTrue(new PlanningEntry.Critique(2, List.of(MINOR, BLOCKING)).blocking());
    Plan plan = Plan.builder("goal").step("a", s -> s.uses("fs.read")).build();
    var transcript = new PlanningTranscript("s", "goal", List.of());
    assertFalse(new PlanningResult(plan, transcript, false, List.of(MINOR)).blocked());
    assertTrue(new PlanningResult(plan, transcript, true, List.of(MINOR, BLOCKING)).blocked());
  }

  @Test
  void aTranscriptSortsItsEntriesByKindInOrder() {
    var first = new PlanningEntry.Draft(1, "{}");
    var problems = new PlanningEntry.Problems(1, List.of("no steps"));
    var second = new PlanningEntry.Draft(2, "{\"steps\":[]}");
    var critique = new PlanningEntry.Critique(2, List.of(MINOR));
    var transcript =
        new PlanningTranscript("s", "goal", List.of(first, problems, second, critique));
    assertEquals(List.of(first, second), transcript.drafts());
    assertEquals(List.of(problems), transcript.problems());
    assertEquals(List.of(critique), transcript.critiques());
  }

  @Test
  void entriesRefuseRoundZeroAndProblemsAnEmptyList() {
    assertThrows(IllegalArgumentException.class, () -> new PlanningEntry.Draft(0, "{}"));
    assertThrows(IllegalArgumentException.class, () -> new PlanningEntry.Critique(0, List.of()));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new PlanningEntry.Problems(1, List.of()));
    assertTrue(e.getMessage().contains("problems"), e.getMessage());
  }

  @Test
  void aContextKeepsWhatWasNotChanged() {
    PlanningContext fresh = PlanningContext.newSession();
    assertTrue(fresh.sessionId().startsWith("planning-"), fresh.sessionId());
    assertFalse(fresh.sessionId().equals(PlanningContext.newSession().sessionId()));
    PlanningContext context =
        fresh.withSessionId("trip").withBudget(Budget.ofTokens(500)).withNote("no flights");
    PlanningContext more = context.withNote("by train");
    assertEquals(
        new PlanningContext("trip", Optional.of(Budget.ofTokens(500)), List.of("no flights")),
        context);
    assertEquals(List.of("no flights", "by train"), more.notes());
    assertEquals("trip", more.sessionId());
    assertEquals(Optional.of(Budget.ofTokens(500)), more.budget());
    assertThrows(IllegalArgumentException.class, () -> context.withNote(" "));
    assertThrows(IllegalArgumentException.class, () -> context.withSessionId(""));
  }
}
