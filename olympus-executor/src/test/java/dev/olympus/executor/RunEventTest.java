package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stored event read as the typed event a listener switches on. */
class RunEventTest {
  private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

  private static PlanEvent stored(String kind, ObjectNode data) {
    return new PlanEvent("p", Optional.of("s"), "", AT, kind, data);
  }

  private static ObjectNode data() {
    return JsonNodeFactory.instance.objectNode();
  }

  @Test
  void stateChangesCarryTheirStatesAndError() {
    PlanEvent plan = PlanEvent.planState("p", PlanState.RUNNING, PlanState.PAUSED, AT);
    assertEquals(
        new RunEvent.PlanChanged(PlanState.RUNNING, PlanState.PAUSED, plan), RunEvent.of(plan));
    StepError denied = new StepError.ConsentDenied("no");
    PlanEvent step =
        PlanEvent.stepState("p", "s", StepState.PENDING, StepState.BLOCKED, denied, AT);
    RunEvent typed = RunEvent.of(step);
    assertEquals(
        new RunEvent.StepChanged(
            "s", StepState.PENDING, StepState.BLOCKED, Optional.of(denied), step),
        typed);
    assertEquals("p", typed.planId());
    assertEquals(AT, typed.at());
  }

  @Test
  void attemptsChargesAndConsentAreTyped() {
    PlanEvent attempt = stored("step.attempt", data().put("attempt", 3));
    assertEquals(new RunEvent.AttemptStarted("s", 3, attempt), RunEvent.of(attempt));
    PlanEvent charge = stored("budget.charge", data().put("tokens", 42).put("usd", "0.0125"));
    assertEquals(
        new RunEvent.BudgetCharged("s", 42, new BigDecimal("0.0125"), charge), RunEvent.of(charge));
    PlanEvent free = stored("budget.charge", data().put("tokens", 7));
    assertEquals(new RunEvent.BudgetCharged("s", 7, BigDecimal.ZERO, free), RunEvent.of(free));

    PlanEvent asked = stored("consent.decision", consent("ASKED"));
    assertEquals(new RunEvent.ConsentAsked("s", "fs.write", asked), RunEvent.of(asked));
    PlanEvent denied = stored("consent.decision", consent("DENIED"));
    assertEquals(
        new RunEvent.ConsentDecided("s", "fs.write", false, "DENIED", denied), RunEvent.of(denied));
    PlanEvent allowed = stored("consent.decision", consent("ALLOW_ONCE"));
    assertEquals(
        new RunEvent.ConsentDecided("s", "fs.write", true, "ALLOW_ONCE", allowed),
        RunEvent.of(allowed));
  }

  @Test
  void anythingElseIsOther() {
    PlanEvent call = stored("tool.call", data().put("tool", "fs.read"));
    assertEquals(new RunEvent.Other(call), RunEvent.of(call));
    assertThrows(NullPointerException.class, () -> RunEvent.of(null));
  }

  private static ObjectNode consent(String decision) {
    return data().put("decision", decision).put("tool", "fs.write");
  }
}
