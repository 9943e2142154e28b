package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's life in this process: when the executor forgets it, how host executors and listeners may
 * call in, deadlines without any step finishing, and a store that refuses a write.
 */
class RunLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final TestTools.Recorder recorder = new TestTools.Recorder();
  private final CountDownLatch release = new CountDownLatch(1);
  private HookedStore memory;
  private Olympus olympus;

  private Olympus start(ConsentProvider consent, java.util.concurrent.Executor executor) {
    memory = new HookedStore(SqliteMemoryStore.open(dir.resolve("olympus.db")), state -> {});
    Olympus.Builder builder =
        Olympus.builder()
            .memory(memory)
            .consent(consent)
            .tools(
                ToolRegistry.builder()
                    .add(recorder.tool("noop", SideEffect.READ_ONLY))
                    .add(TestTools.counter(dir.resolve("count.txt")))
                    .add(TestTools.blocking("gate", new CountDownLatch(1), release))
                    .build());
    if (executor != null) {
      builder.executor(executor);
    }
    olympus = builder.build();
    return olympus;
  }

  @AfterEach
  void close() {
    if (olympus != null) {
      olympus.close();
    }
    if (memory != null) {
      memory.close();
    }
  }

  @Test
  void resumeWhileThePlansEndIsBeingWrittenReturnsTheSameRun() throws Exception {
    start(request -> ConsentDecision.allowOnce(), null);
    CountDownLatch writingEnd = new CountDownLatch(1);
    CountDownLatch letItFinish = new CountDownLatch(1);
    memory.hook(
        state -> {
          if (state == PlanState.DONE) {
            writingEnd.countDown();
            await(letItFinish, 60);
          }
        });
    Plan plan = Plan.builder("once").step("c", s -> s.uses("test.count")).build();

    PlanRun run = olympus.executor().submit(plan);
    assertTrue(writingEnd.await(30, TimeUnit.SECONDS));
    PlanRun again = olympus.executor().resume(plan.id());
    letItFinish.countDown();

    assertSame(run, again, "a second run would find c RUNNING and ask to repeat its effect");
    assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
    assertEquals(1, Files.readAllLines(dir.resolve("count.txt")).size());
  }

  @Test
  void aHostExecutorThatRunsStepsOnTheCallingThreadRunsALongChain() throws Exception {
    start(request -> ConsentDecision.allowOnce(), Runnable::run);
    Plan.Builder builder = Plan.builder("inline");
    builder.step("s0", s -> s.uses("noop"));
    for (int i = 1; i < 2_000; i++) {
      String previous = "s" + (i - 1);
      builder.step("s" + i, s -> s.uses("noop").after(previous));
    }

    PlanResult result = olympus.executor().submit(builder.build()).await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state(), () -> result.errors().toString());
    assertEquals(2_000, recorder.calls.size());
  }

  @Test
  void aListenerThatApprovesDoesNotReorderWhatOtherListenersHear() throws Exception {
    start(request -> ConsentDecision.deny("ask me later"), null);
    Plan plan =
        Plan.builder("approve from a listener")
            .step("a", s -> s.uses("gate"))
            .step("b", s -> s.uses("test.count").after("a"))
            .build();
    AtomicReference<PlanRun> handle = new AtomicReference<>();
    AtomicBoolean approving = new AtomicBoolean();
    CountDownLatch approved = new CountDownLatch(1);
    List<PlanEvent> heard = new CopyOnWriteArrayList<>();

    PlanRun run = olympus.executor().submit(plan);
    handle.set(run);
    run.onEvent(
        event -> {
          if (event instanceof RunEvent.PlanChanged changed
              && changed.to() == PlanState.PAUSED
              && approving.compareAndSet(false, true)) {
            handle.get().approve("b");
            approved.countDown();
          }
        });
    run.onEvent(e -> heard.add(e.stored()));
    release.countDown();

    assertTrue(approved.await(30, TimeUnit.SECONDS));
    assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
    List<PlanEvent> logged =
        memory.events().byPlan(plan.id()).stream().map(StoredEvent::event).toList();
    List<Integer> positions = new ArrayList<>();
    heard.forEach(event -> positions.add(logged.indexOf(event)));
    List<Integer> sorted = new ArrayList<>(positions);
    sorted.sort(Integer::compare);
    assertEquals(sorted, positions, "every listener hears the events in log order");
  }

  @Test
  void theDeadlineFiresWhileAConsentPromptGoesUnanswered() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    start(
        request -> {
          await(never, 60);
          return ConsentDecision.allowOnce();
        },
        null);
    Plan plan =
        Plan.builder("deadline")
            .deadline(Duration.ofMillis(300))
            .step("c", s -> s.uses("test.count"))
            .build();

    PlanResult result = olympus.executor().submit(plan).await(WAIT).orElseThrow();

    assertEquals(PlanState.FAILED, result.state());
    assertEquals(StepState.SKIPPED, result.snapshot().step("c").state());
    long deadlines =
        memory.events().byPlan(plan.id()).stream()
            .filter(e -> e.event().kind().equals("plan.deadline"))
            .count();
    assertEquals(1, deadlines);
    never.countDown();
  }

  @Test
  void afterAStoreFailureThePlanCanBeResumedInTheSameProcess() throws Exception {
    start(request -> ConsentDecision.deny("not now"), null);
    AtomicBoolean failOnce = new AtomicBoolean(true);
    memory.hook(
        state -> {
          if (state == PlanState.PAUSED && failOnce.getAndSet(false)) {
            throw new IllegalStateException("disk full");
          }
        });
    Plan plan = Plan.builder("refused").step("c", s -> s.uses("test.count")).build();

    PlanRun broken = olympus.executor().submit(plan);
    assertThrows(IllegalStateException.class, () -> broken.await(WAIT));
    assertTrue(olympus.executor().find(plan.id()).isEmpty(), "a stopped run is let go");

    PlanRun resumed = olympus.executor().resume(plan.id());
    assertNotSame(broken, resumed);
    assertEquals(PlanState.PAUSED, resumed.await(WAIT).orElseThrow().state());
    resumed.approve("c");
    assertEquals(PlanState.DONE, resumed.await(WAIT).orElseThrow().state());
  }

  @Test
  void cancelThrowsWhenTheCancellationCannotBeWritten() throws Exception {
    start(request -> ConsentDecision.deny("not now"), null);
    Plan plan = Plan.builder("cancel").step("c", s -> s.uses("test.count")).build();
    PlanRun run = olympus.executor().submit(plan);
    assertEquals(PlanState.PAUSED, run.await(WAIT).orElseThrow().state());
    memory.hook(
        state -> {
          if (state == PlanState.CANCELLED) {
            throw new IllegalStateException("disk full");
          }
        });

    assertThrows(IllegalStateException.class, run::cancel);
    assertEquals(
        PlanState.PAUSED, memory.checkpoints().load(plan.id()).orElseThrow().state(), "on disk");
  }

  @Test
  void aListenerHearsASideEffectStartWhileItsToolRuns() throws Exception {
    CountDownLatch heardStart = new CountDownLatch(1);
    AtomicBoolean heardInTime = new AtomicBoolean();
    memory = new HookedStore(SqliteMemoryStore.open(dir.resolve("olympus.db")), state -> {});
    olympus =
        Olympus.builder()
            .memory(memory)
            .tools(
                ToolRegistry.builder()
                    .add(
                        dev.olympus.tools.Tool.builder("test.slow")
                            .description("a side effect that takes a while")
                            .sideEffect(SideEffect.SIDE_EFFECT)
                            .handler(
                                (input, context) -> {
                                  heardInTime.set(await(heardStart, 5));
                                  return com.fasterxml.jackson.databind.node.JsonNodeFactory
                                      .instance
                                      .objectNode();
                                }))
                    .build())
            .build();
    Plan plan = Plan.builder("slow").step("c", s -> s.uses("test.slow")).build();

    PlanRun run =
        olympus
            .executor()
            .submit(
                plan,
                event -> {
                  if (event instanceof RunEvent.StepChanged changed
                      && changed.to() == StepState.RUNNING) {
                    heardStart.countDown();
                  }
                });

    assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
    assertTrue(heardInTime.get(), "the RUNNING event reached the listener while the tool ran");
  }

  @Test
  void aListenerMayWaitForAThreadThatSubmitsAnotherPlan() throws Exception {
    start(request -> ConsentDecision.allowOnce(), null);
    AtomicBoolean otherSubmitted = new AtomicBoolean();
    AtomicBoolean once = new AtomicBoolean();
    Plan other = Plan.builder("other").step("n", s -> s.uses("noop")).build();
    Plan first = Plan.builder("first").step("n", s -> s.uses("noop")).build();

    PlanRun run =
        olympus
            .executor()
            .submit(
                first,
                event -> {
                  if (once.compareAndSet(false, true)) {
                    Thread submitter =
                        new Thread(
                            () -> {
                              olympus.executor().submit(other);
                              otherSubmitted.set(true);
                            });
                    submitter.start();
                    try {
                      submitter.join(5_000); // deadlocked while listeners ran under its lock
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                });

    assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
    assertTrue(otherSubmitted.get());
  }

  @Test
  void chatSessionsAndPlansNeverShareAnId() throws Exception {
    start(request -> ConsentDecision.allowOnce(), null);
    Plan plan = Plan.builder("first").id("shared").step("n", s -> s.uses("noop")).build();
    assertEquals(PlanState.DONE, olympus.executor().submit(plan).await(WAIT).orElseThrow().state());

    var chat = assertThrows(IllegalArgumentException.class, () -> olympus.chat("shared"));
    assertTrue(chat.getMessage().contains("already a plan's id"), chat::getMessage);

    olympus.chat("talk").close();
    memory.events().append(PlanEvent.of("talk", "chat.user", java.time.Instant.now()));
    Plan clash = Plan.builder("second").id("talk").step("n", s -> s.uses("noop")).build();
    var submit = assertThrows(IllegalStateException.class, () -> olympus.executor().submit(clash));
    assertTrue(submit.getMessage().contains("already in the event log"), submit::getMessage);
  }

  /** Waits up to {@code seconds} inside a tool or provider, where a checked exception cannot go. */
  private static boolean await(CountDownLatch latch, int seconds) {
    try {
      return latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
