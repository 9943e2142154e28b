package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepErrorJsonTest {
  private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

  private static final List<StepError> ONE_OF_EACH =
      List.of(
          new StepError.ToolFailed("ToolExecutionException: boom", true),
          new StepError.Validation(StepError.Schema.INPUT, "invalid input: $.n: required"),
          new StepError.Validation(StepError.Schema.OUTPUT, "$.x: not a string"),
          new StepError.ConsentDenied("consent denied: not now"),
          new StepError.BudgetExceeded("plan token budget of 10 is spent"),
          new StepError.Timeout("the plan's deadline passed"),
          new StepError.Cancelled("cancelled"),
          new StepError.Interrupted("interrupted while running; approve to re-run"),
          new StepError.Rejected("rejected by host: no"),
          new StepError.AncestorFailed("ancestor 'a' failed"),
          new StepError.NotRun("plan failed"),
          new StepError.Unrecognized("something an old executor said"));

  @Test
  void everyKindRoundTripsThroughAStepStatus() {
    assertEquals(StepError.Kind.values().length, ONE_OF_EACH.size() - 1);
    for (StepError error : ONE_OF_EACH) {
      StepStatus failed = StepStatus.pending().running(T).moveTo(StepState.FAILED, error, T);
      StepStatus back = PlanJson.readStepStatus(PlanJson.write(failed));
      assertEquals(failed, back);
      assertEquals(error.kind(), back.error().orElseThrow().kind());
    }
  }

  @Test
  void theStoredFormNamesKindMessageAndRetryable() {
    assertEquals(
        "{\"kind\":\"consent-denied\",\"message\":\"consent denied: no\",\"retryable\":false}",
        PlanJson.write(new StepError.ConsentDenied("consent denied: no")));
    assertEquals(
        "{\"kind\":\"validation\",\"message\":\"m\",\"retryable\":false,\"schema\":\"OUTPUT\"}",
        PlanJson.write(new StepError.Validation(StepError.Schema.OUTPUT, "m")));
  }

  @Test
  void aCheckpointWrittenBeforeErrorsWereTypedReadsAsTheKindsItsMessagesName() {
    Map<String, StepError> expected =
        Map.of(
            "budget", new StepError.BudgetExceeded("BudgetExceeded: plan token budget is spent"),
            "late", new StepError.Timeout("Timeout: the plan's deadline passed"),
            "ask", new StepError.ConsentDenied("consent denied: not now"),
            "write", new StepError.Interrupted("interrupted while running; approve to re-run"),
            "tool", new StepError.ToolFailed("ToolExecutionException: disk is on fire", false),
            "input", new StepError.Validation(StepError.Schema.INPUT, "ToolValidationException: x"),
            "after", new StepError.AncestorFailed("ancestor 'tool' failed"),
            "no", new StepError.Rejected("rejected by host: user said no"),
            "odd", new StepError.Unrecognized("the moon was in the wrong phase"));
    StringBuilder steps = new StringBuilder();
    StringBuilder statuses = new StringBuilder();
    expected.forEach(
        (name, error) -> {
          String state =
              error.kind() == StepError.Kind.CONSENT_DENIED
                      || error.kind() == StepError.Kind.INTERRUPTED
                  ? "BLOCKED"
                  : error.kind() == StepError.Kind.ANCESTOR_FAILED
                          || error.kind() == StepError.Kind.REJECTED
                      ? "SKIPPED"
                      : "FAILED";
          steps.append(steps.isEmpty() ? "" : ",").append(stepJson(name));
          statuses
              .append(statuses.isEmpty() ? "" : ",")
              .append(oldStatus(name, state, error.message()));
        });
    String oldCheckpoint =
        "{\"schemaVersion\":1,\"plan\":{\"schemaVersion\":1,\"id\":\"p1\",\"title\":\"old\","
            + "\"steps\":["
            + steps
            + ",{\"name\":\"again\",\"uses\":\"t.x\"}]},\"state\":\"PAUSED\","
            + "\"updatedAt\":\"2026-12-01T10:00:00Z\",\"steps\":{"
            + statuses
            + ",\"again\":{\"state\":\"PENDING\",\"attempts\":1,\"error\":\"approved by host\"}}}";

    PlanSnapshot snapshot = PlanJson.readSnapshot(oldCheckpoint);

    expected.forEach(
        (name, error) -> assertEquals(Optional.of(error), snapshot.step(name).error(), name));
    assertTrue(snapshot.step("again").error().isEmpty(), "a PENDING step's old reason is no error");
  }

  @Test
  void anUnknownKindIsRefusedNamingItsPath() {
    var e =
        assertThrows(
            PlanFormatException.class,
            () ->
                PlanJson.readStepStatus(
                    "{\"state\":\"FAILED\",\"error\":{\"kind\":\"gremlins\",\"message\":\"m\"}}"));
    assertEquals("$.error.kind", e.path());
    assertTrue(e.getMessage().contains("budget-exceeded"), e.getMessage());
  }

  @Test
  void aStepStateEventCarriesItsErrorTyped() {
    StepError denied = new StepError.ConsentDenied("consent denied: no");
    PlanEvent event =
        PlanEvent.stepState("p", "s", StepState.PENDING, StepState.BLOCKED, denied, T);
    PlanEvent back = PlanJson.readEvent(PlanJson.write(event));
    assertEquals(Optional.of(denied), back.stepError());
    assertEquals("consent denied: no", back.data().get("reason").asText());
    PlanEvent plain =
        PlanEvent.stepState("p", "s", StepState.BLOCKED, StepState.PENDING, "approved", T);
    assertEquals(Optional.empty(), plain.stepError());
  }

  private static String stepJson(String name) {
    return "{\"name\":\"" + name + "\",\"uses\":\"t.x\"}";
  }

  private static String oldStatus(String name, String state, String error) {
    return "\""
        + name
        + "\":{\"state\":\""
        + state
        + "\",\"attempts\":1,\"error\":\""
        + error.replace("\"", "\\\"")
        + "\"}";
  }
}
