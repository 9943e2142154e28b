package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider that answers later: nothing blocks while the question is open, and it can end. */
class AsyncConsentTest {
  @TempDir Path root;

  private final List<ConsentEvent> events = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<ConsentDecision>> questions = new CopyOnWriteArrayList<>();

  private ConsentGate gate(ConsentGate.Builder builder) {
    return builder
        .provider(
            ConsentProvider.async(
                request -> {
                  CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
                  questions.add(answer);
                  return answer;
                }))
        .listener(events::add)
        .build();
  }

  private Tool write() {
    return ToolRegistry.builder().add(FileTools.sandboxedAt(root)).build().get("fs.write");
  }

  private static ToolCall call() {
    return ToolCall.of("fs.write", json("{'path':'notes.md','content':'hello'}"));
  }

  private static ToolContext context() {
    return new ToolContext(
        "plan-1", "step-1", "plan-1/step-1", Instant.now().plusSeconds(300), new Cancellation());
  }

  @Test
  void theQuestionIsHandedOverAndTheAnswerGivenLaterFromAnotherThread() throws Exception {
    CompletableFuture<ConsentEvent> decided =
        gate(ConsentGate.builder()).authorizeAsync(write(), call(), context());
    assertFalse(decided.isDone(), "nobody has answered yet");
    assertEquals(1, questions.size());

    Thread ui = new Thread(() -> questions.get(0).complete(ConsentDecision.allowOnce()));
    ui.start();
    ConsentEvent granted = decided.get(30, TimeUnit.SECONDS);
    assertEquals(ConsentEvent.Kind.GRANTED, granted.kind());
    assertEquals(ConsentRequest.digestOf(call().input()), granted.inputDigest());
  }

  @Test
  void anUnansweredQuestionIsDeniedAfterTheTimeoutAndTheQuestionIsWithdrawn() {
    ConsentGate gate = gate(ConsentGate.builder().timeout(Duration.ofMillis(50)));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> gate.authorizeAsync(write(), call(), context()).get(30, TimeUnit.SECONDS));
    ToolConsentDeniedException denied =
        assertInstanceOf(ToolConsentDeniedException.class, e.getCause());
    assertTrue(denied.getMessage().contains("no answer within PT0.05S"), denied::getMessage);
    assertTrue(questions.get(0).isCancelled(), "the UI hears the question is gone");
    assertEquals(ConsentEvent.Kind.DENIED, events.get(events.size() - 1).kind());
  }

  @Test
  void cancellingTheStepEndsTheWaitAndWithdrawsTheQuestion() {
    ToolContext context = context();
    CompletableFuture<ConsentEvent> decided =
        gate(ConsentGate.builder()).authorizeAsync(write(), call(), context);
    context.cancellation().cancel();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> decided.get(30, TimeUnit.SECONDS));
    assertInstanceOf(ToolCancelledException.class, e.getCause());
    assertTrue(questions.get(0).isCancelled());
    questions.get(0).complete(ConsentDecision.allowOnce()); // too late: ignored
    assertTrue(events.stream().noneMatch(event -> event.kind() == ConsentEvent.Kind.GRANTED));
  }

  @Test
  void aStageCompletedWithNullOrAFailureDenies() throws Exception {
    ConsentGate gate = gate(ConsentGate.builder());
    CompletableFuture<ConsentEvent> nothing = gate.authorizeAsync(write(), call(), context());
    questions.get(0).complete(null);
    CompletableFuture<ConsentEvent> failing = gate.authorizeAsync(write(), call(), context());
    questions.get(1).completeExceptionally(new IllegalStateException("dialog crashed"));
    for (CompletableFuture<ConsentEvent> decided : List.of(nothing, failing)) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> decided.get(30, TimeUnit.SECONDS));
      assertInstanceOf(ToolConsentDeniedException.class, e.getCause());
    }
  }

  @Test
  void editedArgumentsAreCheckedAgainAndTheGrantNamesWhatRuns() throws Exception {
    ConsentGate gate = gate(ConsentGate.builder());
    CompletableFuture<ConsentEvent> decided = gate.authorizeAsync(write(), call(), context());
    questions
        .get(0)
        .complete(ConsentDecision.allowEdited(json("{'path':'draft.md','content':'hello'}")));
    ConsentEvent granted = decided.get(30, TimeUnit.SECONDS);
    assertEquals(ConsentEvent.Kind.GRANTED, granted.kind());
    assertEquals("draft.md", granted.request().input().path("path").asText());
    assertTrue(granted.detail().contains(ConsentRequest.digestOf(call().input())), granted::detail);
    ToolRegistry registry = ToolRegistry.builder().add(FileTools.sandboxedAt(root)).build();
    ToolCall edited = ToolCall.of("fs.write", granted.request().input());
    registry.invoke(edited, context(), granted);
    assertTrue(java.nio.file.Files.exists(root.resolve("draft.md")));
    assertThrows(
        ToolConsentDeniedException.class, () -> registry.invoke(call(), context(), granted));
  }

  @Test
  void anEditThatWouldBeRefusedDenies() {
    ConsentGate gate = gate(ConsentGate.builder());
    CompletableFuture<ConsentEvent> decided = gate.authorizeAsync(write(), call(), context());
    questions
        .get(0)
        .complete(ConsentDecision.allowEdited(json("{'path':'../../etc/passwd','content':'x'}")));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> decided.get(30, TimeUnit.SECONDS));
    assertInstanceOf(ToolConsentDeniedException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("edited input was refused"), e::toString);
  }

  @Test
  void anAnswerInTheToolsPlaceIsAnEventThatRunsNothing() throws Exception {
    ConsentGate gate = gate(ConsentGate.builder());
    CompletableFuture<ConsentEvent> decided = gate.authorizeAsync(write(), call(), context());
    questions.get(0).complete(ConsentDecision.answerInstead(json("{'written':false}")));
    ConsentEvent answered = decided.get(30, TimeUnit.SECONDS);
    assertEquals(ConsentEvent.Kind.ANSWERED, answered.kind());
    assertEquals(json("{'written':false}"), answered.answer().orElseThrow());
    ToolRegistry registry = ToolRegistry.builder().add(FileTools.sandboxedAt(root)).build();
    assertThrows(
        ToolConsentDeniedException.class, () -> registry.invoke(call(), context(), answered));
    assertFalse(java.nio.file.Files.exists(root.resolve("notes.md")));
  }

  @Test
  void aRefusedInputIsNeverAskedAbout() {
    ToolCall outside = ToolCall.of("fs.write", json("{'path':'../x','content':'hello'}"));
    assertThrows(
        ToolException.class,
        () -> gate(ConsentGate.builder()).authorizeAsync(write(), outside, context()));
    assertEquals(List.of(), questions);
  }

  @Test
  void aBlockingCallerOfAnAsyncProviderWaitsForTheAnswer() throws Exception {
    CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
    ConsentProvider provider = ConsentProvider.async(request -> answer);
    CompletableFuture<ConsentDecision> decided =
        CompletableFuture.supplyAsync(
            () ->
                provider.decide(
                    TestSupport.request("t", "fs.write", SideEffect.IDEMPOTENT, "x", List.of())));
    answer.complete(ConsentDecision.allowForPlan());
    assertEquals(ConsentDecision.allowForPlan(), decided.get(30, TimeUnit.SECONDS));
  }

  @Test
  void anInterruptedBlockingCallerWithdrawsTheQuestionAndIsDenied() throws Exception {
    CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
    ConsentProvider provider = ConsentProvider.async(request -> answer);
    Thread.currentThread().interrupt();
    ConsentDecision decision =
        provider.decide(
            TestSupport.request("t", "fs.write", SideEffect.IDEMPOTENT, "x", List.of()));
    assertTrue(Thread.interrupted(), "the interrupt is kept");
    assertInstanceOf(ConsentDecision.Deny.class, decision);
    assertTrue(answer.isCancelled(), "the UI hears the question is gone");
  }

  @Test
  void aBlockingProviderIsAskedOnAThreadOfItsOwn() throws Exception {
    CompletableFuture<Thread> asker = new CompletableFuture<>();
    ConsentProvider blocking =
        request -> {
          asker.complete(Thread.currentThread());
          return ConsentDecision.allowOnce();
        };
    ConsentDecision decision =
        blocking
            .ask(TestSupport.request("t", "fs.write", SideEffect.IDEMPOTENT, "x", List.of()))
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    assertEquals(ConsentDecision.allowOnce(), decision);
    assertNotEquals(Thread.currentThread(), asker.get(30, TimeUnit.SECONDS));
  }
}
