package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StateMachineTest {
  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void stepHappyPath() {
    StepStatus s = StepStatus.pending().running(T);
    assertEquals(1, s.attempts());
    s = s.done(JsonNodeFactory.instance.objectNode().put("n", 1), T.plusSeconds(1));
    assertEquals(StepState.DONE, s.state());
    assertEquals(1, s.output().orElseThrow().get("n").asInt());
    assertEquals(T.plusSeconds(1), s.finishedAt().orElseThrow());
  }

  @Test
  void illegalStepTransitionNamesBothStates() {
    var e =
        assertThrows(
            IllegalTransitionException.class, () -> StepState.DONE.moveTo(StepState.RUNNING));
    assertEquals("illegal StepState transition DONE -> RUNNING", e.getMessage());
    assertEquals(StepState.DONE, e.from());
    assertEquals(StepState.RUNNING, e.to());
  }

  @Test
  void pendingCannotJumpToDone() {
    assertThrows(
        IllegalTransitionException.class,
        () -> StepStatus.pending().done(JsonNodeFactory.instance.objectNode(), T));
  }

  @Test
  void blockedStepsAreApprovedOrRejected() {
    StepStatus blocked =
        StepStatus.pending()
            .moveTo(StepState.BLOCKED, new StepError.ConsentDenied("consent denied"), T);
    assertEquals(new StepError.ConsentDenied("consent denied"), blocked.error().orElseThrow());
    assertEquals(StepState.PENDING, blocked.moveTo(StepState.PENDING, T).state());
    assertEquals(
        StepState.SKIPPED,
        blocked.moveTo(StepState.SKIPPED, new StepError.Rejected("rejected"), T).state());
  }

  @Test
  void failedStepsCanBeRetriedExplicitly() {
    StepStatus failed =
        StepStatus.pending()
            .running(T)
            .moveTo(StepState.FAILED, new StepError.ToolFailed("boom", false), T);
    StepStatus again = failed.moveTo(StepState.PENDING, T).running(T);
    assertEquals(2, again.attempts());
    assertTrue(again.error().isEmpty());
  }

  @Test
  void terminalStates() {
    assertTrue(StepState.DONE.isTerminal());
    assertTrue(StepState.SKIPPED.isTerminal());
    assertFalse(StepState.FAILED.isTerminal());
    assertTrue(PlanState.DONE.isTerminal());
    assertTrue(PlanState.FAILED.isTerminal());
    assertTrue(PlanState.CANCELLED.isTerminal());
    assertFalse(PlanState.PAUSED.isTerminal());
  }

  @Test
  void planLifeCycle() {
    assertEquals(PlanState.QUEUED, PlanState.DRAFT.moveTo(PlanState.QUEUED));
    assertTrue(PlanState.RUNNING.canMoveTo(PlanState.PAUSED));
    assertTrue(PlanState.PAUSED.canMoveTo(PlanState.RUNNING));
    assertFalse(PlanState.DRAFT.canMoveTo(PlanState.RUNNING));
    var e =
        assertThrows(
            IllegalTransitionException.class, () -> PlanState.DONE.moveTo(PlanState.RUNNING));
    assertEquals("illegal PlanState transition DONE -> RUNNING", e.getMessage());
  }

  @Test
  void snapshotsMoveThroughTheTable() {
    Plan plan = Plan.builder("p").step("a", s -> s.uses("x")).build();
    PlanSnapshot snap = PlanSnapshot.initial(plan, T);
    assertEquals(PlanState.DRAFT, snap.state());
    assertThrows(IllegalTransitionException.class, () -> snap.withState(PlanState.DONE, T));
    PlanSnapshot running = snap.withState(PlanState.QUEUED, T).withState(PlanState.RUNNING, T);
    PlanSnapshot stepped = running.withStep("a", running.step("a").running(T), T);
    assertEquals(StepState.RUNNING, stepped.stepStates().get("a"));
    assertThrows(
        IllegalArgumentException.class, () -> stepped.withStep("zz", StepStatus.pending(), T));
  }
}
