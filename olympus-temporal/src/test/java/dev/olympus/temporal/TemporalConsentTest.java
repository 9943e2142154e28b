package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentGrants;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consent held in the workflow: the question waits durably for the host's answer (an update), with
 * the plan's consent timeout, and the run refuses steering that does not apply with PlanRun's
 * exceptions.
 */
class TemporalConsentTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final Fixture fixture = new Fixture();
  private MemoryStore memory;
  private TestWorkflowEnvironment env;
  private OlympusWorker worker;
  private TemporalPlanExecutor executor;

  private void start(TemporalPlanExecutor.Builder settings) {
    start(settings, ConsentGrants.empty());
  }

  private void start(TemporalPlanExecutor.Builder settings, ConsentGrants grants) {
    worker = OlympusWorker.builder(memory).tools(fixture.tools()).consentGrants(grants).build();
    worker.register(env.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
    env.start();
    executor = settings.consentInWorkflow(true).build();
  }

  private TemporalPlanExecutor.Builder settings() {
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    return TemporalPlanExecutor.builder(env.getWorkflowClient(), memory);
  }

  @AfterEach
  void stop() {
    executor.close();
    env.close();
    worker.close();
    memory.close();
  }

  private static Plan plan() {
    return Plan.builder("asks")
        .step("write", s -> s.uses("test.append").with("line", "asked"))
        .build();
  }

  private List<ConsentQuestion> awaitQuestion(String planId) throws InterruptedException {
    List<ConsentQuestion> questions = executor.questions(planId);
    while (questions.isEmpty()) {
      Thread.sleep(10);
      questions = executor.questions(planId);
    }
    return questions;
  }

  @Test
  void theWorkflowHoldsTheQuestionUntilTheHostAllowsIt() throws Exception {
    start(settings());
    Plan plan = plan();
    PlanRun run = executor.submit(plan);
    ConsentQuestion question = awaitQuestion(plan.id()).get(0);

    assertEquals("write", question.stepId());
    assertEquals("test.append", question.toolId());
    assertEquals("asked", question.input().path("line").asText());
    assertEquals(plan.id(), question.planId());
    assertEquals(List.of("test.write"), question.scopes());
    assertTrue(question.summary().contains("test.append"), question::summary);
    assertEquals(PlanState.RUNNING, run.state(), "a question pauses nothing");
    assertEquals(StepState.PENDING, run.snapshot().step("write").state());
    assertThrows(
        IllegalTransitionException.class, () -> run.approve("write"), "only BLOCKED is approved");

    executor.answer(plan.id(), "write", ConsentDecision.allowOnce());
    PlanResult result = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("asked"), fixture.appended);
    assertEquals(List.of("ASKED:", "GRANTED:"), decisions(plan));
    assertTrue(executor.questions(plan.id()).isEmpty(), "answered");
    for (PlanEvent decided : consentEvents(plan)) {
      assertEquals(
          question.inputDigest(),
          decided.data().path("inputDigest").asText(),
          "the log names the input consented to, as the question did");
      assertEquals("test.write", decided.data().path("scopes").path(0).asText());
    }
  }

  private List<PlanEvent> consentEvents(Plan plan) {
    return memory.events().byPlan(plan.id()).stream()
        .map(StoredEvent::event)
        .filter(e -> e.kind().equals("consent.decision"))
        .toList();
  }

  // Each consent.decision event as DECISION:detail.
  private List<String> decisions(Plan plan) {
    return consentEvents(plan).stream()
        .map(e -> e.data().path("decision").asText() + ":" + e.data().path("detail").asText())
        .toList();
  }

  @Test
  void aStandingGrantAnswersWithoutAQuestion() throws Exception {
    ConsentGrants grants = ConsentGrants.empty();
    grants.grant(ConsentGrants.Grant.of("test.write"));
    start(settings(), grants);
    Plan plan = plan();

    PlanResult result = executor.submit(plan).await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("asked"), fixture.appended);
    assertEquals(
        List.of("GRANTED:"), decisions(plan).stream().map(d -> d.replaceAll(":.*", ":")).toList());
  }

  @Test
  void aDenialBlocksTheStepUntilTheHostApprovesIt() throws Exception {
    start(settings());
    Plan plan = plan();
    PlanRun run = executor.submit(plan);
    awaitQuestion(plan.id());
    executor.answer(plan.id(), "write", ConsentDecision.deny("not today"));
    PlanResult paused = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.PAUSED, paused.state());
    assertEquals(
        new StepError.ConsentDenied("consent denied: not today"), paused.errors().get("write"));
    assertEquals(List.of("ASKED:", "DENIED:not today"), decisions(plan));
    assertThrows(IllegalArgumentException.class, () -> run.approve("nope"));

    run.approve("write");
    PlanResult done = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, done.state(), done.errors()::toString);
    assertEquals(List.of("asked"), fixture.appended);
  }

  @Test
  void anUnansweredQuestionBlocksTheStepAfterTheConsentTimeout() throws Exception {
    start(settings().consentTimeout(Duration.ofMillis(300)));
    Plan plan = plan();
    PlanResult paused = executor.submit(plan).await(WAIT).orElseThrow();

    assertEquals(PlanState.PAUSED, paused.state());
    assertEquals(
        new StepError.ConsentDenied("consent denied: no answer within PT0.3S"),
        paused.errors().get("write"));
    assertTrue(fixture.appended.isEmpty());
    assertTrue(executor.questions(plan.id()).isEmpty());
  }
}
