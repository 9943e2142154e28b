package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consent answered later by a UI: no thread is held, and the question can end without an answer.
 */
class AsyncConsentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final TestTools.Recorder recorder = new TestTools.Recorder();
  private final BlockingQueue<Question> questions = new LinkedBlockingQueue<>();

  private record Question(ConsentRequest request, CompletableFuture<ConsentDecision> answer) {}

  private final ConsentProvider ui =
      ConsentProvider.async(
          request -> {
            CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
            questions.add(new Question(request, answer));
            return answer;
          });

  private Olympus.Builder olympus(MemoryStore memory) {
    return Olympus.builder()
        .memory(memory)
        .parallelism(1) // one step thread for every plan of this executor
        .tools(
            ToolRegistry.builder()
                .add(TestTools.counter(dir.resolve("count")))
                .add(recorder.tool("noop", SideEffect.READ_ONLY))
                .add(TestTools.failing("fails", "disk is on fire"))
                .build())
        .consent(ui);
  }

  private static Plan counting(String id) {
    return Plan.builder("count").id(id).step("count", s -> s.uses("test.count")).build();
  }

  // A side effect that asks, beside a required step that fails at once.
  private static Plan countingBesideAFailure() {
    return Plan.builder("fails")
        .id("p")
        .step("count", s -> s.uses("test.count"))
        .step("fails", s -> s.uses("fails"))
        .build();
  }

  private Question nextQuestion() throws InterruptedException {
    Question question = questions.poll(30, TimeUnit.SECONDS);
    assertTrue(question != null, "no consent question was asked");
    return question;
  }

  @Test
  void aStepWaitingForAnAnswerHoldsNoThreadSoOtherPlansRun() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory).build()) {
      PlanRun waiting = olympus.executor().submit(counting("asks"));
      Question question = nextQuestion();

      Plan other = Plan.builder("meanwhile").step("a", s -> s.uses("noop")).build();
      PlanResult done = olympus.executor().submit(other).await(WAIT).orElseThrow();
      assertEquals(PlanState.DONE, done.state(), "ran on the only step thread meanwhile");
      assertEquals(PlanState.RUNNING, waiting.state());

      Thread eventThread =
          new Thread(() -> question.answer().complete(ConsentDecision.allowOnce()));
      eventThread.start();
      assertEquals(PlanState.DONE, waiting.await(WAIT).orElseThrow().state());
      assertEquals(1, Files.readAllLines(dir.resolve("count")).size());
    }
  }

  @Test
  void anUnansweredQuestionBlocksTheStepAfterTheConsentTimeout() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory).consentTimeout(Duration.ofMillis(100)).build()) {
      PlanResult paused = olympus.executor().submit(counting("p")).await(WAIT).orElseThrow();
      assertEquals(PlanState.PAUSED, paused.state());
      assertEquals(StepState.BLOCKED, paused.snapshot().step("count").state());
      assertEquals(StepError.Kind.CONSENT_DENIED, paused.errors().get("count").kind());
      assertTrue(
          paused.errors().get("count").message().contains("no answer within PT0.1S"),
          paused::toString);
      assertTrue(nextQuestion().answer().isCancelled(), "the UI is told the question is gone");
    }
  }

  @Test
  void cancellingThePlanWithdrawsTheQuestion() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory).build()) {
      PlanRun run = olympus.executor().submit(counting("p"));
      Question question = nextQuestion();
      run.cancel();
      assertEquals(PlanState.CANCELLED, run.await(WAIT).orElseThrow().state());
      assertTrue(question.answer().isCancelled());
      question.answer().complete(ConsentDecision.allowOnce()); // too late: nothing runs
      assertTrue(Files.notExists(dir.resolve("count")));
    }
  }

  // The withdrawal may come just after the host's call: the step registers its question on its own
  // thread, after the UI was asked.
  @Test
  void aRequiredSiblingsFailureWithdrawsTheQuestion() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory).parallelism(2).build()) {
      PlanRun run = olympus.executor().submit(countingBesideAFailure());
      Question question = nextQuestion();

      PlanResult result = run.await(WAIT).orElseThrow();
      assertEquals(PlanState.FAILED, result.state());
      assertEquals(StepState.SKIPPED, result.snapshot().step("count").state());
      assertEquals(StepError.Kind.NOT_RUN, result.errors().get("count").kind());
      assertTrue(question.answer().isCancelled(), "the UI is told the question is gone");
      assertTrue(Files.notExists(dir.resolve("count")));
    }
  }

  @Test
  void pausingWithdrawsTheQuestionAndTheStepIsAskedAgainOnResume() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory).build()) {
      PlanRun run = olympus.executor().submit(counting("p"));
      Question question = nextQuestion();
      run.pause();

      PlanResult paused = run.await(WAIT).orElseThrow();
      assertEquals(PlanState.PAUSED, paused.state());
      assertEquals(StepState.PENDING, paused.snapshot().step("count").state());
      assertTrue(question.answer().isCancelled(), "the UI is told the question is gone");
      question.answer().complete(ConsentDecision.allowOnce()); // too late: nothing runs
      assertTrue(Files.notExists(dir.resolve("count")), "the step started after pause()");

      run.resume();
      nextQuestion().answer().complete(ConsentDecision.allowOnce());
      assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
      assertEquals(1, Files.readAllLines(dir.resolve("count")).size());
    }
  }

  @Test
  void thePersonMayEditTheArgumentsAndTheToolRunsWithTheEdit() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    Tool echo =
        Tool.builder("test.keep")
            .description("keeps its input")
            .scopes("test.write")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  received.add(input);
                  return JsonNodeFactory.instance.objectNode().put("kept", true);
                });
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(ToolRegistry.builder().add(echo).build())
                .consent(ui)
                .build()) {
      Plan plan =
          Plan.builder("edit")
              .id("p")
              .step("k", s -> s.uses("test.keep").with("text", "rm -rf /"))
              .build();
      PlanRun run = olympus.executor().submit(plan);
      Question question = nextQuestion();
      JsonNode edited = JsonNodeFactory.instance.objectNode().put("text", "ls");
      question.answer().complete(ConsentDecision.allowEdited(edited));

      assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
      assertEquals(List.of(edited), received);
      List<JsonNode> decisions =
          memory.events().byPlan("p").stream()
              .map(e -> (JsonNode) e.event().data())
              .filter(d -> d.has("decision"))
              .toList();
      assertEquals(question.request().inputDigest(), decisions.get(0).path("inputDigest").asText());
      assertEquals("GRANTED", decisions.get(1).path("decision").asText());
      assertEquals(ConsentRequest.digestOf(edited), decisions.get(1).path("inputDigest").asText());
    }
  }

  @Test
  void thePersonMayAnswerInTheToolsPlace() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus = olympus(memory).build()) {
      PlanRun run = olympus.executor().submit(counting("p"));
      JsonNode answer = JsonNodeFactory.instance.objectNode().put("counted", false);
      nextQuestion().answer().complete(ConsentDecision.answerInstead(answer));

      PlanResult done = run.await(WAIT).orElseThrow();
      assertEquals(PlanState.DONE, done.state(), done::toString);
      assertEquals(answer, done.snapshot().step("count").output().orElseThrow());
      assertTrue(Files.notExists(dir.resolve("count")), "the tool never ran");
    }
  }

  @Test
  void aRestartWhileTheQuestionIsOpenAsksAgain() throws Exception {
    Path db = dir.resolve("olympus.db");
    try (MemoryStore memory = SqliteMemoryStore.open(db);
        Olympus olympus = olympus(memory).build()) {
      olympus.executor().submit(counting("p"));
      nextQuestion(); // never answered: the host closes
    }
    try (MemoryStore memory = SqliteMemoryStore.open(db);
        Olympus olympus = olympus(memory).build()) {
      List<PlanRun> recovered = olympus.executor().recoverAll();
      assertEquals(1, recovered.size());
      Question again = nextQuestion();
      assertEquals("count", again.request().stepId());
      again.answer().complete(ConsentDecision.allowOnce());
      assertEquals(PlanState.DONE, recovered.get(0).await(WAIT).orElseThrow().state());
      assertEquals(1, Files.readAllLines(dir.resolve("count")).size());
    }
  }
}
