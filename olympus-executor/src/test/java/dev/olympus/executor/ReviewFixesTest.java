package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guarantees that a review asked for: no silent repeat of side effects, no consent bypass. */
class ReviewFixesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aSideEffectIsNotRetriedAfterAnErrorThatMayHaveFollowedIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Tool post =
        Tool.builder("test.post")
            .description("a side effect whose connection drops after sending")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .handler(
                (input, context) -> {
                  calls.incrementAndGet();
                  throw new ToolExecutionException("test.post", "connection reset", true, null);
                });
    try (Olympus olympus =
        Olympus.builder().tools(ToolRegistry.builder().add(post).build()).build()) {
      Plan plan =
          Plan.builder("post once")
              .step(
                  "post",
                  s -> s.uses("test.post").guard(g -> g.retries(5).backoff(Duration.ofMillis(1))))
              .build();
      PlanResult result = olympus.executor().submit(plan).await(WAIT).orElseThrow();
      assertEquals(PlanState.FAILED, result.state());
      assertEquals(1, calls.get(), "a retryable error after a side effect must not repeat it");
    }
  }

  @Test
  void onlyABlockedStepOfALivePlanCanBeApprovedOrRejected() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Olympus olympus =
        Olympus.builder()
            .tools(ToolRegistry.builder().add(TestTools.blocking("wait", started, release)).build())
            .build()) {
      PlanRun run =
          olympus.executor().submit(Plan.builder("p").step("w", s -> s.uses("wait")).build());
      assertTrue(started.await(30, TimeUnit.SECONDS));
      assertThrows(IllegalTransitionException.class, () -> run.approve("w"));
      assertThrows(IllegalTransitionException.class, () -> run.reject("w", "no"));
      release.countDown();
      assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
      assertThrows(IllegalStateException.class, () -> run.approve("w"));
      assertEquals(StepState.DONE, run.snapshot().step("w").state());
    }
  }

  @Test
  void aStepThatRequiresConsentAsksEveryTimeEvenAfterAllowAlways() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Tool write =
        Tool.builder("test.write")
            .description("needs consent")
            .scopes("test.write")
            .sideEffect(SideEffect.IDEMPOTENT)
            .handler((input, context) -> JsonNodeFactory.instance.objectNode());
    try (Olympus olympus =
        Olympus.builder()
            .tools(ToolRegistry.builder().add(write).build())
            .consent(
                request -> {
                  asked.incrementAndGet();
                  return ConsentDecision.allowAlways();
                })
            .build()) {
      Plan plan =
          Plan.builder("strict")
              .step("a", s -> s.uses("test.write").guard(g -> g.consentRequired(true)))
              .step("b", s -> s.uses("test.write").after("a").guard(g -> g.consentRequired(true)))
              .build();
      assertEquals(
          PlanState.DONE, olympus.executor().submit(plan).await(WAIT).orElseThrow().state());
      assertEquals(2, asked.get());
    }
  }

  @Test
  void rejectingAnOptionalStepDoesNotFailThePlan() throws Exception {
    try (Olympus olympus =
        Olympus.builder()
            .tools(ToolRegistry.builder().add(TestTools.counter(dir.resolve("count"))).build())
            .build()) {
      Plan plan =
          Plan.builder("optional")
              .step("count", s -> s.uses("test.count").guard(g -> g.optional(true)))
              .build();
      PlanRun run = olympus.executor().submit(plan);
      assertEquals(PlanState.PAUSED, run.await(WAIT).orElseThrow().state());
      run.reject("count", "not needed");
      assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
      assertFalse(Files.exists(dir.resolve("count")), "the rejected step never ran");
    }
  }

  @Test
  void aListenerMayWaitForAnotherThreadThatReadsTheRun() throws Exception {
    TestTools.Recorder recorder = new TestTools.Recorder();
    CountDownLatch release = new CountDownLatch(1);
    Tool gate = TestTools.blocking("gate", new CountDownLatch(1), release);
    try (Olympus olympus =
        Olympus.builder()
            .tools(
                ToolRegistry.builder()
                    .add(recorder.tool("noop", SideEffect.READ_ONLY))
                    .add(gate)
                    .build())
            .build()) {
      Plan plan =
          Plan.builder("listener")
              .step("a", s -> s.uses("gate"))
              .step("b", s -> s.uses("noop").after("a"))
              .build();
      PlanRun run = olympus.executor().submit(plan);
      AtomicInteger reads = new AtomicInteger();
      run.onEvent(
          event -> {
            Thread reader = new Thread(() -> reads.addAndGet(run.snapshot().steps().size()));
            reader.start();
            try {
              reader.join(); // deadlocked while listeners ran under the run's lock
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      release.countDown(); // the plan goes on once the listener is there to hear it
      assertEquals(PlanState.DONE, run.await(WAIT).orElseThrow().state());
      assertTrue(reads.get() > 0);
    }
  }

  @Test
  void cancellingAPlanIsNotHeldUpByAnUnansweredConsentPrompt() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    try (Olympus olympus =
        Olympus.builder()
            .tools(ToolRegistry.builder().add(TestTools.counter(dir.resolve("count"))).build())
            .consent(
                request -> {
                  asked.countDown();
                  try {
                    never.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return ConsentDecision.deny("too late");
                })
            .build()) {
      PlanRun run =
          olympus
              .executor()
              .submit(Plan.builder("ask").step("c", s -> s.uses("test.count")).build());
      assertTrue(asked.await(30, TimeUnit.SECONDS));
      run.cancel();
      PlanResult result = run.await(WAIT).orElseThrow();
      assertEquals(PlanState.CANCELLED, result.state());
      assertEquals(StepState.SKIPPED, result.snapshot().step("c").state());
      assertFalse(Files.exists(dir.resolve("count")), "the unapproved step never ran");
    }
  }
}
