package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.PlanRun;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker stopped mid-plan (its factory shut down, its heartbeats ended) while a read-only step
 * runs on it: another worker on the same task queue, with its own tool instances, finishes the
 * plan, and no side effect that completed before the stop runs again. The stopped worker's call,
 * released after the plan ended, changes nothing.
 *
 * <p>Each worker is configured as {@link #STOPPABLE}: Temporal's test service neither expires a
 * stopped worker's sticky queue nor implements the graceful ShutdownWorker call, so a workflow task
 * sent to that queue would wait there forever; a real cluster moves it to the shared queue after
 * the sticky schedule-to-start timeout (5 s by default).
 */
class WorkerRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String QUEUE = TemporalPlanExecutor.DEFAULT_TASK_QUEUE;

  // No sticky queue: every workflow task goes to the shared queue and replays there.
  private static final WorkerOptions STOPPABLE =
      WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();

  @TempDir Path dir;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger readCalls = new AtomicInteger();
  private final AtomicInteger heldCalls = new AtomicInteger();
  private final List<Node> nodes = new ArrayList<>();
  private MemoryStore memory;
  private TestWorkflowEnvironment env;
  private TemporalPlanExecutor executor;

  /** One worker process: its factory, its Olympus parts, its own tools and what they did. */
  private final class Node {
    final Fixture fixture = new Fixture();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicBoolean stopped = new AtomicBoolean();
    final WorkerFactory factory = WorkerFactory.newInstance(env.getWorkflowClient());
    final OlympusWorker olympus;

    Node() {
      this(null);
    }

    // With {@code held}, the node also has test.held: a call of it waits, interruptibly, until
    // the test releases it or the worker's stop interrupts it.
    Node(SideEffect held) {
      List<Tool> tools = new ArrayList<>(List.of(slowRead(reads, stopped)));
      if (held != null) {
        tools.add(held(held, fixture));
      }
      olympus =
          OlympusWorker.builder(memory)
              .tools(fixture.tools(tools.toArray(Tool[]::new)))
              .consent(request -> ConsentDecision.allowOnce())
              .build();
      olympus.register(factory.newWorker(QUEUE, STOPPABLE));
      factory.start();
      nodes.add(this);
    }

    // What a process that stops does: no more polls, no more heartbeats.
    void stop() {
      stopped.set(true);
      factory.shutdownNow();
      olympus.close();
    }
  }

  @BeforeEach
  void start() {
    memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    executor =
        TemporalPlanExecutor.builder(env.getWorkflowClient(), memory)
            .heartbeatTimeout(Duration.ofSeconds(1))
            .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    executor.close();
    for (Node node : nodes) {
      node.stop();
      node.factory.awaitTermination(30, TimeUnit.SECONDS);
    }
    env.close();
    memory.close();
  }

  // The first call of all workers' reads never returns until released, whatever interrupts it. A
  // task that reaches a stopped worker anyway (its last poll may still be answered while it shuts
  // down) hangs like one sent to a dead process, so only the heartbeat timeout moves it on.
  private Tool slowRead(AtomicInteger mine, AtomicBoolean stopped) {
    return Tool.builder("test.read")
        .description("reads slowly the first time")
        .sideEffect(SideEffect.READ_ONLY)
        .handler(
            (input, context) -> {
              if (stopped.get()) {
                Fixture.awaitUninterruptibly(release);
                return JsonNodeFactory.instance.objectNode().put("read", "too late");
              }
              mine.incrementAndGet();
              if (readCalls.incrementAndGet() == 1) {
                Fixture.awaitUninterruptibly(release);
              }
              return JsonNodeFactory.instance.objectNode().put("read", true);
            });
  }

  private Tool held(SideEffect effect, Fixture mine) {
    return Tool.builder("test.held")
        .description("waits until released; a worker's stop interrupts it")
        .sideEffect(effect)
        .handler(
            (input, context) -> {
              heldCalls.incrementAndGet();
              mine.appended.add("held");
              if (heldCalls.get() == 1) {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new ToolCancelledException("test.held");
                }
              }
              return JsonNodeFactory.instance.objectNode().put("held", true);
            });
  }

  // A side effect, then step {@code middle} calling tool {@code test.<middle>}, then another.
  private static Plan plan(String middle) {
    return Plan.builder("restart")
        .step("one", s -> s.uses("test.append").with("line", "one"))
        .step(middle, s -> s.uses("test." + middle).after("one"))
        .step("three", s -> s.uses("test.append").after(middle).with("line", "three"))
        .build();
  }

  private static void awaitTheFirstCall(AtomicInteger calls) throws InterruptedException {
    while (calls.get() < 1) {
      Thread.sleep(10);
    }
  }

  private Node theOneReading() {
    return nodes.stream().filter(n -> n.reads.get() == 1).findFirst().orElseThrow();
  }

  private List<String> appendedByAll() {
    return nodes.stream().flatMap(n -> n.fixture.appended.stream()).toList();
  }

  @Test
  void aWorkerStartedAfterTheFirstStoppedFinishesThePlanWithoutRepeatingTheSideEffect()
      throws Exception {
    Node first = new Node();
    PlanRun run = executor.submit(plan("read"));
    awaitTheFirstCall(readCalls);
    first.stop();
    Node second = new Node();

    PlanResult result = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("one"), first.fixture.appended, "the done side effect, once");
    assertEquals(List.of("three"), second.fixture.appended, "the rest, on the new worker");
    assertEquals(1, second.reads.get(), "the read-only step ran again on the new worker");
    assertTrue(
        memory.events().byPlan(result.snapshot().planId()).stream()
            .anyMatch(e -> e.event().kind().equals("step.interrupted")));
    theStoppedWorkersLateAnswerChangesNothing(first, run, result);
  }

  @Test
  void aSecondWorkerAlreadyPollingTakesOverWhenTheFirstStops() throws Exception {
    new Node();
    new Node();
    PlanRun run = executor.submit(plan("read"));
    awaitTheFirstCall(readCalls);
    Node stopped = theOneReading();
    stopped.stop();

    PlanResult result = run.await(WAIT).orElseThrow();

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(List.of("one", "three"), appendedByAll().stream().sorted().toList());
    assertEquals(2, readCalls.get(), "the read-only step once more, on the other worker");
    assertEquals(
        1,
        nodes.stream().filter(n -> n != stopped).mapToInt(n -> n.reads.get()).sum(),
        "taken over");
    theStoppedWorkersLateAnswerChangesNothing(stopped, run, result);
  }

  // The stop interrupts the call (the tool ends it as cancelled): the workflow must not take that
  // for a cancelled step, which would end the plan DONE with the rest skipped.
  @Test
  void aSafeCallInterruptedByItsWorkersStopRunsAgainOnAnother() throws Exception {
    PlanResult result = stopTheWorkerHoldingTheCall(SideEffect.READ_ONLY);

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(2, heldCalls.get(), "run again after the stop");
    assertEquals(
        List.of("held", "held", "one", "three"), appendedByAll().stream().sorted().toList());
  }

  @Test
  void aSideEffectInterruptedByItsWorkersStopWaitsForTheHost() throws Exception {
    PlanResult result = stopTheWorkerHoldingTheCall(SideEffect.SIDE_EFFECT);

    assertEquals(PlanState.PAUSED, result.state(), result.errors()::toString);
    assertEquals(StepState.BLOCKED, result.snapshot().step("held").state());
    assertEquals(StepError.Kind.INTERRUPTED, result.errors().get("held").kind());
    assertEquals(StepState.PENDING, result.snapshot().step("three").state());
    assertEquals(1, heldCalls.get(), "its outcome is unknown: not run again by itself");
  }

  // Two workers whose test.held has {@code effect}; the one that takes the held call stops.
  private PlanResult stopTheWorkerHoldingTheCall(SideEffect effect) throws InterruptedException {
    new Node(effect);
    new Node(effect);
    PlanRun run = executor.submit(plan("held"));
    awaitTheFirstCall(heldCalls);
    nodes.stream()
        .filter(n -> n.fixture.appended.contains("held"))
        .findFirst()
        .orElseThrow()
        .stop();
    return run.await(WAIT).orElseThrow();
  }

  private void theStoppedWorkersLateAnswerChangesNothing(
      Node stopped, PlanRun run, PlanResult result) throws InterruptedException {
    List<String> appended = appendedByAll();
    release.countDown();
    stopped.factory.awaitTermination(60, TimeUnit.SECONDS);
    assertTrue(stopped.factory.isTerminated(), "its last call returned");
    assertEquals(appended, appendedByAll());
    assertEquals(result.snapshot(), run.await(WAIT).orElseThrow().snapshot());
  }
}
