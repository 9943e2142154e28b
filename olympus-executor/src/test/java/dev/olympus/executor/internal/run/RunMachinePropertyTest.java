package dev.olympus.executor.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The run state machine on random plans and random outcomes, finishing steps in a random order, on
 * one thread: what the runner's threads do, without the threads.
 */
class RunMachinePropertyTest {
  private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void noStepStartsAfterAFailedDependencyAndThePlanEndsExactlyOnce() {
    qt().withExamples(300)
        .forAll(integers().between(1, 25), integers().between(1, 4), longs().all())
        .checkAssert(RunMachinePropertyTest::runToTheEnd);
  }

  @Test
  void aFailureSkipsExactlyItsWaitingDescendants() {
    qt().withExamples(300)
        .forAll(integers().between(1, 25), longs().all())
        .checkAssert(RunMachinePropertyTest::failOneStep);
  }

  private static void runToTheEnd(int size, int parallelism, long seed) {
    Random random = new Random(seed);
    Plan plan = randomPlan(size, random);
    Recorder effects = new Recorder();
    RunMachine machine = machine(plan, effects);
    effects.machine = machine;
    machine.start(parallelism);
    while (!effects.inFlight.isEmpty()) {
      assertTrue(effects.inFlight.size() <= parallelism, "at most parallelism steps in flight");
      String step = effects.takeRandom(random);
      machine.finished(step, randomOutcome(machine, step, random), parallelism);
    }
    assertTrue(machine.state().isTerminal(), () -> "ended " + machine.state());
    assertEquals(1, effects.ends, "the plan ends exactly once");
    for (String step : plan.topologicalOrder()) {
      assertTrue(machine.status(step).state().isTerminal() || failed(machine, step), step);
    }
    boolean requiredFailure =
        plan.steps().stream().anyMatch(s -> failed(machine, s.name()) && !s.guard().optional());
    assertEquals(requiredFailure ? PlanState.FAILED : PlanState.DONE, machine.state());
  }

  // Every step runs and succeeds until one chosen step fails: the steps skipped for it are exactly
  // its descendants that had not started.
  private static void failOneStep(int size, long seed) {
    Random random = new Random(seed);
    Plan plan = randomPlan(size, random);
    String victim = plan.topologicalOrder().get(random.nextInt(size));
    Recorder effects = new Recorder();
    RunMachine machine = machine(plan, effects);
    effects.machine = machine;
    machine.start(1);
    while (!effects.inFlight.isEmpty()) {
      String step = effects.takeRandom(random);
      if (step.equals(victim)) {
        machine.markRunning(step);
        effects.skippedForAncestor.clear();
        machine.finished(step, new StepOutcome.Failed(new StepError.ToolFailed("x", false)), 1);
        Set<String> expected = optional(plan, victim) ? Set.of() : descendants(plan, victim);
        assertEquals(expected, effects.skippedForAncestor, victim);
      } else {
        machine.markRunning(step);
        machine.finished(step, new StepOutcome.Done(JsonNodeFactory.instance.objectNode()), 1);
      }
    }
    assertEquals(optional(plan, victim) ? PlanState.DONE : PlanState.FAILED, machine.state());
    assertEquals(1, effects.ends);
  }

  private static boolean optional(Plan plan, String step) {
    return plan.step(step).guard().optional();
  }

  private static StepOutcome randomOutcome(RunMachine machine, String step, Random random) {
    if (random.nextInt(8) == 0) {
      return new StepOutcome.Failed(new StepError.BudgetExceeded("spent")); // before it ran
    }
    if (!machine.markRunning(step)) {
      return new StepOutcome.NotStarted(); // the plan began failing while it was dispatched
    }
    return random.nextInt(5) == 0
        ? new StepOutcome.Failed(new StepError.ToolFailed("boom", false))
        : new StepOutcome.Done(JsonNodeFactory.instance.objectNode().put("step", step));
  }

  private static boolean failed(RunMachine machine, String step) {
    return machine.status(step).state() == StepState.FAILED;
  }

  private static RunMachine machine(Plan plan, Recorder effects) {
    return new RunMachine(PlanSnapshot.initial(plan, T), Optional.empty(), () -> T, effects);
  }

  private static Set<String> descendants(Plan plan, String root) {
    Set<String> found = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      for (var step : plan.steps()) {
        if (step.after().contains(next) && found.add(step.name())) {
          todo.push(step.name());
        }
      }
    }
    return found;
  }

  private static Plan randomPlan(int size, Random random) {
    Plan.Builder builder = Plan.builder("random");
    for (int i = 0; i < size; i++) {
      TreeSet<String> deps = new TreeSet<>();
      int count = i == 0 ? 0 : random.nextInt(Math.min(i, 3) + 1);
      for (int k = 0; k < count; k++) {
        deps.add("s" + random.nextInt(i));
      }
      boolean optional = random.nextInt(6) == 0;
      builder.step(
          "s" + i,
          s -> s.uses("t.x").after(deps.toArray(String[]::new)).guard(g -> g.optional(optional)));
    }
    return builder.build();
  }

  /** Records what the machine causes, and checks that no step starts after a failed dependency. */
  private static final class Recorder implements RunMachine.Effects {
    RunMachine machine;
    final List<String> inFlight = new ArrayList<>();
    final Set<String> skippedForAncestor = new TreeSet<>();
    final Set<String> started = new HashSet<>();
    int ends;

    String takeRandom(Random random) {
      return inFlight.remove(random.nextInt(inFlight.size()));
    }

    @Override
    public void persist(Map<String, StepStatus> changed, List<PlanEvent> events) {
      assertEquals(0, ends, "nothing changes after the plan ended");
      for (PlanEvent event : events) {
        String to = event.data().path("to").asText();
        if (event.kind().equals(PlanEvent.PLAN_STATE) && PlanState.valueOf(to).isTerminal()) {
          ends++;
        }
        if (event.stepError().orElse(null) instanceof StepError.AncestorFailed) {
          skippedForAncestor.add(event.stepId().orElseThrow());
        }
      }
    }

    @Override
    public void note(PlanEvent event) {}

    @Override
    public void dispatch(String step, Map<String, JsonNode> outputs, boolean preApproved) {
      assertTrue(started.add(step), step + " starts at most once");
      assertFalse(inFlight.contains(step));
      for (String dependency : machine.snapshot().plan().step(step).after()) {
        StepStatus status = machine.status(dependency);
        boolean optionalFailure =
            status.state() == StepState.FAILED
                && machine.snapshot().plan().step(dependency).guard().optional();
        assertTrue(
            status.state() == StepState.DONE || optionalFailure,
            step + " started after " + dependency + " was " + status.state());
      }
      inFlight.add(step);
    }

    @Override
    public void cancelInFlight() {}
  }
}
