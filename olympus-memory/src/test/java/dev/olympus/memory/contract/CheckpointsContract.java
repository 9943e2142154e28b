package dev.olympus.memory.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Incremental, atomic checkpoint updates (events and step rows in one transaction). Part of the
 * MemoryStore contract; see {@link StoreContract}.
 */
public abstract class CheckpointsContract extends StoreContract {
  private static final Instant T = Instant.parse("2026-11-25T10:00:00.000000123Z");

  private static Plan plan() {
    return Plan.builder("p")
        .id("plan-1")
        .step("a", s -> s.uses("x"))
        .step("b", s -> s.uses("x").after("a"))
        .build();
  }

  @Test
  void updatesOverlayTheSavedSnapshotAndSurviveReopening() {
    PlanSnapshot initial = PlanSnapshot.initial(plan(), T);
    StepStatus done =
        StepStatus.pending()
            .running(T)
            .done(JsonNodeFactory.instance.objectNode().put("v", 1), T.plusSeconds(1));
    try (MemoryStore memory = options().build()) {
      memory.checkpoints().save(initial);
      memory
          .checkpoints()
          .update(
              "plan-1",
              PlanState.RUNNING,
              Map.of("a", done),
              List.of(PlanEvent.stepState("plan-1", "a", StepState.RUNNING, StepState.DONE, "", T)),
              T.plusSeconds(2));
    }
    try (MemoryStore memory = options().build()) {
      PlanSnapshot loaded = memory.checkpoints().load("plan-1").orElseThrow();
      assertEquals(PlanState.RUNNING, loaded.state());
      assertEquals(done, loaded.step("a"));
      assertEquals(StepStatus.pending(), loaded.step("b"));
      assertEquals(T.plusSeconds(2), loaded.updatedAt());
      assertEquals(
          List.of("plan-1"),
          memory.checkpoints().byState(EnumSet.of(PlanState.RUNNING)).stream()
              .map(PlanSnapshot::planId)
              .toList());
      assertEquals(1, memory.events().byPlan("plan-1").size());
      assertTrue(memory.events().verify().intact());
    }
  }

  @Test
  void aFailedUpdateWritesNothing() {
    try (MemoryStore memory = options().build()) {
      memory.checkpoints().save(PlanSnapshot.initial(plan(), T));
      List<PlanEvent> events =
          List.of(PlanEvent.planState("plan-1", PlanState.DRAFT, PlanState.QUEUED, T));
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  memory
                      .checkpoints()
                      .update(
                          "plan-1",
                          PlanState.QUEUED,
                          Map.of("ghost", StepStatus.pending()),
                          events,
                          T));
      assertTrue(e.getMessage().contains("no step 'ghost'"), e.getMessage());
      assertEquals(PlanState.DRAFT, memory.checkpoints().load("plan-1").orElseThrow().state());
      assertEquals(0, memory.events().byPlan("plan-1").size());
      assertThrows(
          IllegalArgumentException.class,
          () -> memory.checkpoints().update("nope", PlanState.QUEUED, Map.of(), List.of(), T));
    }
  }

  // A load read the plan's row and its step rows in two statements: an update committed between
  // them (by another process, or a thread of this one) gave a plan state from before it with step
  // statuses from after it. Here the state is RUNNING exactly when step a's attempts are even.
  @Test
  void aLoadNeverMixesTheRowsOfTwoUpdates() throws Exception {
    try (MemoryStore writer = options().build();
        MemoryStore reader = options().build()) {
      writer.checkpoints().save(PlanSnapshot.initial(plan(), T));
      AtomicInteger loads = new AtomicInteger();
      List<String> mixed = new CopyOnWriteArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      Thread loader =
          new Thread(
              () -> {
                while (!stop.get()) {
                  PlanSnapshot loaded = reader.checkpoints().load("plan-1").orElseThrow();
                  boolean even = loaded.step("a").attempts() % 2 == 0;
                  if (loaded.state() != PlanState.DRAFT
                      && (loaded.state() == PlanState.RUNNING) != even) {
                    mixed.add(loaded.state() + " with attempts " + loaded.step("a").attempts());
                  }
                  loads.incrementAndGet();
                }
              });
      loader.start();
      try {
        for (int i = 1; i <= 300 || loads.get() < 300; i++) {
          StepStatus a =
              new StepStatus(
                  StepState.RUNNING,
                  i,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(T),
                  Optional.empty());
          writer
              .checkpoints()
              .update(
                  "plan-1",
                  i % 2 == 0 ? PlanState.RUNNING : PlanState.PAUSED,
                  Map.of("a", a),
                  List.of(),
                  T.plusMillis(i));
        }
      } finally {
        stop.set(true);
        loader.join();
      }
      assertEquals(List.of(), mixed.subList(0, Math.min(5, mixed.size())));
    }
  }
}
