package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlanJsonTest {
  private static final String V1 = "{\"schemaVersion\":1,";
  private static final Instant T = Instant.parse("2026-11-25T10:00:00.123456789Z");

  private static Plan sample() {
    return Plan.builder("sample")
        .id("p-1")
        .budget(Budget.ofTokens(5000).andUsd("0.050"))
        .deadline(Duration.ofMinutes(5))
        .step("read", s -> s.uses("fs.read", "fs.read").with("path", "a.txt").describe("read it"))
        .step(
            "sum",
            s ->
                s.uses("llm.generate")
                    .after("read")
                    .with("prompt", "Summarize ${read.content}")
                    .with("max", 200)
                    .with("strict", true)
                    .guard(
                        g ->
                            g.retries(3)
                                .backoff(Duration.ofMillis(250))
                                .jitter(0.5)
                                .deadline(Duration.ofSeconds(30))
                                .budget(Budget.ofTokens(1000))
                                .consentRequired(true)
                                .optional(true)))
        .build();
  }

  @Test
  void planRoundTripsExactly() {
    Plan plan = sample();
    String json = PlanJson.write(plan);
    assertTrue(json.startsWith("{\"schemaVersion\":1,"), json);
    Plan back = PlanJson.readPlan(json);
    assertEquals(plan, back);
    assertEquals(json, PlanJson.write(back));
  }

  @Test
  void snapshotRoundTripsWithStates() {
    PlanSnapshot snap =
        PlanSnapshot.initial(sample(), T)
            .withState(PlanState.QUEUED, T)
            .withState(PlanState.RUNNING, T);
    snap =
        snap.withStep(
            "read",
            snap.step("read")
                .running(T)
                .done(JsonNodeFactory.instance.objectNode().put("content", "hi"), T.plusMillis(5)),
            T.plusMillis(6));
    snap =
        snap.withStep(
            "sum",
            snap.step("sum")
                .moveTo(StepState.BLOCKED, new StepError.ConsentDenied("consent denied: no"), T),
            T);
    PlanSnapshot back = PlanJson.readSnapshot(PlanJson.write(snap));
    assertEquals(snap, back);
  }

  @Test
  void stepStatusRoundTrips() {
    StepStatus status =
        StepStatus.pending()
            .running(T)
            .done(JsonNodeFactory.instance.objectNode().put("n", 1), T.plusSeconds(1));
    assertEquals(status, PlanJson.readStepStatus(PlanJson.write(status)));
    var e =
        assertThrows(
            PlanFormatException.class, () -> PlanJson.readStepStatus("{\"state\":\"LOST\"}"));
    assertEquals("$.state", e.path());
  }

  @Test
  void eventRoundTrips() {
    PlanEvent event =
        PlanEvent.stepState("p-1", "read", StepState.PENDING, StepState.RUNNING, "go", T)
            .withCorrelation("c-9");
    assertEquals(event, PlanJson.readEvent(PlanJson.write(event)));
  }

  @Test
  void futureSchemaVersionIsRefused() {
    var e =
        assertThrows(
            PlanFormatException.class,
            () -> PlanJson.readPlan("{\"schemaVersion\":2,\"title\":\"t\",\"steps\":[]}"));
    assertEquals("$.schemaVersion", e.path());
    assertTrue(e.getMessage().contains("unsupported schema version 2"), e.getMessage());
  }

  @Test
  void malformedJsonNamesTheLocation() {
    var e =
        assertThrows(PlanFormatException.class, () -> PlanJson.readPlan("{\"title\": \"t\",,}"));
    assertEquals("$", e.path());
    assertTrue(e.getMessage().contains("malformed JSON at line 1"), e.getMessage());
  }

  @Test
  void wrongTypesAndMissingFieldsNameTheirPath() {
    assertPath(
        "$.steps[1].uses",
        V1
            + "\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"x\"},{\"name\":\"b\",\"uses\":7}]}");
    assertPath("$.steps[0].name", V1 + "\"title\":\"t\",\"steps\":[{\"uses\":\"x\"}]}");
    assertPath(
        "$.steps[0].guard.retries",
        V1
            + "\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"x\",\"guard\":{\"retries\":\"two\"}}]}");
    assertPath(
        "$.steps[0].colour",
        V1 + "\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"x\",\"colour\":\"red\"}]}");
    assertPath("$.budget", V1 + "\"title\":\"t\",\"budget\":{\"tokens\":-1},\"steps\":[]}");
    assertPath("$.steps", V1 + "\"title\":\"t\",\"steps\":{}}");
    assertPath("$.title", V1 + "\"steps\":[]}");
    assertPath("$", "[1,2]");
  }

  @Test
  void aPlanDraftedByAModelParsesAndValidates() {
    String draft =
        """
        {"schemaVersion": 1, "title": "notes", "steps": [
          {"name": "read", "uses": "fs.read", "with": {"path": "report.txt"}},
          {"name": "summarize", "uses": "llm.generate", "after": ["read"],
           "with": {"prompt": "Summarize ${read.content}"}, "guard": {"retries": 2, "deadline": "60s"}},
          {"name": "write", "uses": "fs.write", "after": ["summarize"],
           "with": {"path": "notes.md", "content": "${summarize.text}"}}
        ]}
        """;
    Plan plan = PlanJson.readPlan(draft);
    assertEquals(Duration.ofSeconds(60), plan.step("summarize").guard().deadline().orElseThrow());
    assertEquals(3, plan.steps().size());
  }

  @Test
  void aStructurallyInvalidDraftListsEveryProblem() {
    String draft =
        """
        {"schemaVersion": 1, "title": "loop", "steps": [
          {"name": "a", "uses": "x", "after": ["b"]},
          {"name": "b", "uses": "x", "after": ["a"], "with": {"v": "${c.out}"}}
        ]}
        """;
    var e = assertThrows(PlanValidationException.class, () -> PlanJson.readPlan(draft));
    assertEquals(2, e.problems().size(), e.problems()::toString);
  }

  private static void assertPath(String path, String json) {
    var e = assertThrows(PlanFormatException.class, () -> PlanJson.readPlan(json));
    assertEquals(path, e.path(), e.getMessage());
  }
}
