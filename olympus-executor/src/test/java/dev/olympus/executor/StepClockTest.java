package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host registry built on its own (default) clock under an Olympus on another clock: step
 * deadlines are set and checked on Olympus's clock alone.
 */
class StepClockTest {
  private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

  @TempDir Path dir;

  // The host registry keeps its default clock, the system's.
  private PlanResult run(Clock clock, Tool tool, Plan plan) throws InterruptedException {
    try (MemoryStore memory = SqliteMemoryStore.open(dir.resolve("olympus.db"));
        Olympus olympus =
            Olympus.builder()
                .memory(memory)
                .clock(clock)
                .consent(r -> ConsentDecision.allowOnce())
                .tools(ToolRegistry.builder().add(tool).build())
                .build()) {
      return olympus.executor().submit(plan).await();
    }
  }

  @Test
  void aClockStoppedInThePastLetsAHostToolFinish() throws Exception {
    Tool quick =
        Tool.builder("t.quick")
            .description("answers at once")
            .sideEffect(SideEffect.READ_ONLY)
            .handler((input, context) -> JsonNodeFactory.instance.objectNode().put("ok", true));
    PlanResult result =
        run(
            Clock.fixed(LONG_AGO, ZoneOffset.UTC),
            quick,
            onlyStep("t.quick", Duration.ofMinutes(1)));

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
  }

  @Test
  void aClockAheadOfTheSystemStillTimesAHostToolOut() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Tool slow =
        Tool.builder("t.slow")
            .description("waits until interrupted, or gives up waiting after 20 seconds")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) -> {
                  try {
                    never.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return JsonNodeFactory.instance.objectNode().put("late", true);
                });
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));

    PlanResult result = run(ahead, slow, onlyStep("t.slow", Duration.ofMillis(200)));

    assertEquals(PlanState.FAILED, result.state());
    assertEquals(
        StepError.Kind.TIMEOUT, result.errors().get("s").kind(), result.errors()::toString);
  }

  @Test
  void aHostToolReadsItsDeadlineOnOlympussClock() throws Exception {
    Clock stopped = Clock.fixed(LONG_AGO, ZoneOffset.UTC);
    Tool reporting =
        Tool.builder("t.left")
            .description("reports its deadline and the time it has left")
            .sideEffect(SideEffect.READ_ONLY)
            .handler(
                (input, context) ->
                    JsonNodeFactory.instance
                        .objectNode()
                        .put("deadline", context.deadline().toString())
                        .put("left", context.remaining().toString()));
    PlanResult result = run(stopped, reporting, onlyStep("t.left", Duration.ofSeconds(20)));

    assertEquals(PlanState.DONE, result.state(), result.errors()::toString);
    assertEquals(LONG_AGO.plusSeconds(20).toString(), result.output("s").get("deadline").asText());
    assertEquals("PT20S", result.output("s").get("left").asText());
  }

  private static Plan onlyStep(String toolId, Duration deadline) {
    return Plan.builder("one step")
        .step("s", s -> s.uses(toolId).guard(g -> g.deadline(deadline)))
        .build();
  }
}
