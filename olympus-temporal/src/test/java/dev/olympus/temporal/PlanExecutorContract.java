package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.OwnedElsewhereException;
import dev.olympus.executor.PlanExecutor;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.executor.RunEvent;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.memory.Fact;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link PlanExecutor} shares, run against each implementation by a subclass:
 * the in-process executor and the Temporal one must give the same plan the same result, the same
 * step states and the same effects.
 */
abstract class PlanExecutorContract {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** One executor under test, with the tools, consent and model it was given. */
  interface Harness extends AutoCloseable {
    PlanExecutor executor();

    @Override
    void close();
  }

  /** The parts a harness wires. */
  record Setup(
      MemoryStore memory,
      ToolRegistry tools,
      ConsentProvider consent,
      ConsentGrants grants,
      LlmRouter llm,
      int parallelism) {}

  /** Starts the executor under test. */
  abstract Harness start(Setup setup);

  @TempDir Path dir;
  final Fixture fixture = new Fixture();
  MemoryStore memory;

  @BeforeEach
  void openStore() {
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
  }

  @AfterEach
  void closeStore() {
    fixture.release.countDown(); // lets a tool still waiting return
    memory.close();
  }

  private Harness start(ConsentProvider consent) {
    return start(setup(consent));
  }

  private Setup setup(ConsentProvider consent) {
    return new Setup(memory, fixture.tools(), consent, ConsentGrants.empty(), null, 2);
  }

  /** Submits {@code plan} to an executor started with {@code consent}; its end or its pause. */
  private PlanResult run(ConsentProvider consent, Plan plan) throws Exception {
    return run(setup(consent), plan);
  }

  private PlanResult run(ConsentProvider consent, Plan plan, List<RunEvent> heard)
      throws Exception {
    return run(setup(consent), plan, heard);
  }

  /** Submits {@code plan} to an executor started with {@code setup}; its end or its pause. */
  private PlanResult run(Setup setup, Plan plan) throws Exception {
    try (Harness harness = start(setup)) {
      return harness.executor().submit(plan).await(WAIT).orElseThrow();
    }
  }

  /** Like {@link #run(Setup, Plan)}, adding what the run's listener hears to {@code heard}. */
  private PlanResult run(Setup setup, Plan plan, List<RunEvent> heard) throws Exception {
    try (Harness harness = start(setup)) {
      return harness.executor().submit(plan, heard::add).await(WAIT).orElseThrow();
    }
  }

  private static ConsentProvider allowAll() {
    return request -> ConsentDecision.allowOnce();
  }

  @Test
  void goldenPathRunsEveryStepOnceWithDataFlowAndLogsEveryTransition() throws Exception {
    Plan plan =
        Plan.builder("golden")
            .step("read", s -> s.uses("test.echo").with("text", "hello"))
            .step("write", s -> s.uses("test.append").after("read").with("line", "${read.text}!"))
            .build();
    List<RunEvent> heard = new CopyOnWriteArrayList<>();
    PlanResult result = run(allowAll(), plan, heard);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("hello!"), fixture.appended);
    assertEquals(1, result.output("write").path("count").asInt());
    assertEquals(1, result.snapshot().step("write").attempts());
    List<PlanEvent> logged =
        memory.events().byPlan(plan.id()).stream().map(StoredEvent::event).toList();
    assertTrue(logged.stream().anyMatch(e -> isPlanState(e, "DONE")), logged::toString);
    assertEquals(
        List.of("QUEUED", "RUNNING", "DONE"),
        logged.stream()
            .filter(e -> e.kind().equals(PlanEvent.PLAN_STATE))
            .map(e -> e.data().path("to").asText())
            .toList());
    assertTrue(memory.events().verify().intact());
    assertTrue(
        heard.stream()
            .anyMatch(e -> e instanceof RunEvent.PlanChanged p && p.to() == PlanState.DONE),
        heard::toString);
  }

  @Test
  void theMemoryToolsSearchTheStoreAndRememberAFact() throws Exception {
    memory.documents().ingest("report.md", "Revenue grew 12% this quarter.", Map.of());
    Plan plan =
        Plan.builder("memory")
            .step("search", s -> s.uses("memory.search").with("query", "revenue grew"))
            .step(
                "remember",
                s ->
                    s.uses("memory.remember")
                        .after("search")
                        .with("subject", "revenue")
                        .with("predicate", "source")
                        .with("value", "${search.hits.0.sourceId}"))
            .build();
    PlanResult result = run(allowAll(), plan);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    JsonNode hit = result.output("search").path("hits").path(0);
    assertEquals("report.md", hit.path("sourceId").asText());
    assertTrue(hit.path("snippet").asText().contains("Revenue grew 12%"), hit::toString);
    assertEquals(
        List.of("report.md"),
        memory.facts().bySubject("revenue").stream().map(Fact::value).toList());
  }

  @Test
  void anEnqueuedPlanRunsOnceOnAWorkerAndResumeReportsItsResult() throws Exception {
    Plan plan =
        Plan.builder("queued")
            .step("write", s -> s.uses("test.append").with("line", "from the queue"))
            .build();
    try (Harness harness = start(allowAll())) {
      assertEquals(plan.id(), harness.executor().enqueue(plan));
      PlanResult result = ended(harness.executor(), plan.id());

      assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
      assertEquals(List.of("from the queue"), fixture.appended);
      assertTrue(memory.events().verify().intact());
    }
  }

  /** The result of a plan some worker runs: resume refuses while another owner holds it. */
  private static PlanResult ended(PlanExecutor executor, String planId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        return executor.resume(planId).await(WAIT).orElseThrow();
      } catch (OwnedElsewhereException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static boolean isPlanState(PlanEvent event, String to) {
    return event.kind().equals(PlanEvent.PLAN_STATE) && event.data().path("to").asText().equals(to);
  }

  @Test
  void independentStepsRunInParallelUpToTheLimitAndAJoinWaitsForAll() throws Exception {
    Plan plan =
        Plan.builder("fan out")
            .step("a", s -> s.uses("test.pair"))
            .step("b", s -> s.uses("test.pair"))
            .step("c", s -> s.uses("test.pair"))
            .step("d", s -> s.uses("test.pair"))
            .step(
                "join",
                s ->
                    s.uses("test.echo")
                        .after("a", "b", "c", "d")
                        .with("all", "${a.step}${b.step}${c.step}${d.step}"))
            .build();
    PlanResult result = run(allowAll(), plan);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(2, fixture.mostAtOnce.get(), "two at once, never more (parallelism 2)");
    assertEquals("abcd", result.output("join").path("all").asText());
  }

  @Test
  void outputsFlowByPathKeepingTheirTypes() throws Exception {
    Plan plan =
        Plan.builder("data flow")
            .step(
                "source",
                s ->
                    s.uses("test.echo")
                        .with("n", 42)
                        .with("nested", JsonNodeFactory.instance.objectNode().put("word", "deep")))
            .step(
                "use",
                s ->
                    s.uses("test.echo")
                        .after("source")
                        .with("number", "${source.n}")
                        .with("text", "the ${source.nested.word} end"))
            .build();
    PlanResult result = run(allowAll(), plan);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(42, result.output("use").path("number").intValue());
    assertTrue(result.output("use").path("number").isNumber());
    assertEquals("the deep end", result.output("use").path("text").asText());
  }

  @Test
  void aTransientErrorIsRetriedWithTheGuardsBackoffButASideEffectIsNot() throws Exception {
    Plan plan =
        Plan.builder("retries")
            .step(
                "flaky",
                s ->
                    s.uses("test.flaky")
                        .with("failures", 2)
                        .guard(g -> g.retries(3).backoff(Duration.ofMillis(10))))
            .step(
                "effect",
                s ->
                    s.uses("test.failingEffect")
                        .after("flaky")
                        .guard(g -> g.retries(3).backoff(Duration.ofMillis(10))))
            .build();
    PlanResult result = run(allowAll(), plan);

    assertEquals(StepState.DONE, result.snapshot().step("flaky").state());
    assertEquals(3, fixture.flakyCalls.get());
    assertEquals(3, result.snapshot().step("flaky").attempts());
    assertEquals(PlanState.FAILED, result.state());
    assertEquals(StepState.FAILED, result.snapshot().step("effect").state());
    assertEquals(1, fixture.effectCalls.get(), "an effect that may have happened is not repeated");
    StepError effect = result.errors().get("effect");
    assertTrue(effect.message().contains("connection reset"), result.errors()::toString);
    assertEquals(StepError.Kind.TOOL_FAILED, effect.kind());
  }

  @Test
  void aReadOnlyStepThatKeepsFailingFailsOnceItsRetriesAreSpent() throws Exception {
    Plan plan =
        Plan.builder("retries spent")
            .step(
                "flaky",
                s ->
                    s.uses("test.flaky")
                        .with("failures", 10)
                        .guard(g -> g.retries(2).backoff(Duration.ofMillis(10))))
            .build();
    PlanResult result = run(allowAll(), plan);

    assertEquals(PlanState.FAILED, result.state());
    assertEquals(3, fixture.flakyCalls.get(), "the first call and two retries");
    assertEquals(3, result.snapshot().step("flaky").attempts());
    assertEquals(
        new StepError.ToolFailed(
            "ToolExecutionException: test.flaky: temporarily unavailable", true),
        result.errors().get("flaky"));
  }

  @Test
  void anErrorThatIsNotPassingIsNotRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Tool broken =
        Tool.builder("test.broken")
            .description("refuses every request")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  calls.incrementAndGet();
                  throw new ToolExecutionException("test.broken", "bad request", false, null);
                });
    Plan plan =
        Plan.builder("broken")
            .step("call", s -> s.uses("test.broken").guard(g -> g.retries(3)))
            .build();
    PlanResult result = run(setup(allowAll(), broken), plan);

    assertEquals(PlanState.FAILED, result.state());
    assertEquals(1, calls.get());
    assertEquals(1, result.snapshot().step("call").attempts());
    assertEquals(
        new StepError.ToolFailed("ToolExecutionException: test.broken: bad request", false),
        result.errors().get("call"));
  }

  // With one step at a time, 'other' waits behind 'boom' and is never started once the plan fails.
  @Test
  void aFailedStepSkipsItsDescendantsAndLeavesTheRestNotRun() throws Exception {
    Plan plan =
        Plan.builder("failing")
            .step("boom", s -> s.uses("test.failingEffect"))
            .step("child", s -> s.uses("test.echo").after("boom"))
            .step("grandchild", s -> s.uses("test.echo").after("child"))
            .step("other", s -> s.uses("test.echo"))
            .build();
    Setup oneAtATime =
        new Setup(memory, fixture.tools(), allowAll(), ConsentGrants.empty(), null, 1);
    PlanResult result = run(oneAtATime, plan);

    assertEquals(PlanState.FAILED, result.state());
    assertEquals(1, fixture.effectCalls.get());
    assertEquals(StepError.Kind.TOOL_FAILED, result.errors().get("boom").kind());
    StepError skipped = new StepError.AncestorFailed("ancestor 'boom' failed");
    assertEquals(skipped, result.errors().get("child"));
    assertEquals(skipped, result.errors().get("grandchild"));
    assertEquals(new StepError.NotRun("plan failed"), result.errors().get("other"));
    for (String step : List.of("child", "grandchild", "other")) {
      assertEquals(StepState.SKIPPED, result.snapshot().step(step).state(), step);
      assertEquals(0, result.snapshot().step(step).attempts(), step);
    }
  }

  @Test
  void theFailureOfAnOptionalStepLetsItsDependentsRunAndThePlanFinish() throws Exception {
    Plan plan =
        Plan.builder("optional")
            .step("soft", s -> s.uses("test.failingEffect").guard(g -> g.optional(true)))
            .step("after", s -> s.uses("test.echo").after("soft").with("ran", true))
            .build();
    PlanResult result = run(allowAll(), plan);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(StepState.FAILED, result.snapshot().step("soft").state());
    assertEquals(StepState.DONE, result.snapshot().step("after").state());
    assertTrue(result.output("after").path("ran").asBoolean());
  }

  // A refusal before the tool ran is the one failure of a side effect worth another attempt, once
  // the time the tool asked for has passed.
  @Test
  void aRateLimitedSideEffectIsTriedAgainUntilItsRetriesAreSpent() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<String> sent = new CopyOnWriteArrayList<>();
    List<Long> calledAt = new CopyOnWriteArrayList<>();
    Duration retryAfter = Duration.ofMillis(250);
    Tool limited =
        Tool.builder("test.limited")
            .description("refuses its first call and every call for 'never'")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  calledAt.add(System.nanoTime());
                  if (calls.incrementAndGet() == 1 || input.path("to").asText().equals("never")) {
                    throw new ToolRateLimitedException("test.limited", "slow down", retryAfter);
                  }
                  sent.add(input.path("to").asText());
                  return JsonNodeFactory.instance.objectNode().put("sent", true);
                });
    Plan plan =
        Plan.builder("rate limited")
            .step("send", s -> s.uses("test.limited").with("to", "a").guard(g -> g.retries(1)))
            .step(
                "refused",
                s ->
                    s.uses("test.limited")
                        .after("send")
                        .with("to", "never")
                        .guard(g -> g.retries(1)))
            .build();
    PlanResult result = run(setup(allowAll(), limited), plan);

    assertEquals(StepState.DONE, result.snapshot().step("send").state());
    assertEquals(2, result.snapshot().step("send").attempts());
    assertEquals(List.of("a"), sent, "sent once");
    assertEquals(PlanState.FAILED, result.state());
    assertEquals(4, calls.get(), "each step tried twice");
    assertEquals(StepError.Kind.TOOL_FAILED, result.errors().get("refused").kind());
    assertTrue(result.errors().get("refused").retryable());
    for (int call = 1; call < 4; call += 2) {
      long waited = calledAt.get(call) - calledAt.get(call - 1);
      assertTrue(waited >= retryAfter.toNanos(), "tried again after " + waited + " ns");
    }
  }

  @Test
  void anAnswerGivenInTheToolsPlaceIsTheStepsOutputAndTheToolNeverRuns() throws Exception {
    Plan plan =
        Plan.builder("answered")
            .step("write", s -> s.uses("test.strict").with("line", "x"))
            .step("use", s -> s.uses("test.echo").after("write").with("n", "${write.count}"))
            .build();
    ConsentProvider answer =
        request ->
            ConsentDecision.answerInstead(JsonNodeFactory.instance.objectNode().put("count", 41));
    PlanResult result = run(answer, plan);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(41, result.output("use").path("n").asInt());
    assertTrue(fixture.appended.isEmpty(), "the tool never ran");
  }

  @Test
  void anInputEditedByThePersonAskedIsWhatTheToolRunsWith() throws Exception {
    Plan plan =
        Plan.builder("edited")
            .step("write", s -> s.uses("test.append").with("line", "as planned"))
            .build();
    ConsentProvider edit =
        request ->
            ConsentDecision.allowEdited(
                JsonNodeFactory.instance.objectNode().put("line", "edited"));
    PlanResult result = run(edit, plan);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("edited"), fixture.appended);
  }

  private Setup setup(ConsentProvider consent, Tool extra) {
    return new Setup(memory, fixture.tools(extra), consent, ConsentGrants.empty(), null, 2);
  }

  @Test
  void thePlansDeadlineFailsARunningStepAndSkipsTheRest() throws Exception {
    Plan plan =
        Plan.builder("deadline")
            .deadline(Duration.ofMillis(500))
            .step("slow", s -> s.uses("test.wait"))
            .step("after", s -> s.uses("test.echo").after("slow"))
            .build();
    PlanResult result = run(allowAll(), plan);

    assertEquals(PlanState.FAILED, result.state());
    assertEquals(StepState.FAILED, result.snapshot().step("slow").state());
    StepError slow = result.errors().get("slow");
    assertTrue(slow.message().contains("Timeout"), result.errors()::toString);
    assertEquals(StepError.Kind.TIMEOUT, slow.kind());
    assertEquals(StepState.SKIPPED, result.snapshot().step("after").state());
  }

  @Test
  void aStepsOwnDeadlineFailsItsCallAsATimeout() throws Exception {
    Plan plan =
        Plan.builder("step deadline")
            .step("slow", s -> s.uses("test.wait").guard(g -> g.deadline(Duration.ofMillis(300))))
            .build();
    PlanResult result = run(allowAll(), plan);

    assertEquals(PlanState.FAILED, result.state());
    assertEquals(
        StepError.Kind.TIMEOUT, result.errors().get("slow").kind(), result.errors()::toString);
  }

  @Test
  void aDeniedStepBlocksThePlanUntilTheHostApprovesIt() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    ConsentProvider denyFirst =
        request ->
            asked.incrementAndGet() == 1
                ? ConsentDecision.deny("not now")
                : ConsentDecision.allowOnce();
    Plan plan =
        Plan.builder("consent")
            .step("write", s -> s.uses("test.append").with("line", "approved"))
            .step("after", s -> s.uses("test.echo").after("write").with("x", "y"))
            .build();
    try (Harness harness = start(denyFirst)) {
      PlanRun run = harness.executor().submit(plan);
      PlanResult paused = run.await(WAIT).orElseThrow();

      assertEquals(PlanState.PAUSED, paused.state());
      assertEquals(List.of("write"), paused.blockedSteps());
      StepError denied = paused.errors().get("write");
      assertTrue(denied.message().contains("not now"), paused.errors()::toString);
      assertEquals(StepError.Kind.CONSENT_DENIED, denied.kind());
      assertTrue(fixture.appended.isEmpty());

      run.approve("write");
      PlanResult done = run.await(WAIT).orElseThrow();

      assertEquals(PlanState.DONE, done.state(), done.errors()::toString);
      assertEquals(List.of("approved"), fixture.appended);
      assertEquals(1, asked.get(), "an approved step is not asked about again");
    }
  }

  @Test
  void aStandingGrantRunsTheStepWithoutAskingAndListenersHearTheDecision() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    ConsentProvider denyAndCount =
        request -> {
          asked.incrementAndGet();
          return ConsentDecision.deny("asked although granted");
        };
    ConsentGrants grants = ConsentGrants.empty();
    grants.grant(ConsentGrants.Grant.of("test.write"));
    Plan plan =
        Plan.builder("granted")
            .step("write", s -> s.uses("test.append").with("line", "granted"))
            .build();
    List<RunEvent> heard = new CopyOnWriteArrayList<>();
    PlanResult result =
        run(new Setup(memory, fixture.tools(), denyAndCount, grants, null, 2), plan, heard);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("granted"), fixture.appended);
    assertEquals(0, asked.get(), "a standing grant answers without asking");
    assertTrue(
        heard.stream()
            .anyMatch(
                e ->
                    e instanceof RunEvent.ConsentDecided d
                        && d.stepId().equals("write")
                        && d.toolId().equals("test.append")
                        && d.granted()),
        heard::toString);
  }

  @Test
  void anAllowanceForThePlanIsAskedForOnce() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    ConsentProvider forThePlan =
        request -> {
          asked.add(request.stepId());
          return ConsentDecision.allowForPlan();
        };
    Plan plan =
        Plan.builder("allowed for the plan")
            .step("first", s -> s.uses("test.append").with("line", "first"))
            .step("second", s -> s.uses("test.append").after("first").with("line", "second"))
            .build();
    PlanResult result = run(forThePlan, plan);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("first", "second"), fixture.appended);
    assertEquals(List.of("first"), asked, "the allowance answers for the rest of the plan");
  }

  @Test
  void aStepThatRequiresConsentIsAskedEvenWithAStandingGrant() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    ConsentProvider ask =
        request -> {
          asked.add(request.stepId());
          return ConsentDecision.allowOnce();
        };
    ConsentGrants grants = ConsentGrants.empty();
    grants.grant(ConsentGrants.Grant.of("test.write"));
    Plan plan =
        Plan.builder("always asked")
            .step("granted", s -> s.uses("test.append").with("line", "granted"))
            .step(
                "asked",
                s ->
                    s.uses("test.append")
                        .after("granted")
                        .with("line", "asked")
                        .guard(g -> g.consentRequired(true)))
            .build();
    PlanResult result = run(new Setup(memory, fixture.tools(), ask, grants, null, 2), plan);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("granted", "asked"), fixture.appended);
    assertEquals(List.of("asked"), asked);
  }

  @Test
  void listenersHearTheTypedErrorOfADeniedStep() throws Exception {
    Plan plan =
        Plan.builder("denied")
            .step("write", s -> s.uses("test.append").with("line", "never"))
            .build();
    List<RunEvent> heard = new CopyOnWriteArrayList<>();
    PlanResult paused = run(request -> ConsentDecision.deny("no"), plan, heard);

    assertEquals(PlanState.PAUSED, paused.state());
    List<StepError> blocked =
        heard.stream()
            .filter(e -> e instanceof RunEvent.StepChanged c && c.to() == StepState.BLOCKED)
            .map(e -> ((RunEvent.StepChanged) e).error().orElseThrow())
            .toList();
    assertEquals(List.of(new StepError.ConsentDenied("consent denied: no")), blocked);
    assertEquals(blocked.get(0), paused.errors().get("write"));
  }

  @Test
  void anInputThatDoesNotMatchTheToolsSchemaFailsTheStepAsAnInputValidation() throws Exception {
    Plan plan =
        Plan.builder("bad input").step("write", s -> s.uses("test.strict").with("line", 5)).build();
    assertWriteFailsValidation(plan, allowAll(), StepError.Schema.INPUT);
  }

  @Test
  void anAnswerInsteadThatDoesNotMatchTheOutputSchemaFailsAsAnOutputValidation() throws Exception {
    Plan plan =
        Plan.builder("bad answer")
            .step("write", s -> s.uses("test.strict").with("line", "x"))
            .build();
    ConsentProvider answerBadly =
        request -> ConsentDecision.answerInstead(JsonNodeFactory.instance.objectNode());
    assertWriteFailsValidation(plan, answerBadly, StepError.Schema.OUTPUT);
  }

  private void assertWriteFailsValidation(
      Plan plan, ConsentProvider consent, StepError.Schema schema) throws Exception {
    PlanResult result = run(consent, plan);

    assertEquals(PlanState.FAILED, result.state());
    StepError error = result.errors().get("write");
    assertEquals(StepError.Kind.VALIDATION, error.kind(), result.errors()::toString);
    assertEquals(schema, ((StepError.Validation) error).schema());
    assertTrue(fixture.appended.isEmpty(), "the tool never ran");
  }

  @Test
  void cancellingARunSkipsWhatIsLeftAndEndsCancelled() throws Exception {
    Plan plan =
        Plan.builder("cancel")
            .step("slow", s -> s.uses("test.wait"))
            .step("after", s -> s.uses("test.append").after("slow").with("line", "never"))
            .build();
    try (Harness harness = start(allowAll())) {
      PlanRun run = harness.executor().submit(plan);
      fixture.waiting.await();
      run.cancel();
      PlanResult result = run.await(WAIT).orElseThrow();

      assertEquals(PlanState.CANCELLED, result.state());
      assertEquals(StepState.SKIPPED, result.snapshot().step("slow").state());
      assertEquals(StepState.SKIPPED, result.snapshot().step("after").state());
      assertEquals(StepError.Kind.CANCELLED, result.errors().get("slow").kind());
      assertEquals(StepError.Kind.CANCELLED, result.errors().get("after").kind());
      assertTrue(fixture.appended.isEmpty());
    }
  }

  // Nothing cancelled the plan: a tool that ends its call as cancelled failed, so the plan cannot
  // be DONE with a required step skipped.
  @Test
  void aToolThatCancelsItsOwnCallFailsTheStepAndThePlan() throws Exception {
    Tool quits =
        Tool.builder("test.quits")
            .description("gives up as if cancelled")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  throw new ToolCancelledException("test.quits");
                });
    Plan plan =
        Plan.builder("quits")
            .step("quit", s -> s.uses("test.quits"))
            .step("after", s -> s.uses("test.append").after("quit").with("line", "never"))
            .build();
    Setup setup =
        new Setup(memory, fixture.tools(quits), allowAll(), ConsentGrants.empty(), null, 2);
    PlanResult result = run(setup, plan);

    assertEquals(PlanState.FAILED, result.state(), result.errors()::toString);
    assertEquals(StepState.FAILED, result.snapshot().step("quit").state());
    assertEquals(StepError.Kind.TOOL_FAILED, result.errors().get("quit").kind());
    assertTrue(
        result.errors().get("quit").message().contains("nothing cancelled the plan"),
        result.errors()::toString);
    assertEquals(StepState.SKIPPED, result.snapshot().step("after").state());
    assertTrue(fixture.appended.isEmpty());
  }

  @Test
  void anExhaustedPlanBudgetFailsTheNextModelStepBeforeItCallsTheModel() throws Exception {
    try (FakeOllama ollama = new FakeOllama(90)) {
      Plan plan =
          Plan.builder("budgeted")
              .budget(Budget.ofTokens(120))
              .step("first", s -> s.uses("llm.generate").with("prompt", "hi").with("maxTokens", 90))
              .step(
                  "second",
                  s ->
                      s.uses("llm.generate")
                          .after("first")
                          .with("prompt", "again")
                          .with("maxTokens", 90)
                          .guard(g -> g.retries(3)))
              .build();
      PlanResult result = run(withModel(ollama), plan);

      assertEquals(PlanState.FAILED, result.state());
      assertEquals(StepState.DONE, result.snapshot().step("first").state());
      assertEquals(StepState.FAILED, result.snapshot().step("second").state());
      StepError second = result.errors().get("second");
      assertTrue(second.message().startsWith("BudgetExceededException"), result.errors()::toString);
      assertEquals(StepError.Kind.BUDGET_EXCEEDED, second.kind());
      assertEquals(1, ollama.chats(), "the refused call never reached the model");
      assertEquals(1, result.snapshot().step("second").attempts(), "budget errors are not retried");
      assertTrue(
          memory.events().byPlan(plan.id()).stream()
              .anyMatch(e -> e.event().kind().equals("budget.charge")));
    }
  }

  @Test
  void aStepsTokenBudgetRefusesAModelCallThatCouldExceedIt() throws Exception {
    try (FakeOllama ollama = new FakeOllama(10)) {
      Plan plan =
          Plan.builder("step budget")
              .step(
                  "small",
                  s ->
                      s.uses("llm.generate")
                          .with("prompt", "hi")
                          .with("maxTokens", 90)
                          .guard(g -> g.budget(Budget.ofTokens(50))))
              .build();
      PlanResult result = run(withModel(ollama), plan);

      assertEquals(PlanState.FAILED, result.state());
      assertEquals(StepError.Kind.BUDGET_EXCEEDED, result.errors().get("small").kind());
      assertEquals(0, ollama.chats(), "the call never reached the model");
    }
  }

  // The model tools only, over a fake Ollama.
  private Setup withModel(FakeOllama ollama) {
    LlmRouter router =
        LlmRouter.builder().local(OllamaProvider.at(ollama.uri(), "llama3.2")).build();
    return new Setup(
        memory, ToolRegistry.builder().build(), allowAll(), ConsentGrants.empty(), router, 2);
  }
}
