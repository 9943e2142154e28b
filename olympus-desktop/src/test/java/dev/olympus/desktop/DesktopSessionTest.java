package dev.olympus.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeOpenAi;
import dev.olympus.testing.FakeReply;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's engine without a screen: a real SQLite store, consent answered later. */
class DesktopSessionTest {
  /** Where no server listens: a model there never answers. */
  private static final URI NOBODY = URI.create("http://127.0.0.1:9");

  private final LinkedBlockingQueue<Question> questions = new LinkedBlockingQueue<>();
  private final ConsentProvider consent =
      ConsentProvider.async(
          request -> {
            CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
            questions.add(new Question(request, answer));
            return answer;
          });

  private record Question(ConsentRequest request, CompletableFuture<ConsentDecision> answer) {}

  @Test
  void withoutAModelTheDraftSaysWhatAModelAddsAndTheRunWritesNotesOnceAllowed(@TempDir Path home)
      throws Exception {
    TaskBoard board = new TaskBoard();
    try (DesktopSession session =
        DesktopSession.open(OpenWindow.offline(home), home, consent, board)) {
      assertEquals(
          "1 document(s) ingested; skipped: logo.bin: not a PDF, HTML, Markdown or text file",
          session.ingest(docs(home)).text());
      Draft draft = session.draft("revenue grew");
      assertTrue(draft.note().startsWith("Offline mode is on."), draft.note());
      assertTrue(draft.note().contains(OfflinePlanner.WHAT_A_MODEL_ADDS));
      PlanRun run = session.start(draft.plan());
      Question asked = questions.poll(60, TimeUnit.SECONDS);
      assertEquals("fs.write", asked.request().toolId());
      asked.answer().complete(ConsentDecision.allowOnce());
      assertEquals(PlanState.DONE, await(run).state());
      assertTrue(
          Files.readString(home.resolve("sandbox/notes/revenue-grew.md")).contains("grew 12%"));
      board.refresh(run.planId());
      assertEquals(
          List.of(StepState.DONE, StepState.DONE),
          board.rows().stream().map(TaskBoard.Row::state).toList());
      assertEquals("no model (offline)  |  0 tokens used  |  cloud off", session.status().text());
    }
  }

  @Test
  void aDeniedStepWaitsOnTheBoardAcrossARestartUntilApproved(@TempDir Path home) throws Exception {
    String planId = pausedByADenial(home);
    TaskBoard board = new TaskBoard();
    try (DesktopSession reopened =
        DesktopSession.open(OpenWindow.offline(home), home, consent, board)) {
      assertEquals(1, reopened.resumePaused());
      TaskBoard.Row notes = board.rows().get(1);
      assertEquals(StepState.BLOCKED, notes.state());
      PlanRun run = board.run(planId).orElseThrow();
      run.approve(notes.step());
      assertEquals(PlanState.DONE, await(run).state());
    }
  }

  @Test
  void anAlwaysAnswerIsSavedAndNotAskedAgainAfterARestart(@TempDir Path home) throws Exception {
    try (DesktopSession session =
        DesktopSession.open(OpenWindow.offline(home), home, consent, new TaskBoard())) {
      session.ingest(docs(home));
      PlanRun run = session.start(session.draft("revenue grew").plan());
      questions.poll(60, TimeUnit.SECONDS).answer().complete(ConsentDecision.allowAlways());
      assertEquals(PlanState.DONE, await(run).state());
    }
    assertTrue(Files.readString(home.resolve("grants.json")).contains("fs.write"));
    try (DesktopSession reopened =
        DesktopSession.open(OpenWindow.offline(home), home, consent, new TaskBoard())) {
      PlanRun run = reopened.start(reopened.draft("revenue grew").plan());
      assertEquals(PlanState.DONE, await(run).state());
      assertEquals(0, questions.size(), "the standing grant answered");
    }
  }

  @Test
  void withAModelTheDraftIsThePlannersAndRuns(@TempDir Path home) throws Exception {
    String plan =
        """
        {"title": "cited notes", "steps": [
          {"name": "find", "uses": "memory.search", "with": {"query": "revenue", "k": 1}},
          {"name": "write", "uses": "fs.write", "after": ["find"],
           "with": {"path": "notes/model.md", "content": "${find.hits.0.snippet}"}}]}
        """;
    try (FakeOllama ollama = scripted(plan, "{\"issues\": []}");
        DesktopSession session =
            DesktopSession.open(withModel(home, ollama.uri()), home, consent, new TaskBoard())) {
      assertEquals("llama3.2", session.modelInUse());
      session.ingest(docs(home));
      Draft draft = session.draft("notes on revenue");
      assertEquals("cited notes", draft.plan().title());
      assertEquals(List.of("find", "write"), draft.plan().topologicalOrder());
      assertEquals("", draft.note());
      PlanRun run = session.start(draft.plan());
      questions.poll(60, TimeUnit.SECONDS).answer().complete(ConsentDecision.allowOnce());
      assertEquals(PlanState.DONE, await(run).state());
      assertEquals(
          "Revenue grew 12% on demand.", Files.readString(home.resolve("sandbox/notes/model.md")));
    }
  }

  @Test
  void theBoardFollowsAStartedRunOnItsOwn(@TempDir Path home) throws Exception {
    TaskBoard board = new TaskBoard();
    try (DesktopSession session =
        DesktopSession.open(OpenWindow.offline(home), home, consent, board)) {
      session.ingest(docs(home));
      CountDownLatch done = whenAllDone(board);
      PlanRun run = session.start(session.draft("revenue grew").plan());
      assertTrue(board.run(run.planId()).isPresent(), "the board can steer the started plan");
      questions.poll(60, TimeUnit.SECONDS).answer().complete(ConsentDecision.allowOnce());
      assertTrue(
          done.await(60, TimeUnit.SECONDS), "the board shows the plan DONE: " + board.rows());
    }
  }

  @Test
  void aResumedPlanIsHandedBackAndFollowedOnTheBoard(@TempDir Path home) throws Exception {
    String planId = pausedByADenial(home);
    TaskBoard board = new TaskBoard();
    try (DesktopSession reopened =
        DesktopSession.open(OpenWindow.offline(home), home, consent, board)) {
      CountDownLatch done = whenAllDone(board);
      PlanRun run = reopened.resume(planId);
      run.approve(board.rows().get(1).step());
      assertTrue(
          done.await(60, TimeUnit.SECONDS), "the board shows the plan DONE: " + board.rows());
    }
  }

  @Test
  void withAModelTheStatusCountsThePlansAndTheChatsTokens(@TempDir Path home) throws Exception {
    String plan =
        """
        {"title": "greeting", "steps": [
          {"name": "greet", "uses": "llm.generate", "with": {"prompt": "say hello"}}]}
        """;
    TaskBoard board = new TaskBoard();
    try (FakeOllama ollama = FakeOllama.start();
        DesktopSession session =
            DesktopSession.open(withModel(home, ollama.uri()), home, consent, board)) {
      ollama.enqueue(
          FakeReply.text(plan),
          FakeReply.text("{\"issues\": []}"),
          FakeReply.text("Hello.").withUsage(12, 3),
          FakeReply.text("Hi there.").withUsage(20, 5));
      assertEquals(Optional.empty(), session.noModelReason());
      CountDownLatch done = whenAllDone(board);
      session.start(session.draft("greet me").plan());
      assertTrue(done.await(60, TimeUnit.SECONDS), "the plan DONE: " + board.rows());
      assertEquals("Hi there.", session.chat("hi").text());
      assertEquals("model llama3.2  |  40 tokens used  |  cloud off", session.status().text());
    }
  }

  @Test
  void theCloudBudgetShowsOnlyWhenACloudModelMayAnswer(@TempDir Path home) throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        DesktopSession session =
            DesktopSession.open(withCloud(home, ollama.uri(), false), home, consent, board())) {
      assertEquals(
          "model llama3.2  |  0 tokens used  |  cloud today $0 of $1", session.status().text());
    }
    try (DesktopSession offline =
        DesktopSession.open(
            withCloud(home, URI.create("http://127.0.0.1:9"), true), home, consent, board())) {
      assertEquals(Optional.of("Offline mode is on."), offline.noModelReason());
      assertEquals("no model (offline)  |  0 tokens used  |  cloud off", offline.status().text());
    }
  }

  @Test
  void whenTheLocalModelDoesNotAnswerTheCloudDoesWithinItsBudget(@TempDir Path home)
      throws Exception {
    try (FakeOpenAi openAi = FakeOpenAi.start();
        DesktopSession session =
            DesktopSession.open(withCloud(home, NOBODY, openAi.uri()), home, consent, board())) {
      String cloud = "gpt-4o-mini (cloud; llama3.2 does not answer)";
      assertEquals(cloud, session.modelInUse());
      assertEquals(Optional.empty(), session.noModelReason());
      assertEquals(
          "model " + cloud + "  |  0 tokens used  |  cloud today $0 of $1",
          session.status().text());
      openAi.enqueue(FakeReply.text("Hello from the cloud").withUsage(20, 30));
      assertEquals("Hello from the cloud", session.chat("hi").text());
      // 20 prompt tokens at $0.15 and 30 completion tokens at $0.60 per million: $0.000021.
      assertEquals(
          "model " + cloud + "  |  50 tokens used  |  cloud today $0.000021 of $1",
          session.status().text());
    }
  }

  @Test
  void aStoreWhoseGrantsCannotBeSavedIsStillClosed(@TempDir Path home) throws Exception {
    DesktopSession session = DesktopSession.open(OpenWindow.offline(home), home, consent, board());
    Files.createDirectories(home.resolve("grants.json")); // the grants file cannot be written
    assertThrows(IOException.class, session::close);
    assertThrows(IllegalStateException.class, () -> session.memory().counters().get("x"));
  }

  @Test
  void withoutTheCloudAModelThatDoesNotAnswerIsNotUsedAndTheDraftSaysWhy(@TempDir Path home)
      throws Exception {
    try (DesktopSession session =
        DesktopSession.open(withModel(home, NOBODY), home, consent, board())) {
      String why = session.noModelReason().orElseThrow();
      assertTrue(why.startsWith("No model answers at " + NOBODY + " (ollama"), why);
      assertTrue(why.endsWith(")."), why);
      assertEquals("", session.modelInUse());
      assertEquals("no model (offline)  |  0 tokens used  |  cloud off", session.status().text());
      Draft draft = session.draft("revenue grew");
      assertEquals(why + " " + OfflinePlanner.WHAT_A_MODEL_ADDS, draft.note());
      assertEquals(List.of("search", "notes"), draft.plan().topologicalOrder());
    }
  }

  @Test
  void closingReleasesTheStore(@TempDir Path home) throws Exception {
    DesktopSession session = DesktopSession.open(OpenWindow.offline(home), home, consent, board());
    session.close();
    assertThrows(IllegalStateException.class, () -> session.memory().counters().get("x"));
  }

  /** Runs the offline plan in a session of its own, denies its write, and returns its id. */
  private String pausedByADenial(Path home) throws Exception {
    try (DesktopSession session =
        DesktopSession.open(OpenWindow.offline(home), home, consent, new TaskBoard())) {
      session.ingest(docs(home));
      PlanRun run = session.start(session.draft("revenue grew").plan());
      questions.poll(60, TimeUnit.SECONDS).answer().complete(ConsentDecision.deny("not now"));
      assertEquals(PlanState.PAUSED, await(run).state());
      return run.planId();
    }
  }

  private static TaskBoard board() {
    return new TaskBoard();
  }

  /** Counts down once {@code board} shows every step of every plan DONE, in a DONE plan. */
  private static CountDownLatch whenAllDone(TaskBoard board) {
    CountDownLatch done = new CountDownLatch(1);
    board.onChange(
        () -> {
          List<TaskBoard.Row> rows = board.rows();
          if (!rows.isEmpty()
              && rows.stream()
                  .allMatch(r -> r.state() == StepState.DONE && "DONE".equals(r.planState()))) {
            done.countDown();
          }
        });
    return done;
  }

  private static Settings withCloud(Path home, URI ollama, boolean offline) {
    return new Settings(
        "llama3.2", ollama, true, NOBODY, BigDecimal.ONE, offline, home.resolve("sandbox"));
  }

  private static Settings withCloud(Path home, URI ollama, URI cloud) {
    return new Settings(
        "llama3.2", ollama, true, cloud, BigDecimal.ONE, false, home.resolve("sandbox"));
  }

  private static Settings withModel(Path home, URI ollama) {
    return new Settings(
        "llama3.2", ollama, false, ollama, BigDecimal.ONE, false, home.resolve("sandbox"));
  }

  private static PlanResult await(PlanRun run) throws InterruptedException {
    return run.await(Duration.ofSeconds(60)).orElseThrow(() -> new AssertionError("hung"));
  }

  private static Path docs(Path home) throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("q3.md"), "Revenue grew 12% on demand.");
    Files.writeString(docs.resolve("logo.bin"), "x");
    return docs;
  }

  /** A fake Ollama answering chats with {@code texts}, in order. */
  private static FakeOllama scripted(String... texts) {
    FakeOllama ollama = FakeOllama.start();
    ollama.enqueueTexts(texts);
    return ollama;
  }
}
