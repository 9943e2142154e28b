package dev.olympus.executor;

import static dev.olympus.executor.ChatModelServer.text;
import static dev.olympus.executor.ChatModelServer.tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.olympus.executor.ChatModelServer.Wire;
import dev.olympus.executor.ChatToolCall.Outcome;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A duration too long to ever run out ({@code ChronoUnit.FOREVER}, a host's way of saying "no
 * limit") is accepted wherever a positive one is, and means no limit: nothing overflows.
 */
class LongDurationsTest {
  private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final TestTools.Recorder recorder = new TestTools.Recorder();

  private PlanResult run(UnaryOperator<Olympus.Builder> options, Plan plan) throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            options
                .apply(
                    Olympus.builder()
                        .memory(memory)
                        .consent(request -> ConsentDecision.allowOnce())
                        .tools(
                            ToolRegistry.builder()
                                .add(recorder.tool("noop", SideEffect.READ_ONLY))
                                .add(TestTools.counter(dir.resolve("count")))
                                .build()))
                .build()) {
      return olympus.executor().submit(plan).await(WAIT).orElseThrow();
    }
  }

  // The side effect needs consent, so a question is asked (under the consent timeout).
  private static Plan.Builder twoSteps() {
    return Plan.builder("long").step("a", s -> s.uses("noop")).step("b", s -> s.uses("test.count"));
  }

  @Test
  void aPlanDeadlineOfForeverIsNoDeadline() throws Exception {
    PlanResult result = run(o -> o, twoSteps().deadline(FOREVER).build());
    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
  }

  @Test
  void aStepDeadlineOfForeverIsNoDeadline() throws Exception {
    Plan plan =
        Plan.builder("long")
            .step("a", s -> s.uses("noop").guard(g -> g.deadline(FOREVER)))
            .step("b", s -> s.uses("test.count").guard(g -> g.deadline(FOREVER)))
            .build();
    PlanResult result = run(o -> o, plan);
    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
  }

  @Test
  void olympusLimitsOfForeverAreNoLimits() throws Exception {
    PlanResult result =
        run(
            o -> o.maxStepTime(FOREVER).consentTimeout(FOREVER).leaseDuration(FOREVER),
            twoSteps().build());
    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
  }

  @Test
  void awaitingForeverWaitsForTheResult() throws Exception {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .tools(
                    ToolRegistry.builder().add(recorder.tool("noop", SideEffect.READ_ONLY)).build())
                .build()) {
      PlanRun run =
          olympus.executor().submit(Plan.builder("one").step("a", s -> s.uses("noop")).build());
      assertEquals(PlanState.DONE, run.await(FOREVER).orElseThrow().state());
    }
  }

  @Test
  void aChatToolCallUnderAMaxStepTimeOfForeverRuns() {
    try (ChatModelServer model =
            new ChatModelServer(
                Wire.OLLAMA, tools("files_read", "{\"path\":\"a\"}"), text("all read"));
        ChatFixture fixture = new ChatFixture(dir, model.router(), o -> o.maxStepTime(FOREVER));
        ChatSession chat = fixture.olympus.chat("s", ChatOptions.defaults())) {
      Reply reply = chat.send("read a");
      assertEquals("all read", reply.text());
      assertInstanceOf(
          Outcome.Succeeded.class, reply.toolCalls().get(0).outcome(), reply::toString);
    }
  }
}
